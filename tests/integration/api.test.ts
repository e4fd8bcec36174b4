import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, signUp, WebServer } from '../support/web-server.ts';
import { addMember } from '../support/members.ts';
import { postgresSchema } from '../support/postgres.ts';

type Caller = 'anonymous' | 'non-member' | 'viewer' | 'editor' | 'owner';
const CALLERS: Caller[] = ['anonymous', 'non-member', 'viewer', 'editor', 'owner'];

/** The REST API against the embedded PGlite and against PostgreSQL. */
for (const backend of ['pglite', 'postgres'] as const) {
  describe(`API v1 (${backend})`, () => {
    let server: WebServer;
    let pg: Awaited<ReturnType<typeof postgresSchema>> | null = null;
    const tokens: Partial<Record<Caller, string>> = {};
    const emails: Partial<Record<Caller, string>> = {};

    before(async () => {
      if (backend === 'postgres') pg = await postgresSchema();
      server = await new WebServer({ env: pg?.env ?? {} }).start();
      for (const caller of CALLERS.slice(1)) {
        const user = await signUp(server.url, caller);
        tokens[caller] = user.token;
        emails[caller] = user.email;
      }
    });
    after(async () => {
      await server?.stop();
      await pg?.drop();
    });

    const call = (caller: Caller, method: string, path: string, body?: unknown) =>
      api(server.url, method, path, { ...(tokens[caller] ? { token: tokens[caller] } : {}), body });

    /** A project owned by `owner` with a viewer and an editor. */
    async function sharedProject(title = 'Matrix') {
      const res = await call('owner', 'POST', '/api/v1/projects', { title });
      assert.equal(res.status, 201);
      const id = res.body.project.id as string;
      for (const role of ['viewer', 'editor'] as const) {
        const member = { token: tokens[role]!, email: emails[role]! };
        const added = await addMember(server, tokens.owner!, id, member, role);
        assert.equal(added.project.role, role);
      }
      return id;
    }

    test('every error has the one shape and echoes the request id', async () => {
      const res = await api(server.url, 'GET', '/api/v1/projects', {
        headers: { 'x-request-id': 'test-request-0001' },
      });
      assert.equal(res.status, 401);
      assert.equal(res.headers.get('x-request-id'), 'test-request-0001');
      assert.deepEqual(res.body, {
        error: {
          code: 'UNAUTHENTICATED',
          key: 'errors.api.signInRequired',
          message: 'Sign in to continue',
          requestId: 'test-request-0001',
        },
      });
      const unknown = await call('owner', 'GET', '/api/v1/nothing-here');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.code, 'NOT_FOUND');
      assert.equal(unknown.body.error.key, 'errors.api.noApiRoute');
      assert.deepEqual(unknown.body.error.params, { method: 'GET', path: '/api/v1/nothing-here' });
      assert.equal(unknown.body.error.requestId, unknown.headers.get('x-request-id'));
    });

    test('400 malformed JSON, 413 oversized body, 422 with field details, 409 duplicate email, 401 wrong password', async () => {
      const malformed = await api(server.url, 'POST', '/api/v1/projects', {
        token: tokens.owner!,
        rawBody: '{"title": ',
      });
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.error.code, 'MALFORMED_JSON');

      const huge = await api(server.url, 'POST', '/api/v1/projects', {
        token: tokens.owner!,
        rawBody: JSON.stringify({ title: 'x'.repeat(1_100_000) }),
      });
      assert.equal(huge.status, 413);
      assert.equal(huge.body.error.code, 'PAYLOAD_TOO_LARGE');

      const invalid = await call('owner', 'POST', '/api/v1/projects', {
        title: '',
        language: 'de',
      });
      assert.equal(invalid.status, 422);
      assert.equal(invalid.body.error.code, 'VALIDATION_FAILED');
      assert.ok(invalid.body.error.details.fields.title);
      assert.ok(invalid.body.error.details.fields.language);
      // Beside each English sentence, a key and its parameters for the UI to word (ADR 0020).
      assert.deepEqual(invalid.body.error.details.fieldErrors, {
        title: { key: 'errors.title.required', params: {} },
        language: { key: 'errors.language.invalid', params: {} },
      });

      const weak = await api(server.url, 'POST', '/api/v1/auth/signup', {
        body: { email: 'not-an-email', name: '', password: 'short' },
      });
      assert.equal(weak.status, 422);
      assert.deepEqual(Object.keys(weak.body.error.details.fields).sort(), [
        'email',
        'name',
        'password',
      ]);
      assert.deepEqual(weak.body.error.details.fieldErrors.password, {
        key: 'errors.password.tooShort',
        params: { min: 10, max: 200 },
      });

      const duplicate = await api(server.url, 'POST', '/api/v1/auth/signup', {
        body: { email: emails.owner, name: 'Again', password: 'another sturdy passphrase' },
      });
      assert.equal(duplicate.status, 409);
      assert.equal(duplicate.body.error.code, 'EMAIL_TAKEN');
      assert.deepEqual(duplicate.body.error.details.fieldErrors, {
        email: { key: 'errors.email.taken', params: {} },
      });

      const wrongPassword = await api(server.url, 'POST', '/api/v1/auth/login', {
        body: { email: emails.owner, password: 'not the password' },
      });
      const unknownUser = await api(server.url, 'POST', '/api/v1/auth/login', {
        body: { email: 'nobody@example.test', password: 'not the password' },
      });
      assert.equal(wrongPassword.status, 401);
      assert.equal(unknownUser.status, 401);
      // No user enumeration: both failures read the same.
      assert.equal(wrongPassword.body.error.message, unknownUser.body.error.message);
    });

    test('login returns a bearer token; logout revokes it', async () => {
      const user = await signUp(server.url, 'Session');
      const login = await api(server.url, 'POST', '/api/v1/auth/login', {
        body: { email: user.email, password: 'a sturdy passphrase' },
      });
      assert.equal(login.status, 200);
      assert.match(
        login.headers.get('set-cookie') ?? '',
        /montage_session=.+; Path=\/; HttpOnly; SameSite=Lax/,
      );
      const token = login.body.token as string;
      assert.equal(
        (await api(server.url, 'GET', '/api/v1/auth/me', { token })).body.user.email,
        user.email,
      );
      assert.equal((await api(server.url, 'POST', '/api/v1/auth/logout', { token })).status, 204);
      assert.equal((await api(server.url, 'GET', '/api/v1/auth/me', { token })).status, 401);
      // The other session of the same user is untouched.
      assert.equal(
        (await api(server.url, 'GET', '/api/v1/auth/me', { token: user.token })).status,
        200,
      );
    });

    test('role matrix: every caller × every project route', async () => {
      const projectId = await sharedProject();
      const expectations: [string, string, unknown, Record<Caller, number>][] = [
        [
          'GET',
          '',
          undefined,
          { anonymous: 401, 'non-member': 404, viewer: 200, editor: 200, owner: 200 },
        ],
        [
          'PATCH',
          '',
          { title: 'Renamed' },
          { anonymous: 401, 'non-member': 404, viewer: 403, editor: 200, owner: 200 },
        ],
        [
          'POST',
          '/duplicate',
          undefined,
          { anonymous: 401, 'non-member': 404, viewer: 403, editor: 201, owner: 201 },
        ],
        [
          'GET',
          '/members',
          undefined,
          { anonymous: 401, 'non-member': 404, viewer: 200, editor: 200, owner: 200 },
        ],
        [
          'POST',
          '/collab-token',
          undefined,
          { anonymous: 401, 'non-member': 404, viewer: 200, editor: 200, owner: 200 },
        ],
      ];
      for (const [method, suffix, body, expected] of expectations) {
        for (const caller of CALLERS) {
          const res = await call(caller, method, `/api/v1/projects/${projectId}${suffix}`, body);
          assert.equal(
            res.status,
            expected[caller],
            `${caller} ${method} ${suffix || '/'}: ${JSON.stringify(res.body)}`,
          );
        }
      }

      // Member management: each caller in turn invites a throwaway user, changes
      // their role and removes them (the owner adds them back between turns).
      const extra = await signUp(server.url, 'Extra');
      const manage: Record<Caller, number> = {
        anonymous: 401,
        'non-member': 404,
        viewer: 403,
        editor: 403,
        owner: 200,
      };
      const members = `/api/v1/projects/${projectId}/members`;
      for (const caller of CALLERS) {
        const invite = await call(caller, 'POST', `/api/v1/projects/${projectId}/invitations`, {
          email: extra.email,
          role: 'viewer',
        });
        const invited = manage[caller] === 200 ? 201 : manage[caller];
        assert.equal(invite.status, invited, `${caller} invites`);
        await addMember(server, tokens.owner!, projectId, extra, 'viewer');
        const setRole = await call(caller, 'PATCH', `${members}/${extra.id}`, { role: 'editor' });
        assert.equal(setRole.status, manage[caller], `${caller} changes a role`);
        const remove = await call(caller, 'DELETE', `${members}/${extra.id}`);
        assert.equal(remove.status, manage[caller], `${caller} removes a member`);
        await call('owner', 'DELETE', `${members}/${extra.id}`);
      }

      // Delete, each caller on a fresh project.
      const del: Record<Caller, number> = {
        anonymous: 401,
        'non-member': 404,
        viewer: 403,
        editor: 403,
        owner: 204,
      };
      for (const caller of CALLERS) {
        const id = await sharedProject('To delete');
        assert.equal(
          (await call(caller, 'DELETE', `/api/v1/projects/${id}`)).status,
          del[caller],
          `${caller} deletes`,
        );
      }

      // Listing and creating need only a session.
      assert.equal((await call('anonymous', 'GET', '/api/v1/projects')).status, 401);
      assert.equal(
        (await call('anonymous', 'POST', '/api/v1/projects', { title: 'x' })).status,
        401,
      );
      const listed = await call('viewer', 'GET', '/api/v1/projects');
      assert.ok(
        listed.body.projects.some(
          (p: { id: string; role: string }) => p.id === projectId && p.role === 'viewer',
        ),
      );
      assert.ok(
        !(await call('non-member', 'GET', '/api/v1/projects')).body.projects.some(
          (p: { id: string }) => p.id === projectId,
        ),
      );
    });

    test('projects: create, get with timeline, rename, duplicate, delete', async () => {
      const created = await call('owner', 'POST', '/api/v1/projects', {
        title: 'Le phare',
        language: 'fr',
      });
      const id = created.body.project.id as string;
      const got = await call('owner', 'GET', `/api/v1/projects/${id}`);
      assert.equal(got.body.timeline.title, 'Le phare');
      assert.equal(got.body.timeline.language, 'fr');
      const renamed = await call('owner', 'PATCH', `/api/v1/projects/${id}`, {
        title: 'Le phare, II',
      });
      assert.equal(renamed.body.project.title, 'Le phare, II');
      assert.equal(
        (await call('owner', 'GET', `/api/v1/projects/${id}`)).body.timeline.title,
        'Le phare, II',
      );
      const copy = await call('owner', 'POST', `/api/v1/projects/${id}/duplicate`);
      assert.equal(copy.body.project.title, 'Le phare, II (copy)');
      assert.equal(
        (await call('owner', 'GET', `/api/v1/projects/${copy.body.project.id}`)).body.timeline
          .language,
        'fr',
      );
      assert.equal((await call('owner', 'DELETE', `/api/v1/projects/${id}`)).status, 204);
      assert.equal((await call('owner', 'GET', `/api/v1/projects/${id}`)).status, 404);
    });

    test('members: the last owner cannot be removed or demoted; only members have a role', async () => {
      const id = await sharedProject('Owners');
      const me = (await call('owner', 'GET', '/api/v1/auth/me')).body.user.id as string;
      const members = `/api/v1/projects/${id}/members`;
      assert.equal((await call('owner', 'DELETE', `${members}/${me}`)).status, 409);
      assert.equal(
        (await call('owner', 'PATCH', `${members}/${me}`, { role: 'viewer' })).status,
        409,
      );
      const stranger = await signUp(server.url, 'Stranger');
      const notMember = await call('owner', 'PATCH', `${members}/${stranger.id}`, {
        role: 'editor',
      });
      assert.equal(notMember.status, 404);
      const badRole = await call('owner', 'PATCH', `${members}/${me}`, { role: 'admin' });
      assert.equal(badRole.status, 422);
      assert.ok(badRole.body.error.details.fields.role);
      // POST /members no longer adds anyone: people join through invitations.
      const direct = await call('owner', 'POST', members, {
        email: stranger.email,
        role: 'editor',
      });
      assert.equal(direct.status, 404);
      assert.ok(
        !(await call('owner', 'GET', members)).body.members.some(
          (m: { userId: string }) => m.userId === stranger.id,
        ),
      );
    });

    test('ops endpoints: healthz, readyz with latencies, metrics', async () => {
      assert.equal((await api(server.url, 'GET', '/healthz')).status, 200);
      const ready = await api(server.url, 'GET', '/readyz');
      assert.equal(ready.status, 200);
      assert.equal(ready.body.checks.database.ok, true);
      assert.equal(typeof ready.body.checks.redis.latencyMs, 'number');
      assert.equal(ready.body.checks.queue.ok, true);
      const metrics = await fetch(`${server.url}/metrics`).then((r) => r.text());
      for (const name of [
        'montage_collab_connections',
        'montage_collab_documents_loaded',
        'montage_update_log_lag_seconds',
        'montage_http_request_duration_seconds_bucket',
      ]) {
        assert.ok(metrics.includes(name), `metrics include ${name}`);
      }
    });

    test('429 with Retry-After after too many sign-in attempts on one account', async () => {
      let last = { status: 0, headers: new Headers() };
      for (let i = 0; i < 35 && last.status !== 429; i++) {
        last = await api(server.url, 'POST', '/api/v1/auth/login', {
          body: { email: 'x@example.test', password: 'nope' },
        });
      }
      assert.equal(last.status, 429);
      assert.match(last.headers.get('retry-after') ?? '', /^\d+$/);
    });
  });
}
