import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type * as Y from 'yjs';
import {
  addScene,
  listScenes,
  sceneText,
  setSceneTitle,
  toTimeline,
} from '../../shared/project-doc.ts';
import { api, signUp, WebServer } from '../support/web-server.ts';
import { addMember } from '../support/members.ts';
import { collabToken, connectClient, waitFor } from '../support/collab-client.ts';
import { connectYjs } from '../support/yjs-client.ts';

/**
 * The `/yjs/<projectId>` endpoint (issue 15, item 1): a standard y-websocket
 * client (`WebsocketProvider` from the `y-websocket` package, nothing of
 * ours) and a Hocuspocus provider edit one live document, with the same
 * roles, persistence and token rules.
 */
describe('y-websocket endpoint', () => {
  let server: WebServer;
  let owner: Awaited<ReturnType<typeof signUp>>;
  let viewer: Awaited<ReturnType<typeof signUp>>;
  let projectId: string;
  let otherProjectId: string;

  before(async () => {
    server = await new WebServer({ env: { COLLAB_CONNECTIONS_PER_MINUTE: '1000' } }).start();
    owner = await signUp(server.url, 'Owner');
    viewer = await signUp(server.url, 'Viewer');
    const create = async (title: string) =>
      (await api(server.url, 'POST', '/api/v1/projects', { token: owner.token, body: { title } }))
        .body.project.id as string;
    projectId = await create('Edge');
    otherProjectId = await create('Other');
    await addMember(server, owner.token, projectId, viewer, 'viewer');
  });
  after(() => server.stop());

  const titles = (doc: Y.Doc) => listScenes(doc).map((s) => s.map.get('title'));

  test('edits cross both ways and concurrent text edits converge', async () => {
    const yjs = await connectYjs(server.url, owner.token, projectId);
    const hp = await connectClient(server.url, owner.token, projectId);
    try {
      await waitFor(() => yjs.provider.synced && hp.provider.isSynced, 'both synced');
      const fromYjs = addScene(yjs.doc, { title: 'From y-websocket' });
      await waitFor(() => titles(hp.doc).includes('From y-websocket'), 'Hocuspocus sees it');
      setSceneTitle(hp.doc, fromYjs, 'Renamed by Hocuspocus');
      await waitFor(() => titles(yjs.doc).includes('Renamed by Hocuspocus'), 'y-websocket sees it');

      // Both type into one narration at once: the texts converge to one.
      const a = sceneText(yjs.doc, fromYjs, 'narration')!;
      const b = sceneText(hp.doc, fromYjs, 'narration')!;
      for (let i = 0; i < 20; i++) {
        a.insert(a.length, `y${i} `);
        b.insert(0, `h${i} `);
      }
      await waitFor(() => a.toString() === b.toString() && a.length > 100, 'texts converge');
      for (let i = 0; i < 20; i++) {
        assert.ok(a.toString().includes(`y${i} `));
        assert.ok(a.toString().includes(`h${i} `));
      }
    } finally {
      yjs.destroy();
      hp.destroy();
    }
  });

  test('awareness crosses both ways', async () => {
    const yjs = await connectYjs(server.url, owner.token, projectId);
    const hp = await connectClient(server.url, owner.token, projectId);
    try {
      await waitFor(() => yjs.provider.synced && hp.provider.isSynced, 'both synced');
      yjs.provider.awareness.setLocalStateField('cursor', { at: 3 });
      hp.provider.awareness!.setLocalStateField('cursor', { at: 7 });
      const seen = (states: Map<number, Record<string, unknown>>, at: number) =>
        [...states.values()].some((s) => (s.cursor as { at?: number } | undefined)?.at === at);
      await waitFor(
        () => seen(hp.provider.awareness!.getStates(), 3),
        'Hocuspocus sees y-websocket',
      );
      await waitFor(
        () => seen(yjs.provider.awareness.getStates(), 7),
        'y-websocket sees Hocuspocus',
      );
    } finally {
      yjs.destroy();
      hp.destroy();
    }
  });

  test("a viewer's y-websocket update never reaches anyone or the database", async () => {
    const watcher = await connectClient(server.url, owner.token, projectId);
    const spy = await connectYjs(server.url, viewer.token, projectId);
    try {
      await waitFor(() => watcher.provider.isSynced && spy.provider.synced, 'both synced');
      addScene(spy.doc, { title: 'Viewer forgery' });
      // An owner edit after it: once the viewer has that, the forgery had its chance to travel.
      addScene(watcher.doc, { title: 'Owner after' });
      await waitFor(() => titles(spy.doc).includes('Owner after'), 'viewer receives edits');
      await watcher.settled();
      assert.ok(!titles(watcher.doc).includes('Viewer forgery'));
      const stored = await api(server.url, 'GET', `/api/v1/projects/${projectId}`, {
        token: owner.token,
      });
      const storedTitles = (stored.body.timeline.scenes as { title: string }[]).map((s) => s.title);
      assert.ok(storedTitles.includes('Owner after'));
      assert.ok(!storedTitles.includes('Viewer forgery'));
    } finally {
      watcher.destroy();
      spy.destroy();
    }
  });

  test('bad, expired and other-project tokens are refused before the handshake', async () => {
    const upgrade = async (path: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}${path}`);
        ws.addEventListener('open', () => {
          ws.close();
          resolve(101);
        });
        ws.addEventListener('error', () => resolve(0));
      });
    const good = await collabToken(server.url, owner.token, projectId);
    const other = await collabToken(server.url, owner.token, otherProjectId);
    assert.equal(await upgrade(`/yjs/${projectId}?token=${encodeURIComponent(good)}`), 101);
    assert.equal(await upgrade(`/yjs/${projectId}`), 0, 'no token');
    assert.equal(await upgrade(`/yjs/${projectId}?token=garbage`), 0, 'bad token');
    const [body, sig] = good.split('.');
    const expired = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), exp: 1 }),
    ).toString('base64url');
    assert.equal(await upgrade(`/yjs/${projectId}?token=${expired}.${sig}`), 0, 'forged expiry');
    assert.equal(
      await upgrade(`/yjs/${projectId}?token=${encodeURIComponent(other)}`),
      0,
      'another project',
    );
    assert.equal(await upgrade(`/yjs/..%2Fcollab?token=${good}`), 0, 'odd path');
  });

  test('offline edits merge on reconnect, and the stored document equals the live one', async () => {
    const yjs = await connectYjs(server.url, owner.token, projectId);
    const hp = await connectClient(server.url, owner.token, projectId);
    try {
      await waitFor(() => yjs.provider.synced && hp.provider.isSynced, 'both synced');
      yjs.provider.disconnect();
      addScene(yjs.doc, { title: 'Written offline' });
      addScene(hp.doc, { title: 'Written online meanwhile' });
      await hp.settled();
      await yjs.refreshToken();
      yjs.provider.connect();
      await waitFor(
        () =>
          titles(hp.doc).includes('Written offline') &&
          titles(yjs.doc).includes('Written online meanwhile'),
        'merged both ways',
      );
      await hp.settled();
      assert.deepEqual(toTimeline(yjs.doc), toTimeline(hp.doc));
    } finally {
      yjs.destroy();
      hp.destroy();
    }
    // Restart: what was stored is what both clients held.
    const live = await connectClient(server.url, owner.token, projectId);
    await waitFor(() => live.provider.isSynced, 'synced before restart');
    const before = toTimeline(live.doc);
    live.destroy();
    assert.equal(await server.kill('SIGTERM'), 0);
    await server.start();
    const again = await connectYjs(server.url, owner.token, projectId);
    try {
      await waitFor(() => again.provider.synced, 'synced after restart');
      assert.deepEqual(toTimeline(again.doc), before);
    } finally {
      again.destroy();
    }
  });
});
