import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, createProject, signUp, WebServer } from '../support/web-server.ts';
import { addMember } from '../support/members.ts';
import { RenderNode } from '../support/render-node.ts';

const GENERATE = (projectId: string) => `/api/v1/projects/${projectId}/music/generate`;

/**
 * POST /projects/:id/music/generate and GET /music/:id (issue 18, ADR 0036).
 * Every test but the last needs no render node: a queued generation is read
 * from its job. The last one composes for real (the render node's
 * `music-generate` worker).
 */
describe('generated soundtracks: the API', () => {
  let web: WebServer;
  let owner: Awaited<ReturnType<typeof signUp>>;
  let projectId: string;

  before(async () => {
    web = await new WebServer().start();
    owner = await signUp(web.url, 'Composer');
    projectId = await createProject(web.url, owner.token);
  });
  after(async () => {
    await web?.stop();
  });

  const ask = (token: string | undefined, body: unknown, id = projectId) =>
    api(web.url, 'POST', GENERATE(id), { ...(token ? { token } : {}), body });

  test('bad values are a 422 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ mood: 'angry' }, 'mood'],
      [{ genre: 'polka' }, 'genre'],
      [{ durationSec: 0 }, 'durationSec'],
      [{ durationSec: 99_999 }, 'durationSec'],
      [{ durationSec: 'long' }, 'durationSec'],
      [{ tempo: 49 }, 'tempo'],
      [{ tempo: 181 }, 'tempo'],
      [{ tempo: 90.5 }, 'tempo'],
      [{ key: 'H major' }, 'key'],
      [{ key: 'C major; rm -rf /' }, 'key'],
      [{ instruments: ['kazoo'] }, 'instruments.0'],
      [{ instruments: [] }, 'instruments'],
      [{ followStory: 'yes' }, 'followStory'],
      [{ seed: -1 }, 'seed'],
      [{ seed: 2 ** 31 }, 'seed'],
    ];
    for (const [payload, field] of cases) {
      const res = await ask(owner.token, payload);
      assert.equal(res.status, 422, JSON.stringify(payload));
      assert.ok(field in res.body.error.details.fields, `${field}: ${JSON.stringify(res.body)}`);
    }
    const extra = await ask(owner.token, { durationSec: 10, volume: 1 });
    assert.equal(extra.status, 422);
  });

  test('a project with no scenes needs a duration, and has no story to follow', async () => {
    const empty = await createProject(web.url, owner.token, 'Empty');
    const noLength = await ask(owner.token, {}, empty);
    assert.equal(noLength.status, 422);
    assert.ok('durationSec' in noLength.body.error.details.fields);
    const noStory = await ask(owner.token, { followStory: true, durationSec: 30 }, empty);
    assert.equal(noStory.status, 422);
    assert.ok('followStory' in noStory.body.error.details.fields);
  });

  test('editors and owners generate; viewers are refused, strangers see nothing', async () => {
    const body = { mood: 'calm', genre: 'piano', durationSec: 12, seed: 7 };
    const created = await ask(owner.token, body);
    assert.equal(created.status, 202, JSON.stringify(created.body));
    assert.match(created.body.id, /^[0-9a-f]{64}$/);
    assert.ok(['queued', 'running', 'done'].includes(created.body.status));
    // The same inputs are the same generation.
    assert.equal((await ask(owner.token, body)).body.id, created.body.id);

    const editor = await signUp(web.url, 'Editor');
    const viewer = await signUp(web.url, 'Viewer');
    const stranger = await signUp(web.url, 'Stranger');
    await addMember(web, owner.token, projectId, editor, 'editor');
    await addMember(web, owner.token, projectId, viewer, 'viewer');
    assert.equal((await ask(editor.token, { ...body, seed: 8 })).status, 202);
    assert.equal((await ask(viewer.token, body)).status, 403);
    assert.equal((await ask(stranger.token, body)).status, 404);
    assert.equal((await ask(undefined, body)).status, 401);

    const read = (token: string | undefined, id = created.body.id as string) =>
      api(web.url, 'GET', `/api/v1/music/${id}`, token ? { token } : {});
    for (const member of [owner, editor, viewer]) {
      const res = await read(member.token);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.id, created.body.id);
      assert.ok(['queued', 'running', 'done'].includes(res.body.status));
      assert.equal(typeof res.body.progress, 'number');
    }
    assert.equal((await read(stranger.token)).status, 404);
    assert.equal((await read(undefined)).status, 401);
    assert.equal((await read(owner.token, 'f'.repeat(64))).status, 404);
    const audio = await api(web.url, 'GET', `/api/v1/music/${created.body.id}/audio.flac`, {
      token: stranger.token,
    });
    assert.equal(audio.status, 404);
  });

  test("a stranger cannot generate for someone else's project nor read its generations", async () => {
    const stranger = await signUp(web.url, 'Outsider');
    const own = await createProject(web.url, stranger.token, 'Mine');
    // Asking for the same inputs on one's own project does not open the other project's generation.
    const theirs = await ask(owner.token, { durationSec: 20, seed: 99 });
    const mine = await ask(stranger.token, { durationSec: 20, seed: 99 }, own);
    assert.equal(mine.status, 202);
    assert.equal(mine.body.id, theirs.body.id, 'same inputs, one job');
    assert.equal(
      (await api(web.url, 'GET', `/api/v1/music/${mine.body.id}`, { token: stranger.token }))
        .status,
      200,
    );
    assert.equal((await ask(stranger.token, { durationSec: 20 })).status, 404);
    const other = await ask(owner.token, { durationSec: 20, seed: 100 });
    const res = await api(web.url, 'GET', `/api/v1/music/${other.body.id}`, {
      token: stranger.token,
    });
    assert.equal(res.status, 404);
  });

  test('without a seed each request gets its own', async () => {
    const a = await ask(owner.token, { durationSec: 15 });
    const b = await ask(owner.token, { durationSec: 15 });
    assert.equal(a.status, 202);
    assert.notEqual(a.body.id, b.body.id);
  });
});

