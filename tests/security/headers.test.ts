import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, WebServer } from '../support/web-server.ts';

const METRICS_TOKEN = 'operators-only-metrics-token';

/** The nonce of a policy's script-src, and every nonce on the page's scripts. */
function nonces(policy: string, html: string) {
  const scriptSrc = policy.split('; ').find((d) => d.startsWith('script-src ')) ?? '';
  const policyNonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  const scriptNonces = scripts.map((tag) => /\snonce="([^"]*)"/.exec(tag)?.[1]);
  return { policyNonce, scriptNonces };
}

/** Security headers on every response; the Content-Security-Policy and its nonce on pages. */
describe('security headers', () => {
  let server: WebServer;

  before(async () => {
    server = await new WebServer({ ui: true }).start();
  });
  after(async () => {
    await server?.stop();
  });

  test('pages carry a strict CSP whose nonce is fresh per response and on every script', async () => {
    const seen = new Set<string>();
    for (const urlPath of ['/login', '/login', '/']) {
      const res = await fetch(`${server.url}${urlPath}`);
      assert.equal(res.status, 200);
      const policy = res.headers.get('content-security-policy') ?? '';
      const { policyNonce, scriptNonces } = nonces(policy, await res.text());
      assert.ok(policyNonce && policyNonce.length >= 16, `a nonce in ${policy}`);
      assert.ok(scriptNonces.length > 0, 'the page has scripts');
      assert.deepEqual(
        scriptNonces,
        scriptNonces.map(() => policyNonce),
        'every script carries the nonce',
      );
      seen.add(policyNonce);
      for (const directive of [
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
      ]) {
        assert.ok(policy.includes(directive), `${directive} in ${policy}`);
      }
      assert.ok(!policy.includes('unsafe-eval'), policy);
      for (const directive of policy.split('; ').filter((d) => d.includes("'unsafe-inline'"))) {
        assert.ok(directive.startsWith('style-src-attr '), `only style attributes: ${directive}`);
      }
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      assert.equal(res.headers.get('referrer-policy'), 'same-origin');
    }
    assert.equal(seen.size, 3, 'a new nonce for every response');
  });

  test('API answers and errors carry the headers too', async () => {
    const res = await api(server.url, 'GET', '/api/v1/nothing-here');
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });
});

/** `/metrics` for operators only; `/readyz` tells anonymous callers only whether we are ready. */
describe('ops endpoints', () => {
  let withToken: WebServer;
  let withoutToken: WebServer;

  before(async () => {
    [withToken, withoutToken] = await Promise.all([
      new WebServer({ env: { METRICS_TOKEN } }).start(),
      // Behind a proxy: the caller's address is the one X-Forwarded-For names (ADR 0005).
      new WebServer({ env: { TRUST_PROXY: 'true' } }).start(),
    ]);
  });
  after(async () => {
    await Promise.all([withToken?.stop(), withoutToken?.stop()]);
  });

  const REMOTE = { 'x-forwarded-for': '203.0.113.9' };

  test('with METRICS_TOKEN, /metrics needs the token, even from this machine', async () => {
    const anonymous = await api(withToken.url, 'GET', '/metrics');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error.code, 'UNAUTHENTICATED');
    assert.match(anonymous.body.error.message, /METRICS_TOKEN/);
    const wrong = await api(withToken.url, 'GET', '/metrics', { token: 'not-the-token' });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.error.code, 'FORBIDDEN');
    const right = await fetch(`${withToken.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    assert.equal(right.status, 200);
    assert.match(await right.text(), /montage_http_request_duration_seconds/);
  });

  test('without METRICS_TOKEN, /metrics answers callers on this machine only', async () => {
    assert.equal((await fetch(`${withoutToken.url}/metrics`)).status, 200);
    const remote = await api(withoutToken.url, 'GET', '/metrics', { headers: REMOTE });
    assert.equal(remote.status, 401);
    assert.equal(remote.body.error.code, 'UNAUTHENTICATED');
  });

  test('/readyz gives anonymous callers only its status; operators see each check', async () => {
    for (const [server, headers] of [
      [withToken, {}],
      [withoutToken, REMOTE],
    ] as const) {
      const anonymous = await api(server.url, 'GET', '/readyz', { headers });
      assert.equal(anonymous.status, 200);
      assert.deepEqual(anonymous.body, { status: 'ready' });
    }
    const operator = await api(withToken.url, 'GET', '/readyz', { token: METRICS_TOKEN });
    assert.equal(operator.body.status, 'ready');
    assert.deepEqual(Object.keys(operator.body.checks).sort(), ['database', 'queue', 'redis']);
    const local = await api(withoutToken.url, 'GET', '/readyz');
    assert.ok(local.body.checks.database.ok);
  });
});
