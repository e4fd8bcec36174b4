import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { addScene, listScenes, setSceneTitle } from '../../shared/project-doc.ts';
import { connectClient, waitFor, type CollabClient } from '../support/collab-client.ts';
import { addMember } from '../support/members.ts';
import { serverOnPostgres } from '../support/postgres.ts';
import { RenderNode } from '../support/render-node.ts';
import { committedRender } from '../support/revisions.ts';
import { api, signUp, type WebServer } from '../support/web-server.ts';

type Person = Awaited<ReturnType<typeof signUp>>;

/**
 * Preview links (issue 13): who may create, list and revoke them; what a link
 * holder reads without an account (the project, its render's files with
 * Range, a read-only live connection); expiry, revocation, and the token
 * never stored.
 */
describe('preview links', () => {
  let setup: Awaited<ReturnType<typeof serverOnPostgres>>;
  let web: WebServer;
  let node: RenderNode;
  let owner: Person;
  let editor: Person;
  let viewer: Person;
  let stranger: Person;
  let projectId: string;
  let client: CollabClient;
  let sceneId: string;
  let firstRenderId: string;
  let secondRenderId: string;

  const renderNow = (message: string) =>
    committedRender(web, owner.token, projectId, client, message);

  const createLink = (token: string | undefined, body: Record<string, unknown> = {}) =>
    api(web.url, 'POST', `/api/v1/projects/${projectId}/share-links`, {
      ...(token ? { token } : {}),
      body,
    });

  /** A link holder's live connection: a real provider whose tokens come through the link. */
  const linkProvider = (linkToken: string) =>
    connectClient(web.url, '', projectId, {
      token: async () => {
        const res = await api(web.url, 'POST', `/api/v1/shared/${linkToken}/collab-token`);
        if (res.status !== 200) throw new Error(`link collab token ${res.status}`);
        return res.body.token as string;
      },
    });

  before(async () => {
    setup = await serverOnPostgres();
    web = setup.server;
    node = await new RenderNode(web).start();
    [owner, editor, viewer, stranger] = await Promise.all([
      signUp(web.url, 'Olivia Owner'),
      signUp(web.url, 'Eddie Editor'),
      signUp(web.url, 'Vera Viewer'),
      signUp(web.url, 'Stan Stranger'),
    ]);
    const created = await api(web.url, 'POST', '/api/v1/projects', {
      token: owner.token,
      body: { title: 'Client cut' },
    });
    projectId = created.body.project.id as string;
    await addMember(web, owner.token, projectId, editor, 'editor');
    await addMember(web, owner.token, projectId, viewer, 'viewer');
    client = await connectClient(web.url, owner.token, projectId);
    await waitFor(() => client.provider.isSynced, 'synced');
    sceneId = addScene(client.doc, { title: 'Opening', narration: 'Hello there.' });
    firstRenderId = await renderNow('first cut');
    setSceneTitle(client.doc, sceneId, 'Opening, second cut');
    secondRenderId = await renderNow('second cut');
  });

  after(async () => {
    client?.destroy();
    await node?.kill();
    await setup?.stop();
  });

  test('creating, listing and revoking: owners and editors only', async () => {
    assert.equal((await createLink(undefined)).status, 401, 'anonymous');
    const byStranger = await createLink(stranger.token);
    assert.equal(byStranger.status, 404, 'a stranger learns nothing of the project');
    assert.equal((await createLink(viewer.token)).status, 403, 'viewer');

    const byOwner = await createLink(owner.token, { label: 'Client review' });
    assert.equal(byOwner.status, 201, JSON.stringify(byOwner.body));
    const link = byOwner.body;
    assert.match(link.token, /^[A-Za-z0-9_-]{43}$/, '256 random bits');
    assert.equal(link.url, `${web.url}/s/${link.token}`);
    assert.equal(link.label, 'Client review');
    assert.equal(link.allowComments, false);
    assert.equal(link.expiresAt, null, 'no expiry given: never');
    assert.ok(link.id && link.createdAt);

    const byEditor = await createLink(editor.token, {
      allowComments: true,
      expiresInSeconds: 3600,
      renderId: firstRenderId,
    });
    assert.equal(byEditor.status, 201, JSON.stringify(byEditor.body));
    assert.equal(byEditor.body.allowComments, true);
    const expiresIn = new Date(byEditor.body.expiresAt).getTime() - Date.now();
    assert.ok(expiresIn > 3_500_000 && expiresIn <= 3_600_000, 'expires in an hour');

    for (const [body, field] of [
      [{ expiresInSeconds: 0 }, 'expiresInSeconds'],
      [{ expiresInSeconds: 1.5 }, 'expiresInSeconds'],
      [{ label: 'x'.repeat(101) }, 'label'],
      [{ label: 'two\nlines' }, 'label'],
      [{ allowComments: 'yes' }, 'allowComments'],
      [{ renderId: 'NOT-AN-ID' }, 'renderId'],
      [{ renderId: 'zzzzzzzzzzzzzzzz' }, 'renderId'],
    ] as const) {
      const refused = await createLink(owner.token, body);
      assert.equal(refused.status, 422, JSON.stringify(body));
      assert.ok(refused.body.error.details.fields[field], `${field} is named`);
    }

    const list = (token?: string) =>
      api(web.url, 'GET', `/api/v1/projects/${projectId}/share-links`, token ? { token } : {});
    assert.equal((await list()).status, 401, 'anonymous');
    assert.equal((await list(stranger.token)).status, 404, 'stranger');
    assert.equal((await list(viewer.token)).status, 403, 'viewer');
    assert.equal((await list(link.token)).status, 401, 'a link token is no session');
    const listed = await list(editor.token);
    assert.equal(listed.status, 200);
    const row = listed.body.links.find((l: { id: string }) => l.id === link.id);
    assert.equal(row.label, 'Client review');
    assert.deepEqual(row.createdBy, { id: owner.id, name: 'Olivia Owner' });
    assert.equal(row.views, 0);
    assert.equal(row.lastViewedAt, null);
    assert.ok(!JSON.stringify(listed.body).includes(link.token), 'tokens are never listed');
    assert.equal((await list(owner.token)).status, 200);

    const revoke = (id: string, token?: string) =>
      api(web.url, 'DELETE', `/api/v1/share-links/${id}`, token ? { token } : {});
    assert.equal((await revoke(link.id)).status, 401, 'anonymous');
    assert.equal((await revoke(link.id, stranger.token)).status, 404, 'stranger');
    assert.equal((await revoke(link.id, viewer.token)).status, 403, 'viewer');
    assert.equal((await revoke('nosuchlink', owner.token)).status, 404, 'unknown id');
    assert.equal((await revoke(byEditor.body.id, owner.token)).status, 204, 'owner');
    assert.equal((await revoke(link.id, editor.token)).status, 204, 'editor');
    assert.equal((await revoke(link.id, editor.token)).status, 404, 'already revoked');
    const after = await list(owner.token);
    assert.ok(!after.body.links.some((l: { id: string }) => l.id === link.id), 'revoked leaves');
  });

  test('a link holder reads the project and the latest render through the link, with Range', async () => {
    const { body: link } = await createLink(owner.token, { label: 'Watch' });
    const shared = await api(web.url, 'GET', `/api/v1/shared/${link.token}`);
    assert.equal(shared.status, 200, JSON.stringify(shared.body));
    assert.equal(shared.body.project.title, 'Client cut');
    assert.equal(shared.body.project.settings.language, 'en');
    assert.equal(shared.body.timeline.scenes[0].title, 'Opening, second cut');
    const render = shared.body.render;
    assert.equal(render.id, secondRenderId, 'the latest finished render');
    const base = `/api/v1/shared/${link.token}/renders/${secondRenderId}`;
    assert.equal(render.output.videoUrl, `${base}/video.mp4`);
    assert.match(render.output.posterUrl, new RegExp(`^${base}/poster\\.\\w+$`));
    assert.equal(render.output.captionsVttUrl, `${base}/captions.vtt`);
    assert.equal(render.output.thumbnails[0].url.startsWith(`${base}/thumbnails/`), true);
    assert.equal(render.output.chapters[0].title, 'Opening, second cut');

    // Anyone holding the link, signed in or not, reads the same.
    const asStranger = await api(web.url, 'GET', `/api/v1/shared/${link.token}`, {
      token: stranger.token,
    });
    assert.equal(asStranger.status, 200);

    const ranged = await fetch(`${web.url}${render.output.videoUrl}`, {
      headers: { range: 'bytes=0-99' },
    });
    assert.equal(ranged.status, 206);
    assert.match(ranged.headers.get('content-range') ?? '', /^bytes 0-99\/\d+$/);
    assert.equal((await ranged.arrayBuffer()).byteLength, 100);
    assert.equal(ranged.headers.get('cache-control'), 'private, no-store');
    for (const url of [
      render.output.posterUrl,
      render.output.captionsVttUrl,
      render.output.captionsSrtUrl,
      render.output.thumbnails[0].url,
    ]) {
      assert.equal((await fetch(`${web.url}${url}`)).status, 200, url);
    }
    // The older render stays reachable for a link that follows the latest (a video being watched).
    const older = await fetch(
      `${web.url}/api/v1/shared/${link.token}/renders/${firstRenderId}/video.mp4`,
    );
    assert.equal(older.status, 200);
    await older.arrayBuffer();

    // Views are counted when the link is opened.
    const listed = await api(web.url, 'GET', `/api/v1/projects/${projectId}/share-links`, {
      token: owner.token,
    });
    const row = listed.body.links.find((l: { id: string }) => l.id === link.id);
    assert.equal(row.views, 2);
    assert.ok(Date.now() - new Date(row.lastViewedAt).getTime() < 60_000);
  });

  test('a link to a chosen render shows that render only', async () => {
    const { body: link } = await createLink(owner.token, { renderId: firstRenderId });
    const shared = await api(web.url, 'GET', `/api/v1/shared/${link.token}`);
    assert.equal(shared.body.render.id, firstRenderId);
    const other = await fetch(
      `${web.url}/api/v1/shared/${link.token}/renders/${secondRenderId}/video.mp4`,
    );
    assert.equal(other.status, 404, 'another render of the project is not shown');
    await other.arrayBuffer();
    // The member route does not answer a link holder.
    const member = await fetch(`${web.url}/api/v1/renders/${firstRenderId}/video.mp4`);
    assert.equal(member.status, 401);
    await member.arrayBuffer();
  });

  test('unknown tokens answer 404 with the standard error shape on every route', async () => {
    const unknown = 'A'.repeat(43);
    for (const token of [unknown, 'short', '..%2F..']) {
      for (const [method, path] of [
        ['GET', `/api/v1/shared/${token}`],
        ['POST', `/api/v1/shared/${token}/collab-token`],
        ['GET', `/api/v1/shared/${token}/renders/${secondRenderId}/video.mp4`],
      ] as const) {
        const res = await api(web.url, method, path);
        assert.equal(res.status, 404, `${method} ${path}`);
        if (token === unknown) {
          assert.equal(res.body.error.code, 'NOT_FOUND');
          assert.equal(res.body.error.key, 'errors.api.shareLinkNotFound');
          assert.ok(res.body.error.requestId);
        }
      }
    }
  });

  test('revoking cuts off the page, the media and the open socket at once', async (t) => {
    const { body: link } = await createLink(editor.token, { label: 'To revoke' });
    const shared = await api(web.url, 'GET', `/api/v1/shared/${link.token}`);
    const videoUrl = `${web.url}${shared.body.render.output.videoUrl}`;
    const live = await linkProvider(link.token);
    t.after(() => live.destroy());
    await waitFor(() => live.provider.isSynced, 'link provider synced');
    assert.equal(
      (await api(web.url, 'DELETE', `/api/v1/share-links/${link.id}`, { token: owner.token }))
        .status,
      204,
    );
    await waitFor(
      () => live.closes.some((c) => c.reason === 'share-link-revoked'),
      'the link socket closed',
    );
    for (const [method, url] of [
      ['GET', `/api/v1/shared/${link.token}`],
      ['POST', `/api/v1/shared/${link.token}/collab-token`],
    ] as const) {
      const res = await api(web.url, method, url);
      assert.equal(res.status, 410, url);
      assert.equal(res.body.error.key, 'errors.api.shareLink.revoked');
    }
    const video = await fetch(videoUrl, { headers: { range: 'bytes=0-99' } });
    assert.equal(video.status, 410);
    await video.arrayBuffer();
  });

  test('a link that expires in 2 s works, then answers 410', async () => {
    const { body: link } = await createLink(owner.token, { expiresInSeconds: 2 });
    const first = await api(web.url, 'GET', `/api/v1/shared/${link.token}`);
    assert.equal(first.status, 200);
    const videoUrl = `${web.url}${first.body.render.output.videoUrl}`;
    const token = await api(web.url, 'POST', `/api/v1/shared/${link.token}/collab-token`);
    assert.ok(
      new Date(token.body.expiresAt).getTime() <= new Date(link.expiresAt).getTime(),
      'the live connection ends with the link',
    );
    await waitFor(
      async () => (await api(web.url, 'GET', `/api/v1/shared/${link.token}`)).status === 410,
      'the link expired',
    );
    const expired = await api(web.url, 'GET', `/api/v1/shared/${link.token}`);
    assert.equal(expired.body.error.key, 'errors.api.shareLink.expired');
    const video = await fetch(videoUrl);
    assert.equal(video.status, 410);
    await video.arrayBuffer();
    const listed = await api(web.url, 'GET', `/api/v1/projects/${projectId}/share-links`, {
      token: owner.token,
    });
    assert.equal(listed.body.links.find((l: { id: string }) => l.id === link.id).expired, true);
  });

  test("a link viewer's provider is read-only: the server drops its updates", async () => {
    const { body: link } = await createLink(owner.token);
    const issued = await api(web.url, 'POST', `/api/v1/shared/${link.token}/collab-token`);
    assert.equal(issued.status, 200);
    assert.equal(issued.body.document, projectId);
    assert.equal(issued.body.role, 'viewer');
    const live = await linkProvider(link.token);
    try {
      await waitFor(() => live.provider.isSynced, 'link provider synced');
      addScene(live.doc, { title: 'Sneaky reviewer scene' });
      setSceneTitle(live.doc, sceneId, 'Hijacked');
      await new Promise((r) => setTimeout(r, 300));
      // A later owner edit is a barrier: once the link sees it, the server handled its messages.
      const barrier = addScene(client.doc, { title: 'Barrier' });
      await waitFor(
        () => listScenes(live.doc).some((s) => s.id === barrier),
        'the link sees the owner edit live',
      );
      await client.settled();
      const expected = ['Opening, second cut', 'Barrier'];
      assert.deepEqual(
        listScenes(client.doc).map((s) => s.map.get('title')),
        expected,
      );
      const stored = await api(web.url, 'GET', `/api/v1/projects/${projectId}`, {
        token: owner.token,
      });
      assert.deepEqual(
        stored.body.timeline.scenes.map((s: { title: string }) => s.title),
        expected,
      );
    } finally {
      live.destroy();
    }
  });

  test('a reviewer comments through a link that allows it, as plain text, and the owners hear of it', async () => {
    const { body: closed } = await createLink(owner.token, { label: 'Watch only' });
    const { body: open } = await createLink(editor.token, {
      label: 'Client review',
      allowComments: true,
    });
    const comment = { sceneId, body: 'Lovely <b>shot</b>', authorName: 'Clara <Client>' };

    // A link that does not allow comments refuses both reading and writing them.
    for (const method of ['GET', 'POST'] as const) {
      const res = await api(web.url, method, `/api/v1/shared/${closed.token}/comments`, {
        ...(method === 'POST' ? { body: comment } : {}),
      });
      assert.equal(res.status, 403, method);
      assert.equal(res.body.error.key, 'errors.api.shareLinkNoComments');
    }

    // Bad input names the field and writes nothing.
    const refusals: [Record<string, unknown>, string][] = [
      [{ sceneId, body: 'No name' }, 'authorName'],
      [{ ...comment, authorName: '   ' }, 'authorName'],
      [{ ...comment, body: '' }, 'body'],
      [{ ...comment, sceneId: 'nosuchscene' }, 'sceneId'],
      [{ ...comment, renderId: firstRenderId, atSec: 1 }, 'renderId'],
    ];
    for (const [body, field] of refusals) {
      const res = await api(web.url, 'POST', `/api/v1/shared/${open.token}/comments`, { body });
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.ok(JSON.stringify(res.body.error.details).includes(field), field);
    }
    const empty = await api(web.url, 'GET', `/api/v1/shared/${open.token}/comments`);
    assert.deepEqual(empty.body.comments, []);

    const posted = await api(web.url, 'POST', `/api/v1/shared/${open.token}/comments`, {
      body: comment,
    });
    assert.equal(posted.status, 201);
    assert.deepEqual(posted.body.comment.author, { kind: 'guest', name: 'Clara <Client>' });
    assert.equal(posted.body.comment.body, 'Lovely <b>shot</b>');
    const reply = await api(web.url, 'POST', `/api/v1/shared/${open.token}/comments`, {
      body: {
        sceneId,
        body: 'And the music?',
        authorName: 'Clara',
        parentId: posted.body.comment.id,
      },
    });
    assert.equal(reply.status, 201);

    // The reviewer reads the thread through the link; the team reads it in the project.
    const seen = await api(web.url, 'GET', `/api/v1/shared/${open.token}/comments`);
    assert.deepEqual(
      seen.body.comments.map((c: { body: string }) => c.body),
      ['Lovely <b>shot</b>', 'And the music?'],
    );
    const team = await api(web.url, 'GET', `/api/v1/projects/${projectId}/comments`, {
      token: viewer.token,
    });
    assert.ok(team.body.comments.some((c: { id: string }) => c.id === posted.body.comment.id));

    // The owner is told; the editor who made the link is not (only owners hear of guest comments).
    const ownerNotes = await api(web.url, 'GET', '/api/v1/notifications', { token: owner.token });
    assert.ok(
      ownerNotes.body.notifications.some(
        (n: { kind: string; commentId: string }) =>
          n.kind === 'comment' && n.commentId === posted.body.comment.id,
      ),
    );
    const editorNotes = await api(web.url, 'GET', '/api/v1/notifications', { token: editor.token });
    assert.ok(
      !editorNotes.body.notifications.some(
        (n: { commentId: string | null }) => n.commentId === posted.body.comment.id,
      ),
    );

    // Revoked: the comments go with the rest of the link.
    await api(web.url, 'DELETE', `/api/v1/share-links/${open.id}`, { token: owner.token });
    const after = await api(web.url, 'POST', `/api/v1/shared/${open.token}/comments`, {
      body: comment,
    });
    assert.equal(after.status, 410);
  });

  test('the token is stored hashed: the row never holds it', async () => {
    const { body: link } = await createLink(owner.token, { label: 'Hashed' });
    const { rows } = await setup.sql.query('select * from share_links where id = $1', [link.id]);
    assert.equal(rows.length, 1);
    assert.ok(!JSON.stringify(rows[0]).includes(link.token));
    assert.equal(rows[0].token_hash, createHash('sha256').update(link.token).digest('hex'));
  });

  // Last: it leaves this address refused for a while.
  test('guessing tokens is limited per address, then every link is refused for a while', async () => {
    const { body: link } = await createLink(owner.token);
    let res = await api(web.url, 'GET', `/api/v1/shared/${'B'.repeat(43)}`);
    for (let guess = 0; guess < 40 && res.status === 404; guess++) {
      res = await api(web.url, 'GET', `/api/v1/shared/${String(guess).padStart(43, 'C')}`);
    }
    assert.equal(res.status, 429);
    assert.equal(res.body.error.code, 'RATE_LIMITED');
    assert.ok(Number(res.headers.get('retry-after')) > 0);
    const valid = await api(web.url, 'GET', `/api/v1/shared/${link.token}`);
    assert.equal(valid.status, 429, 'a guessing address is refused before any lookup');
    const member = await api(web.url, 'GET', `/api/v1/projects/${projectId}/share-links`, {
      token: owner.token,
    });
    assert.equal(member.status, 200, 'members are not limited by it');
  });
});
