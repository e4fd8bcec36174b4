import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addScene, sceneText } from '../../shared/project-doc.ts';
import { api, signUp, WebServer } from '../support/web-server.ts';
import { connectClient, waitFor } from '../support/collab-client.ts';

/** Persistence of the live document across graceful and brutal restarts (PGlite, the embedded default). */
describe('collab persistence', () => {
  let server: WebServer;
  let owner: Awaited<ReturnType<typeof signUp>>;

  before(async () => {
    server = await new WebServer().start();
    owner = await signUp(server.url, 'Owner');
  });
  after(() => server.stop());

  async function newProject() {
    const res = await api(server.url, 'POST', '/api/v1/projects', {
      token: owner.token,
      body: { title: 'Persist' },
    });
    assert.equal(res.status, 201);
    return res.body.project.id as string;
  }

  async function storedTitles(projectId: string) {
    const res = await api(server.url, 'GET', `/api/v1/projects/${projectId}`, {
      token: owner.token,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body.timeline.scenes as { title: string }[]).map((s) => s.title);
  }

  test('edit, SIGTERM, restart: the edit is intact', async () => {
    const projectId = await newProject();
    const client = await connectClient(server.url, owner.token, projectId);
    await waitFor(() => client.provider.isSynced, 'initial sync');
    addScene(client.doc, { title: 'Survives SIGTERM' });
    await client.settled();
    assert.equal(await server.kill('SIGTERM'), 0);
    client.destroy(); // so it cannot push its copy back after the restart
    await server.start();
    assert.deepEqual(await storedTitles(projectId), ['Survives SIGTERM']);
  });

  test('kill -9 with a client connected: after restart and reconnect, intact', async () => {
    const projectId = await newProject();
    const client = await connectClient(server.url, owner.token, projectId);
    await waitFor(() => client.provider.isSynced, 'initial sync');
    const id = addScene(client.doc, { title: 'Connected', narration: 'Hello' });
    await client.settled();
    await server.kill('SIGKILL');
    // Edited while the server is down: kept by the client, sent on reconnect.
    sceneText(client.doc, id, 'narration')!.insert(5, ' world');
    await server.start();
    await waitFor(
      () => client.provider.isSynced && !client.provider.hasUnsyncedChanges,
      'reconnect',
      20_000,
    );
    const observer = await connectClient(server.url, owner.token, projectId);
    await waitFor(() => observer.doc.getMap('scenes').size === 1, 'observer sees scene');
    assert.equal(sceneText(observer.doc, id, 'narration')!.toString(), 'Hello world');
    observer.destroy();
    client.destroy();
  });

  test('kill -9 with no client left: every update received 250 ms before the kill survives', async () => {
    const projectId = await newProject();
    const client = await connectClient(server.url, owner.token, projectId);
    await waitFor(() => client.provider.isSynced, 'initial sync');
    const titles: string[] = [];
    for (let i = 0; i < 20; i++) {
      titles.push(`Scene ${i}`);
      addScene(client.doc, { title: `Scene ${i}` });
      if (i % 5 === 4) await client.settled();
    }
    await client.settled();
    client.destroy();
    await new Promise((r) => setTimeout(r, 260));
    await server.kill('SIGKILL');
    await server.start();
    assert.deepEqual(await storedTitles(projectId), titles);
  });
});