/**
 * End to end with a real render node: needs its `music-generate` worker
 * (the engine, issue 18 part 1). The generation finishes with its record
 * and its audio, served with Range.
 */
describe('generated soundtracks: composed by a render node', () => {
  let web: WebServer;
  let node: RenderNode;
  let owner: Awaited<ReturnType<typeof signUp>>;
  let projectId: string;

  before(async () => {
    web = await new WebServer().start();
    node = await new RenderNode(web).start();
    owner = await signUp(web.url, 'Listener');
    const res = await api(web.url, 'POST', '/api/v1/projects', {
      token: owner.token,
      body: { from: { sample: 'le-fournil' } },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    projectId = res.body.project.id;
  });
  after(async () => {
    await node?.kill();
    await web?.stop();
  });

  test('the generation finishes: its record and its audio, with Range', async () => {
    const created = await api(web.url, 'POST', GENERATE(projectId), {
      token: owner.token,
      body: { mood: 'hopeful', genre: 'piano', durationSec: 8, seed: 3, followStory: true },
    });
    assert.equal(created.status, 202, JSON.stringify(created.body));
    let state = created.body;
    for (
      let tries = 0;
      tries < 240 && state.status !== 'done' && state.status !== 'failed';
      tries++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      state = (
        await api(web.url, 'GET', `/api/v1/music/${created.body.id}`, { token: owner.token })
      ).body;
    }
    assert.equal(state.status, 'done', JSON.stringify(state));
    assert.equal(state.progress, 100);
    const asset = state.asset;
    assert.match(asset.hash, /^[0-9a-f]{64}$/);
    assert.ok(Math.abs(asset.durationSec - 8) < 0.1, String(asset.durationSec));
    assert.equal(asset.seed, 3);
    assert.equal(asset.genre, 'piano');
    assert.equal(asset.followStory, true);
    assert.ok(asset.loopPoints.end > asset.loopPoints.start);
    assert.equal(typeof asset.engine, 'string');
    assert.equal(asset.url, `/api/v1/music/${created.body.id}/audio.flac`);

    const whole = await fetch(`${web.url}${asset.url}`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    assert.equal(whole.status, 200);
    assert.equal(whole.headers.get('content-type'), 'audio/flac');
    const bytes = new Uint8Array(await whole.arrayBuffer());
    assert.equal(new TextDecoder().decode(bytes.subarray(0, 4)), 'fLaC');

    const part = await fetch(`${web.url}${asset.url}`, {
      headers: { authorization: `Bearer ${owner.token}`, range: 'bytes=0-99' },
    });
    assert.equal(part.status, 206);
    assert.equal((await part.arrayBuffer()).byteLength, 100);
    assert.match(
      part.headers.get('content-range') ?? '',
      new RegExp(`^bytes 0-99/${bytes.length}$`),
    );
  });
});
