import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addScene, projectMap, scenesMap } from '../../shared/project-doc.ts';
import { api, signUp, WebServer } from '../support/web-server.ts';
import { connectClient, waitFor, type CollabClient } from '../support/collab-client.ts';

/**
 * Issue 9, items 4 and 12: a timeline over the configured limits (scenes per
 * project, seconds per scene, seconds per video) is refused at commit, and
 * again at render creation for revisions committed before a limit was
 * lowered; a voice id that could reach the engine's command line as an
 * option is refused at commit; the renders list is paginated.
 */
describe('timeline limits', () => {
  let server: WebServer;
  let owner: Awaited<ReturnType<typeof signUp>>;
  const clients: CollabClient[] = [];

  before(async () => {
    server = await new WebServer({
      env: { MAX_SCENES_PER_PROJECT: '5', MAX_SCENE_SECONDS: '30', MAX_RENDER_SECONDS: '100' },
    }).start();
    owner = await signUp(server.url, 'Owner');
  });
  after(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
  });

  const call = (method: string, path: string, body?: unknown) =>
    api(server.url, method, path, { token: owner.token, ...(body === undefined ? {} : { body }) });

  /** A project whose live document holds scenes of these durations. */
  const projectWith = async (durations: number[]) => {
    const projectId = (await call('POST', '/api/v1/projects', { title: 'Limits' })).body.project
      .id as string;
    const client = await connectClient(server.url, owner.token, projectId);
    clients.push(client);
    await waitFor(() => client.provider.isSynced, 'synced');
    const ids = durations.map((durationSec, i) =>
      addScene(client.doc, { title: `Scene ${i + 1}`, durationSec }),
    );
    await client.settled();
    return { projectId, client, ids };
  };

  const commit = (projectId: string) =>
    call('POST', `/api/v1/projects/${projectId}/revisions`, { message: 'cut' });

  const assertLimit = (
    res: Awaited<ReturnType<typeof api>>,
    expected: { name: string; value: number; max: number; sceneId?: string },
  ) => {
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'VALIDATION_FAILED');
    assert.match(res.body.error.message, /over the limits/);
    assert.deepEqual(res.body.error.details.limits, [expected]);
    const [issue] = res.body.error.details.issues;
    assert.match(issue.message, new RegExp(`at most ${expected.max}`));
  };

  test('too many scenes: 422 naming MAX_SCENES_PER_PROJECT, the count and the limit', async () => {
    const { projectId } = await projectWith([5, 5, 5, 5, 5, 5]);
    assertLimit(await commit(projectId), { name: 'MAX_SCENES_PER_PROJECT', value: 6, max: 5 });
    const revisions = await call('GET', `/api/v1/projects/${projectId}/revisions`);
    assert.equal(revisions.body.revisions.length, 0, 'nothing committed');
  });

  test('a scene too long: 422 naming MAX_SCENE_SECONDS and the scene', async () => {
    const { projectId, ids } = await projectWith([10, 45]);
    const res = await commit(projectId);
    assertLimit(res, { name: 'MAX_SCENE_SECONDS', value: 45, max: 30, sceneId: ids[1]! });
    assert.deepEqual(res.body.error.details.issues[0].path, ['scenes', 1, 'durationSec']);
    assert.ok(res.body.error.details.fields['scenes.1.durationSec']);
  });

  test('a video too long: 422 naming MAX_RENDER_SECONDS and the total', async () => {
    const { projectId } = await projectWith([30, 30, 30, 30]);
    assertLimit(await commit(projectId), { name: 'MAX_RENDER_SECONDS', value: 120, max: 100 });
  });

  test('the schema bound on one scene still holds (durations over 600 s are refused)', async () => {
    const { projectId, client, ids } = await projectWith([10]);
    scenesMap(client.doc).get(ids[0]!)!.set('durationSec', 3000);
    await client.settled();
    const res = await commit(projectId);
    assert.equal(res.status, 422);
    assert.ok(res.body.error.details.fields['scenes.0.durationSec']);
  });

  test('a voice id that is an option (-w /tmp/x) is refused at commit', async () => {
    const { projectId, client } = await projectWith([10]);
    for (const voice of ['-w /tmp/x', '--path=/tmp', 'en/../../x', 'en fr']) {
      projectMap(client.doc).set('voice', { engine: 'espeak-ng', voice, rate: 1, pitch: 1 });
      await client.settled();
      const res = await commit(projectId);
      assert.equal(res.status, 422, `${voice}: ${JSON.stringify(res.body)}`);
      assert.match(res.body.error.details.fields['voice.voice'], /Voice name must be/);
    }
    projectMap(client.doc).set('voice', { engine: 'espeak-ng', voice: 'en-us', rate: 1, pitch: 1 });
    await client.settled();
    assert.equal((await commit(projectId)).status, 201);
  });

  test('the renders list is paginated, newest first, with scene titles from stored summaries', async () => {
    const { projectId } = await projectWith([10, 10]);
    const committed = await commit(projectId);
    assert.equal(committed.status, 201);
    const revisionId = committed.body.revision.id as string;
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      const render = await call('POST', `/api/v1/projects/${projectId}/renders`, {
        revisionId,
        preset: '720p-draft',
      });
      assert.equal(render.status, 202, JSON.stringify(render.body));
      created.push(render.body.render.id);
      // Cancelled at once: only one live render per revision and preset (and per-user caps).
      assert.equal((await call('DELETE', `/api/v1/renders/${render.body.render.id}`)).status, 200);
    }

    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const query: string = before ? `?limit=2&before=${before}` : '?limit=2';
      const page = await call('GET', `/api/v1/projects/${projectId}/renders${query}`);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      assert.ok(page.body.renders.length <= 2);
      for (const render of page.body.renders) {
        seen.push(render.id);
        assert.deepEqual(
          render.scenes.map((s: { title: string }) => s.title),
          ['Scene 1', 'Scene 2'],
        );
        assert.equal(render.status, 'cancelled');
      }
      before = page.body.nextBefore;
      pages++;
    } while (before);
    assert.equal(pages, 3);
    assert.deepEqual(seen, [...created].reverse(), 'every render once, newest first');

    const whole = await call('GET', `/api/v1/projects/${projectId}/renders`);
    assert.equal(whole.body.renders.length, 5);
    assert.equal(whole.body.nextBefore, null);
    for (const bad of ['?limit=0', '?limit=101', '?limit=x', '?before=..%2F']) {
      const res = await call('GET', `/api/v1/projects/${projectId}/renders${bad}`);
      assert.equal(res.status, 422, bad);
    }
  });

  test('a revision committed under looser limits cannot be rendered past the new ones', async () => {
    const { projectId } = await projectWith([25, 25, 25]);
    const committed = await commit(projectId);
    assert.equal(committed.status, 201);
    for (const client of clients.splice(0)) client.destroy();
    server.env.MAX_RENDER_SECONDS = '60';
    await server.restart();
    const res = await call('POST', `/api/v1/projects/${projectId}/renders`, {
      revisionId: committed.body.revision.id,
    });
    assertLimit(res, { name: 'MAX_RENDER_SECONDS', value: 75, max: 60 });
    const list = await call('GET', `/api/v1/projects/${projectId}/renders`);
    assert.equal(list.body.renders.length, 0, 'no render row written');
  });
});
