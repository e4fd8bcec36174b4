import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addScene, scenesMap, setSceneTitle } from '../../shared/project-doc.ts';
import { api, signUp, WebServer } from '../support/web-server.ts';
import { addMember } from '../support/members.ts';
import { connectClient, waitFor } from '../support/collab-client.ts';
import { postgresSchema } from '../support/postgres.ts';

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`revisions (${backend})`, () => {
    let server: WebServer;
    let pg: Awaited<ReturnType<typeof postgresSchema>> | null = null;

    before(async () => {
      if (backend === 'postgres') pg = await postgresSchema();
      server = await new WebServer({ env: pg?.env ?? {} }).start();
    });
    after(async () => {
      await server?.stop();
      await pg?.drop();
    });

    test('commit freezes the live document; unchanged content returns the same revision', async () => {
      const owner = await signUp(server.url, 'Owner');
      const viewer = await signUp(server.url, 'Viewer');
      const stranger = await signUp(server.url, 'Stranger');
      const projectId = (
        await api(server.url, 'POST', '/api/v1/projects', {
          token: owner.token,
          body: { title: 'Film' },
        })
      ).body.project.id as string;
      await addMember(server, owner.token, projectId, viewer, 'viewer');
      const commit = (token: string, message = 'first cut') =>
        api(server.url, 'POST', `/api/v1/projects/${projectId}/revisions`, {
          token,
          body: { message },
        });

      const empty = await commit(owner.token);
      assert.equal(empty.status, 422);
      assert.deepEqual(
        empty.body.error.details.issues.map((i: { path: string[] }) => i.path.join('.')),
        ['scenes'],
      );

      const client = await connectClient(server.url, owner.token, projectId);
      await waitFor(() => client.provider.isSynced, 'synced');
      const silent = addScene(client.doc, { title: 'Opening' });
      await client.settled();
      const unrenderable = await commit(owner.token);
      assert.equal(unrenderable.status, 422);
      assert.equal(unrenderable.body.error.details.issues[0].sceneId, silent);
      assert.ok(unrenderable.body.error.details.fields['scenes.0.narration']);

      scenesMap(client.doc).get(silent)!.set('durationSec', -1);
      await client.settled();
      const invalid = await commit(owner.token);
      assert.equal(invalid.status, 422);
      assert.deepEqual(invalid.body.error.details.issues[0].path, ['scenes', 0, 'durationSec']);
      scenesMap(client.doc).get(silent)!.set('durationSec', 4);
      addScene(client.doc, { title: 'Second', narration: 'The tide turns.' });
      await client.settled();

      const first = await commit(owner.token);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.equal(first.body.revision.number, 1);
      assert.match(first.body.revision.id, /^[0-9a-f]{64}$/);
      assert.equal(first.body.revision.author.name, 'Owner');

      const again = await commit(owner.token, 'same content');
      assert.equal(again.status, 200);
      assert.equal(again.body.revision.id, first.body.revision.id);
      assert.equal(again.body.created, false);

      setSceneTitle(client.doc, silent, 'Opening, revised');
      await client.settled();
      const second = await commit(owner.token, 'retitled');
      assert.equal(second.status, 201);
      assert.equal(second.body.revision.number, 2);
      assert.equal(second.body.revision.parentId, first.body.revision.id);

      const list = await api(server.url, 'GET', `/api/v1/projects/${projectId}/revisions`, {
        token: viewer.token,
      });
      assert.deepEqual(
        list.body.revisions.map((r: { number: number; message: string }) => [r.number, r.message]),
        [
          [2, 'retitled'],
          [1, 'first cut'],
        ],
      );
      const got = await api(server.url, 'GET', `/api/v1/revisions/${first.body.revision.id}`, {
        token: viewer.token,
      });
      assert.equal(got.status, 200);
      assert.equal(got.body.revision.timeline.scenes[0].title, 'Opening');
      assert.equal(got.body.revision.timeline.scenes.length, 2);

      assert.equal((await commit(viewer.token)).status, 403);
      assert.equal((await commit(stranger.token)).status, 404);
      assert.equal(
        (
          await api(server.url, 'GET', `/api/v1/revisions/${first.body.revision.id}`, {
            token: stranger.token,
          })
        ).status,
        404,
      );
      assert.equal(
        (await api(server.url, 'GET', `/api/v1/revisions/${first.body.revision.id}`)).status,
        401,
      );
      client.destroy();
    });
  });
}
