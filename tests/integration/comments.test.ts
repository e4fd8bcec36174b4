import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addScene } from '../../shared/project-doc.ts';
import type { CommentMessage } from '../../shared/api/comments.ts';
import { createComments, type Comments } from '../../server/comments/comments.ts';
import { openTestDatabase, type TestDatabase } from '../../server/db/test-databases.ts';
import type { ApiError } from '../../server/http/errors.ts';
import type { NewNotification } from '../../server/notifications/notifications.ts';
import { createProjects } from '../../server/projects/projects.ts';
import { connectClient, waitFor, type CollabClient } from '../support/collab-client.ts';
import { addMember } from '../support/members.ts';
import { api, createProject, signUp, WebServer } from '../support/web-server.ts';

type Person = Awaited<ReturnType<typeof signUp>>;

/** Review comments over the API: the role matrix, threads, resolve, refusals, live relay. */
describe('comments', () => {
  let web: WebServer;
  let owner: Person, editor: Person, viewer: Person, stranger: Person;
  let projectId: string;
  let sceneId: string;
  let client: CollabClient;
  const live: { type: string; comment?: { id: string; body: string }; ids?: string[] }[] = [];

  before(async () => {
    web = await new WebServer().start();
    [owner, editor, viewer, stranger] = await Promise.all([
      signUp(web.url, 'Olive Owner'),
      signUp(web.url, 'Eddie Editor'),
      signUp(web.url, 'Vera Viewer'),
      signUp(web.url, 'Stan Stranger'),
    ]);
    projectId = await createProject(web.url, owner.token, 'Review');
    await addMember(web, owner.token, projectId, editor, 'editor');
    await addMember(web, owner.token, projectId, viewer, 'viewer');
    client = await connectClient(web.url, viewer.token, projectId);
    await waitFor(() => client.provider.isSynced, 'synced');
    client.provider.on('stateless', ({ payload }: { payload: string }) => {
      const message = JSON.parse(payload) as (typeof live)[number];
      if (message.type.startsWith('comment')) live.push(message);
    });
    const ownerClient = await connectClient(web.url, owner.token, projectId);
    await waitFor(() => ownerClient.provider.isSynced, 'owner synced');
    sceneId = addScene(ownerClient.doc, { title: 'Harbour' });
    await ownerClient.settled();
    ownerClient.destroy();
  });
  after(async () => {
    client?.destroy();
    await web?.stop();
  });

  const as = (person: Person | null, method: string, path: string, body?: unknown) =>
    api(web.url, method, path, { ...(person ? { token: person.token } : {}), body });
  const post = (person: Person | null, body: unknown) =>
    as(person, 'POST', `/api/v1/projects/${projectId}/comments`, body);

  test('anonymous callers get 401 and strangers 404 on every route', async () => {
    const mine = await post(owner, { sceneId, body: 'A first note' });
    assert.equal(mine.status, 201, JSON.stringify(mine.body));
    const id = mine.body.comment.id as string;
    const routes: [string, string, unknown][] = [
      ['POST', `/api/v1/projects/${projectId}/comments`, { sceneId, body: 'hi' }],
      ['GET', `/api/v1/projects/${projectId}/comments`, undefined],
      ['PATCH', `/api/v1/comments/${id}`, { resolved: true }],
      ['DELETE', `/api/v1/comments/${id}`, undefined],
    ];
    for (const [method, path, body] of routes) {
      assert.equal((await as(null, method, path, body)).status, 401, `${method} ${path}`);
      const refused = await as(stranger, method, path, body);
      assert.equal(refused.status, 404, `${method} ${path}`);
    }
    for (const member of [viewer, editor, owner]) {
      const still = await as(member, 'GET', `/api/v1/projects/${projectId}/comments`);
      assert.equal(still.status, 200);
      assert.ok(still.body.comments.some((c: { id: string }) => c.id === id));
    }
  });

  test('viewers read and comment; only editors and owners resolve; authors edit their own', async () => {
    const byViewer = await post(viewer, { sceneId, body: 'The boat is too small' });
    assert.equal(byViewer.status, 201, JSON.stringify(byViewer.body));
    const comment = byViewer.body.comment;
    assert.deepEqual(comment.author, { kind: 'member', userId: viewer.id, name: 'Vera Viewer' });
    assert.equal(comment.resolved, false);
    const list = await as(viewer, 'GET', `/api/v1/projects/${projectId}/comments`);
    assert.equal(list.status, 200);
    assert.ok(list.body.comments.some((c: { id: string }) => c.id === comment.id));

    const path = `/api/v1/comments/${comment.id}`;
    assert.equal((await as(viewer, 'PATCH', path, { resolved: true })).status, 403);
    const resolved = await as(editor, 'PATCH', path, { resolved: true });
    assert.equal(resolved.status, 200);
    assert.equal(resolved.body.comment.resolved, true);
    const reopened = await as(owner, 'PATCH', path, { resolved: false });
    assert.equal(reopened.body.comment.resolved, false);

    assert.equal((await as(editor, 'PATCH', path, { body: 'rewritten' })).status, 403);
    assert.equal((await as(owner, 'PATCH', path, { body: 'rewritten' })).status, 403);
    const edited = await as(viewer, 'PATCH', path, { body: 'The boat is far too small' });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.comment.body, 'The boat is far too small');
    assert.ok(edited.body.comment.editedAt);
  });

  test('authors delete their own; owners delete any; editors and viewers not others’', async () => {
    const byEditor = (await post(editor, { sceneId, body: 'Mine to delete' })).body.comment;
    const byViewer = (await post(viewer, { sceneId, body: 'The owner deletes this' })).body.comment;
    assert.equal((await as(viewer, 'DELETE', `/api/v1/comments/${byEditor.id}`)).status, 403);
    assert.equal((await as(editor, 'DELETE', `/api/v1/comments/${byViewer.id}`)).status, 403);
    assert.equal((await as(editor, 'DELETE', `/api/v1/comments/${byEditor.id}`)).status, 204);
    assert.equal((await as(owner, 'DELETE', `/api/v1/comments/${byViewer.id}`)).status, 204);
    assert.equal((await as(owner, 'DELETE', `/api/v1/comments/${byViewer.id}`)).status, 404);
    const left = (await as(owner, 'GET', `/api/v1/projects/${projectId}/comments`)).body.comments;
    assert.ok(!left.some((c: { id: string }) => c.id === byEditor.id || c.id === byViewer.id));
  });

  test('threads: a reply joins its top comment, on its scene; deleting the top removes the thread', async () => {
    const top = (await post(owner, { sceneId, body: 'Thread start' })).body.comment;
    const reply = await post(editor, {
      sceneId: 'ignored-scene',
      body: 'A reply',
      parentId: top.id,
    });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    assert.equal(reply.body.comment.parentId, top.id);
    assert.equal(reply.body.comment.sceneId, sceneId);
    // A reply to a reply still joins the top comment's thread (one level).
    const nested = await post(viewer, { sceneId, body: 'Nested', parentId: reply.body.comment.id });
    assert.equal(nested.body.comment.parentId, top.id);
    assert.equal((await as(owner, 'DELETE', `/api/v1/comments/${top.id}`)).status, 204);
    const left = (await as(owner, 'GET', `/api/v1/projects/${projectId}/comments`)).body.comments;
    assert.ok(!left.some((c: { parentId: string | null }) => c.parentId === top.id));
    await waitFor(
      () => live.some((m) => m.type === 'comment-deleted' && m.ids?.length === 3),
      'the deletion of the thread relayed',
    );
  });

  test('a comment at a time in a render needs a render of this project', async () => {
    const refused = await post(owner, {
      sceneId,
      body: 'At 3 s',
      renderId: 'nosuchrender',
      atSec: 3,
    });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error.key, 'errors.api.commentRenderNotFound');
    const noRender = await post(owner, { sceneId, body: 'At 3 s', atSec: 3 });
    assert.equal(noRender.status, 422);
  });

  test('bad input gets a 422 naming the problem and stores nothing', async () => {
    const before = (await as(owner, 'GET', `/api/v1/projects/${projectId}/comments`)).body.comments
      .length;
    const cases: [unknown, string][] = [
      [{ sceneId, body: '' }, 'body'],
      [{ sceneId, body: '   ' }, 'body'],
      [{ sceneId, body: 'x'.repeat(2001) }, 'body'],
      [{ sceneId, body: 'bidi \u202E override' }, 'body'],
      [{ sceneId, body: 'bell \u0007' }, 'body'],
      [{ sceneId: '<script>', body: 'hello' }, 'sceneId'],
      [{ sceneId: 'nosuchscene', body: 'hello' }, 'sceneId'],
      [{ sceneId, body: 'hello', parentId: 'nosuchcomment' }, 'parentId'],
      [{ sceneId, body: 'hello', extra: 1 }, ''],
    ];
    for (const [body, field] of cases) {
      const res = await post(owner, body);
      assert.equal(res.status, 422, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`);
      if (field) assert.ok(JSON.stringify(res.body.error.details).includes(field), field);
    }
    const nul = await post(owner, { sceneId, body: 'nul \u0000 here' });
    assert.equal(nul.status, 422);
    const after = (await as(owner, 'GET', `/api/v1/projects/${projectId}/comments`)).body.comments
      .length;
    assert.equal(after, before);
  });

  test('markup stays text, and every member sees a comment appear live', async () => {
    const xss = '<img src=x onerror=alert(1)>';
    const res = await post(editor, { sceneId, body: xss });
    assert.equal(res.body.comment.body, xss);
    await waitFor(
      () => live.some((m) => m.type === 'comment' && m.comment?.id === res.body.comment.id),
      'the comment relayed to the viewer',
    );
  });
});

/**
 * Guest reviewers (preview links, issue 13) comment through the domain
 * function the share-link route calls: same validation, a name of their own,
 * no account; their comment notifies the mentioned member and nobody else.
 */
describe('comments by a guest through the domain function', () => {
  let database: TestDatabase;
  const published: CommentMessage[] = [];
  const notified: NewNotification[][] = [];
  let comments: Comments;
  let projectId: string;
  const scenes = new Set(['scene1']);

  before(async () => {
    database = await openTestDatabase('pglite');
    const projects = createProjects(database.db, {
      create: async () => {},
      duplicate: async () => {},
      setTitle: async () => {},
      disconnect: async () => {},
    });
    await database.db
      .insertInto('users')
      .values([
        { id: 'u-owner', email: 'o@example.test', name: 'Olive', password_hash: 'x' },
        { id: 'u-bob', email: 'b@example.test', name: 'Bob Stone', password_hash: 'x' },
      ])
      .execute();
    projectId = (await projects.create('u-owner', { title: 'Guest review' })).id;
    await projects.addMember(projectId, 'u-bob', 'editor');
    comments = createComments({
      db: database.db,
      projects,
      sceneExists: async (_projectId, sceneId) => scenes.has(sceneId),
      notifications: { notify: async (items) => void notified.push([...items]) },
      publish: async (_projectId, message) => void published.push(message),
    });
  });
  after(async () => {
    await database?.drop();
  });

  const guest = (name: string) => ({ kind: 'guest' as const, name, shareLinkId: 'link-1' });

  test('a guest comment is stored under the given name, relayed, and notifies mentions and owners', async () => {
    const comment = await comments.create({
      projectId,
      author: guest('  Clara (client)  '),
      sceneId: 'scene1',
      body: 'Lovely, but @Bob Stone the title is late',
    });
    assert.deepEqual(comment.author, { kind: 'guest', name: 'Clara (client)' });
    assert.deepEqual(comment.mentions, ['u-bob']);
    const row = await database.db
      .selectFrom('comments')
      .select(['author_user_id', 'share_link_id'])
      .where('id', '=', comment.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { author_user_id: null, share_link_id: 'link-1' });
    assert.deepEqual(published.at(-1), { type: 'comment', comment });
    assert.deepEqual(
      notified.at(-1)?.map((n) => [n.userId, n.kind, n.actor?.id ?? null]),
      [
        ['u-bob', 'mention', null],
        ['u-owner', 'comment', null],
      ],
    );
    const listed = await comments.list('u-owner', projectId);
    assert.equal(listed.at(-1)?.id, comment.id);
  });

  test('a guest gets the same 422s, and a bad name is refused too', async () => {
    const refusals: [string, Record<string, unknown>][] = [
      ['', { sceneId: 'scene1', body: 'hi' }],
      ['x'.repeat(61), { sceneId: 'scene1', body: 'hi' }],
      ['Line\nbreak', { sceneId: 'scene1', body: 'hi' }],
      ['Clara', { sceneId: 'scene1', body: '' }],
      ['Clara', { sceneId: 'gone', body: 'hi' }],
    ];
    for (const [name, fields] of refusals) {
      await assert.rejects(
        comments.create({ projectId, author: guest(name), ...fields }),
        (err: ApiError) => err.status === 422,
        `${JSON.stringify(name)} ${JSON.stringify(fields)}`,
      );
    }
  });
});
