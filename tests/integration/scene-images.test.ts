import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addScene, pinSceneImage, setSceneTitle } from '../../shared/project-doc.ts';
import type { GeneratedAssetRecord } from '../../shared/render/asset-record.ts';
import type { RenderEstimate } from '../../shared/render/estimate.ts';
import type { SceneImage, SceneImageMessage } from '../../shared/render/image-job.ts';
import { connectClient, waitFor, type CollabClient } from '../support/collab-client.ts';
import { addMember } from '../support/members.ts';
import { RenderNode } from '../support/render-node.ts';
import { committedRender } from '../support/revisions.ts';
import { api, createProject, signUp, WebServer } from '../support/web-server.ts';

/**
 * Regenerate and variants, asset records and estimates (issue 14, ADR 0041)
 * through the API, with a real render node painting procedural pictures:
 * a second collaborator is told of every variant live, a picked variant is
 * rendered as is, and the estimate says which scenes a render already made.
 */
describe('scene images, asset records and estimates', () => {
  let web: WebServer;
  let node: RenderNode;
  let owner: Awaited<ReturnType<typeof signUp>>;
  let editor: Awaited<ReturnType<typeof signUp>>;
  let viewer: Awaited<ReturnType<typeof signUp>>;
  let stranger: Awaited<ReturnType<typeof signUp>>;
  let projectId: string;
  let client: CollabClient;
  let watcher: CollabClient;
  const messages: SceneImageMessage[] = [];
  let sceneIds: string[];

  before(async () => {
    web = await new WebServer().start();
    node = await new RenderNode(web).start();
    owner = await signUp(web.url, 'Owner');
    editor = await signUp(web.url, 'Editor');
    viewer = await signUp(web.url, 'Viewer');
    stranger = await signUp(web.url, 'Stranger');
    projectId = await createProject(web.url, owner.token, 'Lighthouse');
    await addMember(web, owner.token, projectId, editor, 'editor');
    await addMember(web, owner.token, projectId, viewer, 'viewer');
    client = await connectClient(web.url, owner.token, projectId);
    await waitFor(() => client.provider.isSynced, 'synced');
    sceneIds = [
      addScene(client.doc, { title: 'Dawn', prompt: 'a lighthouse at dawn', durationSec: 1 }),
      addScene(client.doc, { title: 'Storm', prompt: 'waves and rain', durationSec: 1 }),
    ];
    await client.settled();
    watcher = await connectClient(web.url, viewer.token, projectId);
    await waitFor(() => watcher.provider.isSynced, 'watcher synced');
    watcher.provider.on('stateless', ({ payload }: { payload: string }) => {
      const message = JSON.parse(payload) as SceneImageMessage;
      if (message.type === 'scene-image') messages.push(message);
    });
  });
  after(async () => {
    client?.destroy();
    watcher?.destroy();
    await node?.kill();
    await web?.stop();
  });

  const images = (sceneId: string, token: string, body?: unknown) =>
    api(
      web.url,
      body === undefined ? 'GET' : 'POST',
      `/api/v1/projects/${projectId}/scenes/${sceneId}/images`,
      {
        token,
        ...(body === undefined ? {} : { body }),
      },
    );

  test('bad requests are refused, naming the field, before anything is queued', async () => {
    for (const [body, field] of [
      [{ count: 5 }, 'count'],
      [{ count: 0 }, 'count'],
      [{ seed: -1 }, 'seed'],
      [{ seed: 'x' }, 'seed'],
    ] as const) {
      const res = await images(sceneIds[0]!, owner.token, body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.ok(field in res.body.error.details.fields, JSON.stringify(res.body));
    }
    assert.equal((await images(sceneIds[0]!, owner.token, { count: 1, extra: 1 })).status, 422);
    assert.equal((await images('no-such-scene', owner.token, { count: 1 })).status, 404);
    assert.equal((await images(sceneIds[0]!, viewer.token, { count: 1 })).status, 403);
    assert.equal((await images(sceneIds[0]!, stranger.token, { count: 1 })).status, 404);
    assert.equal((await images(sceneIds[0]!, stranger.token)).status, 404);
    assert.deepEqual((await images(sceneIds[0]!, owner.token)).body.images, []);
  });

  let picked: SceneImage;

  test('variants: four pictures made by the node, told live to a viewer, listed with their records', async () => {
    const asked = await images(sceneIds[0]!, editor.token, { seed: 10, count: 4 });
    assert.equal(asked.status, 202, JSON.stringify(asked.body));
    const ids = (asked.body.images as SceneImage[]).map((i) => i.id);
    assert.deepEqual(
      (asked.body.images as SceneImage[]).map((i) => i.seed),
      [10, 11, 12, 13],
    );
    assert.equal(new Set(ids).size, 4);
    // The viewer is told of each one as it is asked for, and as it finishes.
    await waitFor(
      () => ids.every((id) => messages.some((m) => m.image.id === id && m.image.status === 'done')),
      'every variant done, told live',
      120_000,
    );
    const listed = (await images(sceneIds[0]!, viewer.token)).body.images as SceneImage[];
    assert.equal(listed.length, 4);
    for (const image of listed) {
      assert.equal(image.status, 'done');
      assert.match(image.hash!, /^[0-9a-f]{64}$/);
      assert.equal(image.record!.engine.id, 'procedural');
      assert.equal(image.record!.seed, image.seed);
      assert.equal(image.record!.prompt, 'a lighthouse at dawn');
      assert.equal(image.record!.provider, 'none');
      assert.equal(image.record!.nodeId, 'test-node');
    }
    assert.equal(new Set(listed.map((i) => i.hash)).size, 4, 'another seed, another picture');
    // Asking for a seed again is the same job: nothing new is made.
    const again = await images(sceneIds[0]!, owner.token, { seed: 12, count: 1 });
    assert.equal(again.body.images[0].id, ids[2]);
    assert.equal((await images(sceneIds[0]!, owner.token)).body.images.length, 4);
    picked = listed.find((i) => i.seed === 12)!;
  });

  test('GET /assets/:hash: members read the record and picture; anyone else gets 404', async () => {
    for (const member of [owner, editor, viewer]) {
      const res = await api(web.url, 'GET', `/api/v1/assets/${picked.hash}`, {
        token: member.token,
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const record = res.body.record as GeneratedAssetRecord;
      assert.equal(record.hash, picked.hash);
      assert.equal(record.kind, 'picture');
      assert.equal(record.seed, 12);
      assert.equal(record.width, 1920);
      assert.equal(record.height, 1080);
      assert.ok(record.durationMs >= 0);
    }
    const png = await fetch(`${web.url}/api/v1/assets/${picked.hash}.png`, {
      headers: { authorization: `Bearer ${viewer.token}` },
    });
    assert.equal(png.status, 200);
    assert.equal(png.headers.get('content-type'), 'image/png');
    assert.deepEqual([...new Uint8Array(await png.arrayBuffer()).slice(1, 4)], [0x50, 0x4e, 0x47]);
    // A hash is not a secret: knowing it opens nothing.
    assert.equal(
      (await api(web.url, 'GET', `/api/v1/assets/${picked.hash}`, { token: stranger.token }))
        .status,
      404,
    );
    const strangerPng = await fetch(`${web.url}/api/v1/assets/${picked.hash}.png`, {
      headers: { authorization: `Bearer ${stranger.token}` },
    });
    assert.equal(strangerPng.status, 404);
    assert.equal(
      (await api(web.url, 'GET', `/api/v1/assets/${'f'.repeat(64)}`, { token: owner.token }))
        .status,
      404,
    );
    assert.equal(
      (await api(web.url, 'GET', '/api/v1/assets/..%2F..%2Fetc', { token: owner.token })).status,
      404,
    );
    assert.equal((await api(web.url, 'GET', `/api/v1/assets/${picked.hash}`, {})).status, 401);
  });

  let revisionId: string;

  test('a picked variant renders as is; the estimate then says its scenes are cached, and not a changed one', async () => {
    assert.ok(pinSceneImage(client.doc, sceneIds[0]!, { image: picked.hash, seed: picked.seed }));
    const renderId = await committedRender(web, owner.token, projectId, client, 'picked');
    const { body } = await api(web.url, 'GET', `/api/v1/renders/${renderId}`, {
      token: owner.token,
    });
    revisionId = body.render.revisionId as string;
    assert.equal(body.render.status, 'done');
    // The pinned picture is fitted to the frame as an upload: the engine drew only the other scene.
    const drawn = (body.render.output.depictions as { sceneId: string }[]).map((d) => d.sceneId);
    assert.deepEqual(drawn, [sceneIds[1]]);
    const estimate = async (id: string) => {
      const res = await api(web.url, 'POST', `/api/v1/projects/${projectId}/renders/estimate`, {
        token: owner.token,
        body: { revisionId: id, preset: '720p-draft' },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.estimate as RenderEstimate;
    };
    const cached = await estimate(revisionId);
    assert.deepEqual(
      cached.scenes.map((s) => [s.sceneId, s.cached]),
      sceneIds.map((id) => [id, true]),
    );
    assert.equal(cached.totals.seconds, 0);
    assert.equal(cached.totals.cachedScenes, 2);

    setSceneTitle(client.doc, sceneIds[1]!, 'Storm, later');
    await client.settled();
    const committed = await api(web.url, 'POST', `/api/v1/projects/${projectId}/revisions`, {
      token: owner.token,
      body: { message: 'retitled' },
    });
    const changed = await estimate(committed.body.revision.id as string);
    const [first, second] = changed.scenes;
    assert.equal(first!.cached, true);
    assert.equal(second!.cached, false);
    assert.ok(second!.seconds.image > 0 && second!.seconds.segment > 0, JSON.stringify(second));
    assert.equal(changed.totals.seconds, second!.totalSeconds);
    // The render measured its stages: the estimate prices them from that history.
    assert.equal(changed.measured, true, JSON.stringify(changed));
  });

  test('estimate: bad input and strangers are refused', async () => {
    const ask = (token: string, body: unknown) =>
      api(web.url, 'POST', `/api/v1/projects/${projectId}/renders/estimate`, { token, body });
    assert.equal((await ask(owner.token, { revisionId: 'nope' })).status, 422);
    assert.equal((await ask(owner.token, { revisionId, preset: '8k' })).status, 422);
    assert.equal((await ask(owner.token, { revisionId: 'a'.repeat(64) })).status, 404);
    assert.equal((await ask(viewer.token, { revisionId })).status, 403);
    assert.equal((await ask(stranger.token, { revisionId })).status, 404);
  });
});
