import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addScene, listScenes, sceneText } from '../../shared/project-doc.ts';
import { api, signUp, WebServer } from '../support/web-server.ts';
import { connectClient, waitFor } from '../support/collab-client.ts';
import { postgresSchema } from '../support/postgres.ts';

/** Two web instances on one Redis and one PostgreSQL database. */
describe('two web instances', () => {
  let pgSchema: Awaited<ReturnType<typeof postgresSchema>>;
  let one: WebServer;
  let two: WebServer;

  before(async () => {
    pgSchema = await postgresSchema();
    one = await new WebServer({ env: pgSchema.env }).start();
    two = await new WebServer({ shareWith: one }).start();
  });
  after(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await pgSchema?.drop();
  });

  test('an edit through one instance reaches a client of the other, and both persist it', async () => {
    const owner = await signUp(one.url, 'Owner');
    const project = await api(one.url, 'POST', '/api/v1/projects', {
      token: owner.token,
      body: { title: 'Shared' },
    });
    const projectId = project.body.project.id as string;
    const a = await connectClient(one.url, owner.token, projectId);
    const b = await connectClient(two.url, owner.token, projectId);
    await waitFor(() => a.provider.isSynced && b.provider.isSynced, 'both synced');

    const id = addScene(a.doc, { title: 'From instance one', narration: 'one' });
    await waitFor(() => listScenes(b.doc).some((s) => s.id === id), 'scene reaches instance two');
    sceneText(b.doc, id, 'narration')!.insert(3, ' and two');
    await waitFor(
      () => sceneText(a.doc, id, 'narration')?.toString() === 'one and two',
      'text reaches instance one',
    );

    await Promise.all([a.settled(), b.settled()]);
    a.destroy();
    b.destroy();
    // Stop both (flushing), start one again: the stored document has both edits.
    await two.kill('SIGTERM');
    await one.kill('SIGTERM');
    await one.start();
    const stored = await api(one.url, 'GET', `/api/v1/projects/${projectId}`, {
      token: owner.token,
    });
    assert.equal(stored.body.timeline.scenes[0].narration, 'one and two');
  });
});
