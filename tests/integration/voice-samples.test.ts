import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWavHeader } from '../../render-node/engines/voice/wav-duration.ts';
import { api, createProject, signUp, WebServer } from '../support/web-server.ts';
import { addMember } from '../support/members.ts';
import { RenderNode } from '../support/render-node.ts';

/** POST a voice sample, spoken by a real render node (espeak-ng), then GET its WAV. */
describe('voice samples', () => {
  let web: WebServer;
  let node: RenderNode;
  let owner: Awaited<ReturnType<typeof signUp>>;
  let projectId: string;

  before(async () => {
    web = await new WebServer().start();
    node = await new RenderNode(web).start();
    owner = await signUp(web.url, 'Director');
    projectId = await createProject(web.url, owner.token);
  });
  after(async () => {
    await node?.kill();
    await web?.stop();
  });

  const body = {
    voice: { engine: 'espeak-ng', voice: 'fr+f3', rate: 1, pitch: 1.3 },
    name: 'Nadia',
    language: 'fr',
  };
  const ask = (token: string | undefined, payload: unknown = body, id = projectId) =>
    api(web.url, 'POST', `/api/v1/projects/${id}/voice-samples`, {
      ...(token ? { token } : {}),
      body: payload,
    });

  test('a member gets a WAV in the voice, made once and then served from the store', async () => {
    const first = await ask(owner.token);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.match(first.body.sample.url, /^\/api\/v1\/voice-samples\/[0-9a-f]{64}\.wav$/);
    assert.equal(first.body.sample.cached, false);

    const wav = await fetch(`${web.url}${first.body.sample.url}`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    assert.equal(wav.status, 200);
    assert.equal(wav.headers.get('content-type'), 'audio/wav');
    assert.match(wav.headers.get('cache-control') ?? '', /private.*immutable/);
    const bytes = new Uint8Array(await wav.arrayBuffer());
    const info = parseWavHeader(bytes, bytes.length);
    assert.ok(info.durationSec > 0.5 && info.durationSec < 5, `${info.durationSec} s`);

    const again = await ask(owner.token);
    assert.equal(again.body.sample.url, first.body.sample.url);
    assert.equal(again.body.sample.cached, true);
  });

  test('viewers may listen; strangers and anonymous callers may not', async () => {
    const viewer = await signUp(web.url, 'Viewer');
    await addMember(web, owner.token, projectId, viewer, 'viewer');
    assert.equal((await ask(viewer.token)).status, 200);
    const stranger = await signUp(web.url, 'Stranger');
    assert.equal((await ask(stranger.token)).status, 404);
    assert.equal((await ask(undefined)).status, 401);
    const key = (await ask(owner.token)).body.sample.url as string;
    assert.equal((await api(web.url, 'GET', key)).status, 401);
    assert.equal(
      (
        await api(web.url, 'GET', `/api/v1/voice-samples/${'0'.repeat(64)}.wav`, {
          token: owner.token,
        })
      ).status,
      404,
    );
  });

  test('bad input is a 422 naming the field, and no job is queued', async () => {
    const cases: [unknown, string][] = [
      [{ ...body, voice: { ...body.voice, voice: '--help' } }, 'voice.voice'],
      [{ ...body, voice: { ...body.voice, rate: 7 } }, 'voice.rate'],
      [{ ...body, name: '' }, 'name'],
      [{ ...body, name: 'Na\u202edia' }, 'name'],
      [{ ...body, name: 'x'.repeat(500) }, 'name'],
      [{ ...body, language: 'de' }, 'language'],
      [{ ...body, extra: 1 }, ''],
    ];
    for (const [payload, field] of cases) {
      const res = await ask(owner.token, payload);
      assert.equal(res.status, 422, JSON.stringify(payload));
      if (field) assert.ok(field in res.body.error.details.fields, JSON.stringify(res.body));
    }
  });
});
