import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addScene, listScenes, setSceneTitle } from '../../shared/project-doc.ts';
import { api, signUp, WebServer } from '../support/web-server.ts';
import { addMember } from '../support/members.ts';
import { collabToken, connectClient, waitFor } from '../support/collab-client.ts';
import { authenticateOnce } from '../support/raw-collab.ts';

/**
 * The auth extension (server/collab/auth-extension.ts), with a real server and
 * real providers: who may connect, read and write; the role read from the
 * database at connect time; token refresh, expiry and revocation.
 */
describe('collab auth extension', () => {
  let server: WebServer;
  let owner: Awaited<ReturnType<typeof signUp>>;
  let viewer: Awaited<ReturnType<typeof signUp>>;
  let stranger: Awaited<ReturnType<typeof signUp>>;
  let projectId: string;

  before(async () => {
    server = await new WebServer({
      env: {
        COLLAB_TOKEN_TTL_SEC: '4',
        COLLAB_CONNECTIONS_PER_MINUTE: '1000',
      },
    }).start();
    owner = await signUp(server.url, 'Owner');
    viewer = await signUp(server.url, 'Viewer');
    stranger = await signUp(server.url, 'Stranger');
    const res = await api(server.url, 'POST', '/api/v1/projects', {
      token: owner.token,
      body: { title: 'Access' },
    });
    projectId = res.body.project.id;
    await addMember(server, owner.token, projectId, viewer, 'viewer');
  });
  after(() => server.stop());

  test('a viewer sees edits live, and its own updates never reach peers or storage', async () => {
    const editor = await connectClient(server.url, owner.token, projectId);
    const view = await connectClient(server.url, viewer.token, projectId);
    await waitFor(() => editor.provider.isSynced && view.provider.isSynced, 'both synced');
    const id = addScene(editor.doc, { title: 'By the owner' });
    await waitFor(() => listScenes(view.doc).some((s) => s.id === id), 'viewer sees the scene');

    addScene(view.doc, { title: 'Sneaky viewer scene' });
    setSceneTitle(view.doc, id, 'Hijacked');
    // A later owner edit is a barrier: once the viewer sees it, the server has
    // handled the viewer's earlier messages too.
    await new Promise((r) => setTimeout(r, 300));
    const barrier = addScene(editor.doc, { title: 'Barrier' });
    await waitFor(() => listScenes(view.doc).some((s) => s.id === barrier), 'viewer sees barrier');
    await editor.settled();
    assert.deepEqual(
      listScenes(editor.doc).map((s) => s.map.get('title')),
      ['By the owner', 'Barrier'],
    );
    const stored = await api(server.url, 'GET', `/api/v1/projects/${projectId}`, {
      token: owner.token,
    });
    assert.deepEqual(
      stored.body.timeline.scenes.map((s: { title: string }) => s.title),
      ['By the owner', 'Barrier'],
    );
    editor.destroy();
    view.destroy();
  });

  test('a non-member, a forged token and another project’s token are refused', async () => {
    const res = await api(server.url, 'POST', `/api/v1/projects/${projectId}/collab-token`, {
      token: stranger.token,
    });
    assert.equal(res.status, 404);
    const other = await api(server.url, 'POST', '/api/v1/projects', {
      token: stranger.token,
      body: { title: 'Other' },
    });
    const otherToken = await collabToken(server.url, stranger.token, other.body.project.id);
    for (const [token, reason] of [
      [otherToken, 'token-wrong-document'],
      [`${otherToken.split('.')[0]}.forged`, 'token-bad-signature'],
    ] as const) {
      const reasonSeen = await authenticateOnce(server.url, projectId, token);
      assert.equal(reasonSeen, reason);
    }
  });

  test('removing a member closes their connection at once', async () => {
    const member = await signUp(server.url, 'Member');
    await addMember(server, owner.token, projectId, member, 'editor');
    const client = await connectClient(server.url, member.token, projectId);
    await waitFor(() => client.provider.isSynced, 'member synced');
    await api(server.url, 'DELETE', `/api/v1/projects/${projectId}/members/${member.id}`, {
      token: owner.token,
    });
    await waitFor(
      () => client.closes.some((c) => c.reason === 'access-changed'),
      'closed with access-changed',
    );
    const token = await api(server.url, 'POST', `/api/v1/projects/${projectId}/collab-token`, {
      token: member.token,
    });
    assert.equal(token.status, 404);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(client.provider.isSynced, false);
    client.destroy();
  });

  test('signing out closes the collab session', async () => {
    const member = await signUp(server.url, 'Leaver');
    await addMember(server, owner.token, projectId, member, 'editor');
    const client = await connectClient(server.url, member.token, projectId);
    await waitFor(() => client.provider.isSynced, 'synced');
    assert.equal(
      (await api(server.url, 'POST', '/api/v1/auth/logout', { token: member.token })).status,
      204,
    );
    await waitFor(
      () => client.closes.some((c) => c.reason === 'session-revoked'),
      'closed with session-revoked',
    );
    client.destroy();
  });

  test('a token nearing expiry is refreshed in place; the connection stays open', async () => {
    const client = await connectClient(server.url, owner.token, projectId);
    await waitFor(() => client.provider.isSynced, 'synced');
    const id = addScene(client.doc, { title: 'Before expiry' });
    await new Promise((r) => setTimeout(r, 5000)); // longer than the 4 s token lifetime
    assert.deepEqual(client.closes, []);
    setSceneTitle(client.doc, id, 'After expiry');
    await client.settled();
    client.destroy();
  });

  test('a client that does not refresh its token is closed with token-expired', async () => {
    const token = await collabToken(server.url, owner.token, projectId);
    const outcome = await authenticateOnce(
      server.url,
      projectId,
      token,
      {},
      { waitForClose: true },
    );
    assert.equal(outcome, 'closed:4401:token-expired');
  });
});
