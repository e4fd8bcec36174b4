import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { api, REPO_ROOT, signUp, WebServer } from '../support/web-server.ts';

const FIXTURES = path.resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'scripts');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

/** POST /api/v1/analysis/scenes on the real web process (PGlite). */
describe('script analysis API', () => {
  let server: WebServer;
  let token: string;

  before(async () => {
    server = await new WebServer().start();
    token = (await signUp(server.url, 'Ana Lyst')).token;
  });
  after(async () => {
    await server?.stop();
  });

  const analyse = (body: unknown, auth = true) =>
    api(server.url, 'POST', '/api/v1/analysis/scenes', { ...(auth ? { token } : {}), body });

  const expectations = [
    { file: 'night-market.fountain', format: 'screenplay', language: 'en', scenes: [3, 3] },
    { file: 'explainer.en.md', format: 'storyboard', language: 'en', scenes: [5, 5] },
    { file: 'lighthouse.en.md', format: 'prose', language: 'en', scenes: [4, 8] },
    { file: 'le-prince.fr.md', format: 'prose', language: 'fr', scenes: [4, 8] },
  ] as const;

  for (const { file, format, language, scenes } of expectations) {
    test(`200 with the breakdown of ${file}`, async () => {
      const res = await analyse({ text: fixture(file) });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.version, 1);
      assert.equal(res.body.format, format);
      assert.equal(res.body.language, language);
      const count = res.body.scenes.length as number;
      assert.ok(count >= scenes[0] && count <= scenes[1], `${file}: ${count} scenes`);
      assert.ok(res.body.stats.words > 0);
      assert.ok(Array.isArray(res.body.cast) && Array.isArray(res.body.warnings));
    });
  }

  test('the options reach the analyser', async () => {
    const res = await analyse({
      text: fixture('lighthouse.en.md'),
      format: 'prose',
      language: 'en',
      stylePreset: 'watercolor',
      targetScenes: 7,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.stylePreset, 'watercolor');
    assert.equal(res.body.scenes.length, 7);
    const titles = (await analyse({ text: fixture('explainer.en.md') })).body.scenes.map(
      (s: { title: string }) => s.title,
    );
    assert.deepEqual(titles, [
      'Hook',
      'The problem',
      'How it works',
      'The numbers',
      'Call to action',
    ]);
  });

  test('401 without a session', async () => {
    const res = await analyse({ text: fixture('explainer.en.md') }, false);
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'UNAUTHENTICATED');
  });

  test('413 above 1 MB of text, naming the limit; a text just under 1 MB is accepted', async () => {
    // Lines of prose: newlines are escaped in JSON, so the body is larger than the text.
    const line = 'The tide came in over the harbour wall while the lamps went out one by one.\n';
    const under = line.repeat(Math.floor(999_000 / line.length));
    assert.ok(Buffer.byteLength(under) < 1_000_000 && Buffer.byteLength(under) > 990_000);
    const ok = await analyse({ text: under });
    assert.equal(ok.status, 200, JSON.stringify(ok.body).slice(0, 500));
    assert.ok(ok.body.scenes.length > 0);

    const over = line.repeat(Math.ceil(1_000_001 / line.length));
    const big = await analyse({ text: over });
    assert.equal(big.status, 413);
    assert.equal(big.body.error.code, 'PAYLOAD_TOO_LARGE');
    assert.match(big.body.error.message, /1 MB/);
    assert.equal(big.body.error.details.limitBytes, 1_000_000);
    assert.equal(big.body.error.details.field, 'text');

    // Multi-byte characters count in bytes: 400,000 × "é" is 800,000 bytes, 600,000 is 1.2 MB.
    assert.equal((await analyse({ text: 'Le café était fermé. '.repeat(30_000) })).status, 200);
    assert.equal((await analyse({ text: 'é'.repeat(600_000) })).status, 413);

    // Far beyond the route's body limit: still the same clear answer.
    const huge = await analyse({ text: 'x'.repeat(3_000_000) });
    assert.equal(huge.status, 413);
    assert.equal(huge.body.error.code, 'PAYLOAD_TOO_LARGE');
    assert.match(huge.body.error.message, /1 MB/);

    // Other routes keep the global body limit.
    const project = await api(server.url, 'POST', '/api/v1/projects', {
      token,
      body: { title: 'x'.repeat(1_100_000) },
    });
    assert.equal(project.status, 413);
  });

  test('422 naming the field on empty text or bad options', async () => {
    const cases: [unknown, string][] = [
      [{ text: '' }, 'text'],
      [{ text: '   \n  ' }, 'text'],
      [{}, 'text'],
      [{ text: 42 }, 'text'],
      [{ text: 'Once upon a time.', format: 'poem' }, 'format'],
      [{ text: 'Once upon a time.', language: 'de' }, 'language'],
      [{ text: 'Once upon a time.', stylePreset: 'oil-on-velvet' }, 'stylePreset'],
      [{ text: 'Once upon a time.', targetScenes: 0 }, 'targetScenes'],
      [{ text: 'Once upon a time.', targetScenes: 2.5 }, 'targetScenes'],
      [{ text: 'Once upon a time.', targetScenes: '3' }, 'targetScenes'],
      [{ text: 'Once upon a time.', targetScenes: 501 }, 'targetScenes'],
    ];
    for (const [body, field] of cases) {
      const res = await analyse(body);
      assert.equal(res.status, 422, `${JSON.stringify(body)} → ${res.status}`);
      assert.equal(res.body.error.code, 'VALIDATION_FAILED');
      assert.deepEqual(Object.keys(res.body.error.details.fields), [field], JSON.stringify(body));
      assert.equal(typeof res.body.error.details.fields[field], 'string');
      assert.equal(res.body.error.details.field, field);
    }
    const malformed = await api(server.url, 'POST', '/api/v1/analysis/scenes', {
      token,
      rawBody: '{"text": ',
    });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.code, 'MALFORMED_JSON');
  });
});
