import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { API_ROUTES, documentedPath } from '../../server/api/routes.ts';
import type { serverOnPostgres } from '../support/postgres.ts';
import { postgresSchema } from '../support/postgres.ts';
import { api, createProject, signUp, WebServer } from '../support/web-server.ts';

type Person = Awaited<ReturnType<typeof signUp>>;

/** A concrete path for a documented one: each `{parameter}` becomes a plausible id. */
const concretePath = (path: string) => `/api/v1${path.replace(/\{[A-Za-z]+\}/g, 'abc123')}`;

/**
 * Personal API tokens (issue 16, ADR 0042): created, listed and revoked by a
 * browser session; a token reads or writes only what its scopes allow, on
 * every route of the table; revoked, expired and unknown ones get 401; the
 * secret never shows in a listing or in the logs.
 */
describe('personal API tokens', () => {
  let setup: Awaited<ReturnType<typeof serverOnPostgres>>;
  let web: WebServer;
  let owner: Person;
  let other: Person;
  let projectId: string;
  const secrets: string[] = [];

  const createToken = async (token: string, body: Record<string, unknown>) => {
    const res = await api(web.url, 'POST', '/api/v1/tokens', { token, body });
    if (res.status === 201) secrets.push(res.body.token as string);
    return res;
  };

  before(async () => {
    // LOG_LEVEL info: every request is logged, so the test can look for secrets in the logs.
    const pgSchema = await postgresSchema();
    const server = await new WebServer({ env: { ...pgSchema.env, LOG_LEVEL: 'info' } }).start();
    const sql = await pgSchema.connect();
    setup = {
      server,
      sql,
      stop: async () => {
        await sql.end();
        await server.stop();
        await pgSchema.drop();
      },
    };
    web = setup.server;
    [owner, other] = await Promise.all([signUp(web.url, 'Tina Token'), signUp(web.url, 'Otto')]);
    projectId = await createProject(web.url, owner.token, 'Through the API');
  });
  after(() => setup?.stop());

  test('a session creates a token; it is answered once and never listed', async () => {
    const created = await createToken(owner.token, {
      name: 'CI',
      scopes: ['projects:read'],
      expiresInSeconds: 3600,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { id, token, name, scopes, expiresAt } = created.body;
    assert.match(token, /^mnt_[A-Za-z0-9_-]{40,}$/);
    assert.equal(name, 'CI');
    assert.deepEqual(scopes, ['projects:read']);
    assert.ok(Date.parse(expiresAt) > Date.now());

    const listed = await api(web.url, 'GET', '/api/v1/tokens', { token: owner.token });
    assert.equal(listed.status, 200);
    const row = listed.body.tokens.find((t: { id: string }) => t.id === id);
    assert.equal(row.name, 'CI');
    assert.equal(row.prefix, token.slice(0, 8));
    assert.equal(row.revokedAt, null);
    assert.ok(!JSON.stringify(listed.body).includes(token), 'the secret is never listed again');
    // Another person's list does not hold it.
    const theirs = await api(web.url, 'GET', '/api/v1/tokens', { token: other.token });
    assert.deepEqual(theirs.body.tokens, []);
  });

  test('bad input is refused with 422 naming the field, and creates nothing', async () => {
    for (const body of [
      { name: 'x', scopes: ['projects:admin'] },
      { name: '', scopes: ['projects:read'] },
      { name: 'x', scopes: [] },
      { name: 'x', scopes: ['projects:read'], expiresInSeconds: 5 },
    ]) {
      const res = await createToken(other.token, body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(res.body.error.code, 'VALIDATION_FAILED');
      assert.ok(Object.keys(res.body.error.details.fields).length > 0);
    }
    const listed = await api(web.url, 'GET', '/api/v1/tokens', { token: other.token });
    assert.deepEqual(listed.body.tokens, []);
  });

  test('a read-only token reads, and gets 403 naming the scope on every other route', async () => {
    const { body } = await createToken(owner.token, { name: 'reader', scopes: ['projects:read'] });
    const reader = body.token as string;

    const me = await api(web.url, 'GET', '/api/v1/auth/me', { token: reader });
    assert.equal(me.status, 200);
    assert.equal(me.body.user.id, owner.id);
    const list = await api(web.url, 'GET', '/api/v1/projects', { token: reader });
    assert.deepEqual(
      list.body.projects.map((p: { id: string }) => p.id),
      [projectId],
    );
    const one = await api(web.url, 'GET', `/api/v1/projects/${projectId}`, { token: reader });
    assert.equal(one.status, 200);

    const refused = API_ROUTES.filter((r) => r.access !== 'public' && r.access !== 'projects:read');
    assert.ok(refused.length > 20);
    for (const route of refused) {
      const path = concretePath(documentedPath(route));
      const res = await api(web.url, route.method.toUpperCase(), path, {
        token: reader,
        ...(route.method === 'get' ? {} : { body: {} }),
      });
      const label = `${route.method} ${path}`;
      assert.equal(res.status, 403, `${label}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, 'FORBIDDEN', label);
      if (route.access === 'session') {
        assert.equal(res.body.error.key, 'errors.api.tokenNeedsSession', label);
      } else {
        assert.equal(res.body.error.details.missingScope, route.access, label);
        assert.ok(res.body.error.message.includes(route.access), label);
      }
    }
    // Nothing was written: still one project, the same title.
    const after = await api(web.url, 'GET', `/api/v1/projects/${projectId}`, { token: reader });
    assert.equal(after.body.project.title, 'Through the API');
  });

  test('a token with write scopes writes, within its owner’s rights', async () => {
    const { body } = await createToken(owner.token, {
      name: 'writer',
      scopes: ['projects:read', 'projects:write'],
    });
    const writer = body.token as string;
    const renamed = await api(web.url, 'PATCH', `/api/v1/projects/${projectId}`, {
      token: writer,
      body: { title: 'Renamed by a token' },
    });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.project.title, 'Renamed by a token');
    const created = await api(web.url, 'POST', '/api/v1/projects', {
      token: writer,
      body: { title: 'Made by CI' },
    });
    assert.equal(created.status, 201);
    // A token is its user: no more than that user may do (another's project: 404).
    const theirs = await createProject(web.url, other.token, 'Not yours');
    const denied = await api(web.url, 'PATCH', `/api/v1/projects/${theirs}`, {
      token: writer,
      body: { title: 'x' },
    });
    assert.equal(denied.status, 404);
    // A token cannot mint tokens.
    const minted = await api(web.url, 'POST', '/api/v1/tokens', {
      token: writer,
      body: { name: 'child', scopes: ['projects:read'] },
    });
    assert.equal(minted.status, 403);
  });

  test('revoked, expired and unknown tokens get 401; last use is recorded', async () => {
    const { body: a } = await createToken(owner.token, {
      name: 'to revoke',
      scopes: ['projects:read'],
    });
    const { body: b } = await createToken(owner.token, {
      name: 'to expire',
      scopes: ['projects:read'],
      expiresInSeconds: 60,
    });
    for (const token of [a.token, b.token]) {
      const ok = await api(web.url, 'GET', '/api/v1/projects', { token });
      assert.equal(ok.status, 200);
    }
    const used = await api(web.url, 'GET', '/api/v1/tokens', { token: owner.token });
    const usedRow = used.body.tokens.find((t: { id: string }) => t.id === a.id);
    assert.ok(usedRow.lastUsedAt, 'last use recorded');

    // Someone else cannot revoke it (404, and it keeps working).
    const stranger = await api(web.url, 'DELETE', `/api/v1/tokens/${a.id}`, { token: other.token });
    assert.equal(stranger.status, 404);
    const revoked = await api(web.url, 'DELETE', `/api/v1/tokens/${a.id}`, { token: owner.token });
    assert.equal(revoked.status, 204);
    const afterRevoke = await api(web.url, 'GET', '/api/v1/projects', { token: a.token });
    assert.equal(afterRevoke.status, 401);
    assert.equal(afterRevoke.body.error.code, 'UNAUTHENTICATED');

    // Expiry: the row's expires_at moved into the past (no waiting on the clock).
    await setup.sql.query(
      "update api_tokens set expires_at = now() - interval '1 second' where id = $1",
      [b.id],
    );
    const expired = await api(web.url, 'GET', '/api/v1/projects', { token: b.token });
    assert.equal(expired.status, 401);

    const unknown = await api(web.url, 'GET', '/api/v1/projects', {
      token: 'mnt_' + 'x'.repeat(43),
    });
    assert.equal(unknown.status, 401);

    const listed = await api(web.url, 'GET', '/api/v1/tokens', { token: owner.token });
    const row = listed.body.tokens.find((t: { id: string }) => t.id === a.id);
    assert.ok(row.revokedAt);
  });

  test('the OpenAPI document is public and its 422 is what a bad request gets', async () => {
    const doc = await api(web.url, 'GET', '/api/v1/openapi.json');
    assert.equal(doc.status, 200);
    assert.equal(doc.body.openapi, '3.1.0');
    const operation = doc.body.paths['/tokens'].post;
    assert.deepEqual(operation.responses['422'].content['application/json'].schema, {
      $ref: '#/components/schemas/Error',
    });
    const errorSchema = doc.body.components.schemas.Error;
    const scopeEnum = operation.requestBody.content['application/json'].schema.properties.scopes
      .items.enum as string[];
    assert.ok(!scopeEnum.includes('projects:admin'));
    // A body the documented schema refuses: the documented 422, in the documented shape.
    const bad = await api(web.url, 'POST', '/api/v1/tokens', {
      token: owner.token,
      body: { name: 'x', scopes: ['projects:admin'] },
    });
    assert.equal(bad.status, 422);
    for (const field of errorSchema.properties.error.required as string[])
      assert.ok(field in bad.body.error, `error.${field}`);
    assert.ok(bad.body.error.details.fields['scopes.0']);

    const page = await fetch(`${web.url}/api/docs`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<code>\/api\/v1\/tokens<\/code>/);
    assert.match(html, /scope projects:write/);
    assert.ok(!/<script/i.test(html), 'no scripts on the reference page');
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
  });

  test('API answers carry rate-limit headers, counted per token', async () => {
    const { body } = await createToken(owner.token, { name: 'counted', scopes: ['projects:read'] });
    const first = await api(web.url, 'GET', '/api/v1/projects', { token: body.token });
    const second = await api(web.url, 'GET', '/api/v1/projects', { token: body.token });
    const remaining = (res: typeof first) => Number(res.headers.get('x-ratelimit-remaining'));
    assert.equal(first.headers.get('x-ratelimit-limit'), '100000');
    assert.equal(remaining(second), remaining(first) - 1);
    assert.ok(Number(first.headers.get('x-ratelimit-reset')) >= 1);
  });

  test('no token secret appears in the logs', () => {
    assert.ok(secrets.length >= 5);
    assert.match(web.output, /"msg":"request"/, 'requests were logged');
    for (const secret of [...secrets, owner.token]) assert.ok(!web.output.includes(secret));
  });
});

/** The API limit on two web instances sharing one Redis: one count for both. */
describe('the API rate limit across instances', () => {
  let pgSchema: Awaited<ReturnType<typeof postgresSchema>>;
  let one: WebServer;
  let two: WebServer;

  before(async () => {
    pgSchema = await postgresSchema();
    const env = { ...pgSchema.env, API_RATE_LIMIT: '6/600' };
    one = await new WebServer({ env }).start();
    two = await new WebServer({ shareWith: one, env }).start();
  });
  after(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await pgSchema?.drop();
  });

  test('headers decrease across both instances, then 429 with Retry-After', async () => {
    const person = await signUp(one.url, 'Rita Rate');
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await api(i % 2 ? two.url : one.url, 'GET', '/api/v1/projects', {
        token: person.token,
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-ratelimit-limit'), '6');
      seen.push(Number(res.headers.get('x-ratelimit-remaining')));
      const reset = Number(res.headers.get('x-ratelimit-reset'));
      assert.ok(reset >= 1 && reset <= 600, `reset ${reset}`);
    }
    assert.deepEqual(seen, [5, 4, 3, 2, 1, 0]);

    for (const server of [one, two]) {
      const refused = await api(server.url, 'GET', '/api/v1/projects', { token: person.token });
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error.code, 'RATE_LIMITED');
      assert.equal(refused.body.error.details.limit, 6);
      const retryAfter = Number(refused.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 600);
      assert.equal(refused.headers.get('x-ratelimit-remaining'), '0');
    }

    // Another session has its own budget.
    const someoneElse = await signUp(two.url, 'Sam');
    const theirs = await api(one.url, 'GET', '/api/v1/projects', { token: someoneElse.token });
    assert.equal(theirs.status, 200);
    assert.equal(theirs.headers.get('x-ratelimit-remaining'), '5');
  });
});
