import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rawRequest } from '../support/raw-http.ts';
import { api, createProject, signUp, WebServer } from '../support/web-server.ts';

const ATTACKER = 'https://attacker.example';

/**
 * Cross-site request forgery: a page on another site makes the victim's
 * browser send a state change with the session cookie. Every state change
 * (API, music upload, Remix actions, sign-in) from another origin answers
 * 403 CROSS_SITE_REQUEST and changes nothing; Montage's own pages, API
 * clients with a bearer token and curl keep working.
 */
describe('cross-site writes', () => {
  let server: WebServer;
  let owner: Awaited<ReturnType<typeof signUp>>;
  let projectId: string;

  before(async () => {
    server = await new WebServer({ ui: true }).start();
    owner = await signUp(server.url, 'Victim');
    projectId = await createProject(server.url, owner.token, 'Private film');
  });
  after(async () => {
    await server?.stop();
  });

  const cookie = () => `montage_session=${owner.token}`;
  const projectCount = async () =>
    (await api(server.url, 'GET', '/api/v1/projects', { token: owner.token })).body.projects
      .length as number;

  /** What a browser sends for a page's request: the cookie and where the page comes from. */
  const duplicate = (headers: Record<string, string>) =>
    api(server.url, 'POST', `/api/v1/projects/${projectId}/duplicate`, {
      body: {},
      headers: { cookie: cookie(), ...headers },
    });

  const assertRefused = (
    res: { status: number; body: Record<string, unknown> | null },
    reason: RegExp,
  ) => {
    assert.equal(res.status, 403);
    const error = (res.body as { error: { code: string; message: string; requestId: string } })
      .error;
    assert.equal(error.code, 'CROSS_SITE_REQUEST');
    assert.match(error.message, reason);
    assert.ok(error.requestId);
  };

  test('an API write with the cookie from another origin is refused with 403 and changes nothing', async () => {
    const before = await projectCount();
    assertRefused(await duplicate({ origin: ATTACKER }), /comes from https:\/\/attacker\.example/);
    assertRefused(
      await duplicate({ origin: ATTACKER, 'sec-fetch-site': 'cross-site' }),
      /Sec-Fetch-Site: cross-site/,
    );
    assertRefused(await duplicate({ 'sec-fetch-site': 'same-site' }), /same-site/);
    assertRefused(await duplicate({ origin: 'null' }), /comes from null/);
    const deleted = await api(server.url, 'DELETE', `/api/v1/projects/${projectId}`, {
      headers: { cookie: cookie(), origin: ATTACKER },
    });
    assertRefused(deleted, /attacker/);
    assert.equal(await projectCount(), before);
  });

  test('the music upload from another origin is refused before its body is read', async () => {
    // 1 MB declared, none sent: an answer proves the server decided without the body.
    const res = await rawRequest(
      server.url,
      'PUT',
      `/api/v1/projects/${projectId}/music`,
      {
        cookie: cookie(),
        origin: ATTACKER,
        'content-type': 'audio/mpeg',
        'content-length': String(1024 * 1024),
      },
      0,
    );
    assert.equal(res.status, 403);
  });

  /** A Remix form action, as a page's form (or its fetch, `.data`) sends it. */
  const formPost = (urlPath: string, fields: Record<string, string>, headers = {}) =>
    fetch(`${server.url}${urlPath}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });

  test('Remix actions from another origin answer 403 with the error shape, not a 500', async () => {
    const before = await projectCount();
    for (const urlPath of ['/projects', '/projects.data']) {
      const res = await formPost(
        urlPath,
        { intent: 'create', title: 'Planted', language: 'en' },
        { cookie: cookie(), origin: ATTACKER },
      );
      const body = await res.json();
      assertRefused({ status: res.status, body }, /attacker/);
      assert.ok(!JSON.stringify(body).includes('    at '), 'no stack');
    }
    // Sign-in from another site (login CSRF) is refused too, with no cookie at all.
    assertRefused(
      {
        ...(await formPost(
          '/login',
          { email: owner.email, password: 'a sturdy passphrase' },
          {
            origin: ATTACKER,
          },
        ).then(async (res) => ({ status: res.status, body: await res.json() }))),
      },
      /attacker/,
    );
    assert.equal(await projectCount(), before);
  });

  test("what Remix's own check would refuse with a 500 (Origin and host disagree) answers 403", async () => {
    const res = await formPost(
      '/projects',
      { intent: 'create', title: 'Misrouted', language: 'en' },
      { cookie: cookie(), origin: server.url, 'x-forwarded-host': 'internal.example' },
    );
    assertRefused({ status: res.status, body: await res.json() }, /addressed to internal\.example/);
  });

  test("requests from Montage's own pages pass: API and Remix action", async () => {
    const before = await projectCount();
    const fromPage = { origin: server.url, 'sec-fetch-site': 'same-origin' };
    assert.equal((await duplicate(fromPage)).status, 201);
    assert.equal((await duplicate({ origin: server.url })).status, 201, 'Origin only');
    assert.equal((await duplicate({ 'sec-fetch-site': 'same-origin' })).status, 201);
    const created = await formPost(
      '/projects',
      { intent: 'create', title: 'From the page', language: 'en' },
      { cookie: cookie(), ...fromPage },
    );
    assert.ok(created.status < 400, `the action ran (${created.status})`);
    assert.equal(await projectCount(), before + 4);
  });

  test('a bearer token without Origin passes (API clients, curl); a cookie without either header does not', async () => {
    const viaToken = await api(server.url, 'POST', `/api/v1/projects/${projectId}/duplicate`, {
      token: owner.token,
      body: {},
    });
    assert.equal(viaToken.status, 201);
    const before = await projectCount();
    assertRefused(await duplicate({}), /must say where it comes from/);
    assert.equal(await projectCount(), before);
  });
});

/** Our own origin behind a reverse proxy: PUBLIC_URL when set, else what the trusted proxy forwards. */
describe('cross-site writes behind a proxy', () => {
  let proxied: WebServer;
  let published: WebServer;

  before(async () => {
    [proxied, published] = await Promise.all([
      new WebServer({ env: { TRUST_PROXY: 'true' } }).start(),
      new WebServer({ env: { PUBLIC_URL: 'https://montage.example' } }).start(),
    ]);
  });
  after(async () => {
    await Promise.all([proxied?.stop(), published?.stop()]);
  });

  const create = async (server: WebServer, headers: Record<string, string>) => {
    const user = await signUp(server.url, 'Proxied');
    return api(server.url, 'POST', '/api/v1/projects', {
      body: { title: 'Behind a proxy' },
      headers: { cookie: `montage_session=${user.token}`, ...headers },
    });
  };

  test('with TRUST_PROXY, our origin is the protocol and host the proxy forwarded', async () => {
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'montage.example' };
    const ok = await create(proxied, { ...forwarded, origin: 'https://montage.example' });
    assert.equal(ok.status, 201);
    const refused = await create(proxied, { ...forwarded, origin: 'http://montage.example' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'CROSS_SITE_REQUEST');
  });

  test('with PUBLIC_URL, our origin is that one, whatever the request says', async () => {
    const ok = await create(published, {
      origin: 'https://montage.example',
      'x-forwarded-host': 'montage.example',
    });
    assert.equal(ok.status, 201);
    const direct = await create(published, { origin: published.url });
    assert.equal(direct.status, 403);
    assert.match(direct.body.error.message, /not from https:\/\/montage\.example/);
  });
});
