import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { api, signUp, WebServer } from '../support/web-server.ts';
import { postgresSchema } from '../support/postgres.ts';

/**
 * Issue 9, item 9: adding a member is an invitation the person accepts (in
 * the app, or with the link the owner sends), inviting answers the same for
 * any e-mail (no way to learn whether an account exists) and is rate limited
 * per inviting user. Links are single-use, expire and can be revoked.
 */
const PER_HOUR = 5;
type User = Awaited<ReturnType<typeof signUp>>;

describe('invitations', () => {
  let server: WebServer;
  let pgSchema: Awaited<ReturnType<typeof postgresSchema>>;
  let sql: pg.Client;

  before(async () => {
    pgSchema = await postgresSchema();
    server = await new WebServer({
      env: { ...pgSchema.env, INVITATIONS_PER_HOUR: String(PER_HOUR) },
    }).start();
    sql = await pgSchema.connect();
  });
  after(async () => {
    await sql?.end();
    await server?.stop();
    await pgSchema?.drop();
  });

  const call = (user: User | null, method: string, path: string, body?: unknown) =>
    api(server.url, method, `/api/v1${path}`, {
      ...(user ? { token: user.token } : {}),
      ...(body === undefined ? {} : { body }),
    });

  /** A fresh owner (their own invitation budget) with a project. */
  async function ownerWithProject(title = 'Invite only') {
    const owner = await signUp(server.url, 'Owner');
    const created = await call(owner, 'POST', '/projects', { title });
    assert.equal(created.status, 201);
    return { owner, projectId: created.body.project.id as string };
  }

  const invite = (owner: User, projectId: string, email: string, role = 'editor') =>
    call(owner, 'POST', `/projects/${projectId}/invitations`, { email, role });
  const tokenOf = (link: string) => link.split('/').pop()!;
  const acceptLink = (user: User, link: string) =>
    call(user, 'POST', `/invitations/by-token/${tokenOf(link)}/accept`);
  const projectIds = async (user: User) =>
    ((await call(user, 'GET', '/projects')).body.projects as { id: string }[]).map((p) => p.id);
  const pendingFor = async (owner: User, projectId: string) =>
    (await call(owner, 'GET', `/projects/${projectId}/invitations`)).body.invitations as {
      id: string;
      email: string;
    }[];

  test('inviting answers the same whether or not an account uses the e-mail', async () => {
    const { owner, projectId } = await ownerWithProject();
    const existing = await signUp(server.url, 'Existing');
    const known = await invite(owner, projectId, existing.email);
    const unknown = await invite(owner, projectId, `nobody-${Date.now()}@example.test`);
    for (const res of [known, unknown]) {
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.deepEqual(Object.keys(res.body).sort(), ['invitation', 'link']);
      assert.deepEqual(Object.keys(res.body.invitation).sort(), [
        'createdAt',
        'email',
        'expiresAt',
        'id',
        'role',
      ]);
      assert.match(res.body.link, /^\/invitations\/[A-Za-z0-9_-]{43}$/);
      assert.equal(res.body.invitation.role, 'editor');
    }
    // Same headers apart from the per-request ones.
    const shape = (h: Headers) =>
      [...h.keys()].filter((k) => !['date', 'etag', 'x-request-id', 'content-length'].includes(k));
    assert.deepEqual(shape(known.headers), shape(unknown.headers));
    // The e-mail is normalised; the token is stored only as its hash.
    const mixed = await invite(owner, projectId, '  Mixed.Case@Example.TEST ');
    assert.equal(mixed.body.invitation.email, 'mixed.case@example.test');
    const stored = await sql.query('select token_hash from invitations');
    const tokens = [known, unknown, mixed].map((r) => tokenOf(r.body.link));
    for (const row of stored.rows as { token_hash: string }[]) {
      assert.ok(!tokens.includes(row.token_hash));
      assert.match(row.token_hash, /^[0-9a-f]{64}$/);
    }
    // A bad e-mail is a 422 naming the field, and nothing is stored.
    const bad = await invite(owner, projectId, 'not an email');
    assert.equal(bad.status, 422);
    assert.ok(bad.body.error.details.fields.email);
    assert.equal((await pendingFor(owner, projectId)).length, 3);
  });

  test('the project appears in the invitee’s list only once they accept', async () => {
    const { owner, projectId } = await ownerWithProject('Lighthouse');
    const invitee = await signUp(server.url, 'Invitee');
    const sent = await invite(owner, projectId, invitee.email, 'viewer');
    assert.equal(sent.status, 201);
    assert.ok(!(await projectIds(invitee)).includes(projectId));
    assert.equal((await call(invitee, 'GET', `/projects/${projectId}`)).status, 404);

    const mine = await call(invitee, 'GET', '/invitations');
    assert.equal(mine.status, 200);
    assert.deepEqual(mine.body.invitations, [
      {
        id: sent.body.invitation.id,
        project: { id: projectId, title: 'Lighthouse' },
        role: 'viewer',
        invitedBy: { name: 'Owner' },
        expiresAt: sent.body.invitation.expiresAt,
      },
    ]);
    // Nobody else sees it, or can accept it by id.
    const other = await signUp(server.url, 'Other');
    assert.deepEqual((await call(other, 'GET', '/invitations')).body.invitations, []);
    const stolen = await call(other, 'POST', `/invitations/${sent.body.invitation.id}/accept`);
    assert.equal(stolen.status, 404);
    assert.equal(stolen.body.error.code, 'NOT_FOUND');

    const accepted = await call(invitee, 'POST', `/invitations/${sent.body.invitation.id}/accept`);
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.equal(accepted.body.project.id, projectId);
    assert.equal(accepted.body.project.role, 'viewer');
    assert.ok((await projectIds(invitee)).includes(projectId));
    assert.deepEqual((await call(invitee, 'GET', '/invitations')).body.invitations, []);
    assert.deepEqual(await pendingFor(owner, projectId), []);
    const members = (await call(owner, 'GET', `/projects/${projectId}/members`)).body.members;
    assert.ok(members.some((m: { userId: string; role: string }) => m.userId === invitee.id));
    // Inviting a member again says so (the owner sees members' e-mails already).
    const again = await invite(owner, projectId, invitee.email);
    assert.equal(again.status, 409);
  });

  test('declining leaves the project out and spends the link', async () => {
    const { owner, projectId } = await ownerWithProject();
    const invitee = await signUp(server.url, 'Decliner');
    const sent = await invite(owner, projectId, invitee.email);
    const declined = await call(invitee, 'POST', `/invitations/${sent.body.invitation.id}/decline`);
    assert.equal(declined.status, 204);
    assert.deepEqual((await call(invitee, 'GET', '/invitations')).body.invitations, []);
    assert.deepEqual(await pendingFor(owner, projectId), []);
    assert.ok(!(await projectIds(invitee)).includes(projectId));
    const late = await acceptLink(invitee, sent.body.link);
    assert.equal(late.status, 410);
    assert.deepEqual(late.body.error.details, { reason: 'declined' });
  });

  test('a revoked invitation cannot be used; nor one whose sender lost the right to invite', async () => {
    const { owner, projectId } = await ownerWithProject();
    const invitee = await signUp(server.url, 'Revoked');
    const sent = await invite(owner, projectId, invitee.email);
    assert.equal((await pendingFor(owner, projectId)).length, 1);
    const revoked = await call(
      owner,
      'DELETE',
      `/projects/${projectId}/invitations/${sent.body.invitation.id}`,
    );
    assert.equal(revoked.status, 200);
    assert.deepEqual(revoked.body.invitations, []);
    const preview = await call(invitee, 'GET', `/invitations/by-token/${tokenOf(sent.body.link)}`);
    assert.equal(preview.status, 410);
    const used = await acceptLink(invitee, sent.body.link);
    assert.equal(used.status, 410);
    assert.equal(used.body.error.code, 'GONE');
    assert.deepEqual(used.body.error.details, { reason: 'revoked' });
    assert.match(used.body.error.message, /withdrawn/);
    assert.ok(!(await projectIds(invitee)).includes(projectId));

    // A co-owner's invitation dies with their ownership.
    const coOwner = await signUp(server.url, 'CoOwner');
    await acceptLink(coOwner, (await invite(owner, projectId, coOwner.email, 'owner')).body.link);
    const fromCoOwner = await invite(coOwner, projectId, invitee.email);
    assert.equal(fromCoOwner.status, 201);
    await call(owner, 'DELETE', `/projects/${projectId}/members/${coOwner.id}`);
    const orphan = await acceptLink(invitee, fromCoOwner.body.link);
    assert.equal(orphan.status, 410);
    assert.deepEqual(orphan.body.error.details, { reason: 'inviter-left' });
  });

  test('an expired link is refused; inviting again gives a fresh link and the old one dies', async () => {
    const { owner, projectId } = await ownerWithProject();
    const invitee = await signUp(server.url, 'Late');
    const sent = await invite(owner, projectId, invitee.email);
    await sql.query(
      `update invitations set expires_at = now() - interval '1 second' where id = $1`,
      [sent.body.invitation.id],
    );
    const expired = await acceptLink(invitee, sent.body.link);
    assert.equal(expired.status, 410);
    assert.deepEqual(expired.body.error.details, { reason: 'expired' });
    assert.match(expired.body.error.message, /expired/);
    assert.deepEqual((await call(invitee, 'GET', '/invitations')).body.invitations, []);

    const refreshed = await invite(owner, projectId, invitee.email, 'viewer');
    assert.equal(refreshed.status, 201);
    assert.equal(
      refreshed.body.invitation.id,
      sent.body.invitation.id,
      'one per project and e-mail',
    );
    assert.notEqual(refreshed.body.link, sent.body.link);
    assert.equal((await acceptLink(invitee, sent.body.link)).status, 404);
    const joined = await acceptLink(invitee, refreshed.body.link);
    assert.equal(joined.status, 200);
    assert.equal(joined.body.project.role, 'viewer');
  });

  test('a link is used once: a second person is refused, the first may repeat', async () => {
    const { owner, projectId } = await ownerWithProject('Single use');
    const invitee = await signUp(server.url, 'First');
    const sent = await invite(owner, projectId, invitee.email);
    // The owner opening their own link does not spend it.
    const own = await acceptLink(owner, sent.body.link);
    assert.equal(own.status, 409);

    // Whoever holds the link and is signed in may use it (ADR 0015): here, a colleague.
    const holder = await signUp(server.url, 'Holder');
    const preview = await call(holder, 'GET', `/invitations/by-token/${tokenOf(sent.body.link)}`);
    assert.equal(preview.status, 200);
    assert.equal(preview.body.invitation.project.title, 'Single use');
    assert.equal(preview.body.invitation.invitedBy.name, 'Owner');
    assert.equal(preview.body.alreadyMember, false);
    assert.equal((await acceptLink(holder, sent.body.link)).status, 200);
    assert.equal((await acceptLink(holder, sent.body.link)).status, 200, 'a double click');
    const reused = await acceptLink(invitee, sent.body.link);
    assert.equal(reused.status, 410);
    assert.deepEqual(reused.body.error.details, { reason: 'accepted' });
    assert.ok(!(await projectIds(invitee)).includes(projectId));

    // Removed members cannot come back with the link they used.
    await call(owner, 'DELETE', `/projects/${projectId}/members/${holder.id}`);
    assert.equal((await acceptLink(holder, sent.body.link)).status, 410);
    assert.ok(!(await projectIds(holder)).includes(projectId));

    // Unknown and malformed tokens are not found; signed-out callers are refused.
    for (const token of ['x'.repeat(43), 'short', '%2e%2e']) {
      const res = await call(invitee, 'POST', `/invitations/by-token/${token}/accept`);
      assert.equal(res.status, 404, token);
    }
    assert.equal((await acceptLink(null as unknown as User, sent.body.link)).status, 401);
  });

  test(`inviting is limited to ${PER_HOUR} an hour per user: 429 with Retry-After`, async () => {
    const { owner, projectId } = await ownerWithProject();
    for (let i = 0; i < PER_HOUR; i++) {
      const res = await invite(owner, projectId, `probe-${i}-${Date.now()}@example.test`);
      assert.equal(res.status, 201);
    }
    const refused = await invite(owner, projectId, `probe-x-${Date.now()}@example.test`);
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, 'RATE_LIMITED');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal(
      refused.body.error.details.retryAfterSec,
      Number(refused.headers.get('retry-after')),
    );
    assert.equal(typeof refused.body.error.requestId, 'string');
    assert.equal((await pendingFor(owner, projectId)).length, PER_HOUR);
    // The limit is the inviting user's: another owner still may.
    const other = await ownerWithProject();
    assert.equal((await invite(other.owner, other.projectId, 'someone@example.test')).status, 201);
  });

  test('only those who may manage members invite, list or revoke', async () => {
    const { owner, projectId } = await ownerWithProject();
    const editor = await signUp(server.url, 'Editor');
    const viewer = await signUp(server.url, 'Viewer');
    const stranger = await signUp(server.url, 'Stranger');
    await acceptLink(editor, (await invite(owner, projectId, editor.email, 'editor')).body.link);
    await acceptLink(viewer, (await invite(owner, projectId, viewer.email, 'viewer')).body.link);
    const sent = await invite(owner, projectId, 'target@example.test');
    const path = `/projects/${projectId}/invitations`;
    for (const [user, status] of [
      [editor, 403],
      [viewer, 403],
      [stranger, 404],
      [null, 401],
    ] as const) {
      const who = user?.name ?? 'anonymous';
      const res = await call(user, 'POST', path, { email: 'x@example.test', role: 'owner' });
      assert.equal(res.status, status, `${who} invites`);
      assert.ok(res.body.error, `${who}: the error shape`);
      assert.equal((await call(user, 'GET', path)).status, status, `${who} lists`);
      const revoke = await call(user, 'DELETE', `${path}/${sent.body.invitation.id}`);
      assert.equal(revoke.status, status, `${who} revokes`);
    }
    const pending = await pendingFor(owner, projectId);
    assert.deepEqual(
      pending.map((i) => i.email),
      ['target@example.test'],
    );
  });
});
