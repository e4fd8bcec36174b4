import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { presenceUser } from '../../shared/presence.ts';
import {
  collabToken,
  connectClient,
  waitFor,
  type CollabClient,
} from '../support/collab-client.ts';
import { addMember } from '../support/members.ts';
import { postgresSchema } from '../support/postgres.ts';
import { RawCollab } from '../support/raw-collab.ts';
import { createProject, signUp, WebServer } from '../support/web-server.ts';

/**
 * Issue 9, item 6: presence (awareness) is owned by the connection. A raw
 * client may set only the few client ids it holds, never another user's;
 * the server writes the user's name, id and colour from the token; oversized
 * entries and floods are dropped (a flooding connection is closed with 4429);
 * a connection's entries leave every screen when it closes.
 *
 * Each test watches what a real provider (the observer) receives. "Not
 * relayed" is proven with a barrier: the attacker then sends an entry that
 * is relayed, and the server handles one connection's messages in order.
 */
const PER_DOCUMENT = 6;
const ENV = {
  COLLAB_CONNECTIONS_PER_MINUTE: '1000',
  COLLAB_PRESENCE_PER_DOCUMENT: String(PER_DOCUMENT),
};

describe('presence is owned by the connection', () => {
  let server: WebServer;
  let database: Awaited<ReturnType<typeof postgresSchema>>;
  let owner: Awaited<ReturnType<typeof signUp>>;
  let viewer: Awaited<ReturnType<typeof signUp>>;
  const clients: CollabClient[] = [];
  const raws: RawCollab[] = [];

  before(async () => {
    // PostgreSQL, so that a second instance can share the data (the last test).
    database = await postgresSchema();
    server = await new WebServer({ env: { ...database.env, ...ENV } }).start();
    owner = await signUp(server.url, 'Owner');
    viewer = await signUp(server.url, 'Viewer');
  });
  after(async () => {
    for (const client of clients) client.destroy();
    for (const raw of raws) raw.close();
    await server.stop();
    await database.drop();
  });

  /** A project the owner shares with the viewer (read-only), and the owner's observer on it. */
  async function setUp() {
    const projectId = await createProject(server.url, owner.token, 'Presence');
    await addMember(server, owner.token, projectId, viewer, 'viewer');
    const observer = await connectClient(server.url, owner.token, projectId);
    clients.push(observer);
    await waitFor(() => observer.provider.isSynced, 'observer synced');
    return { projectId, observer };
  }

  /** A raw client authenticated on `projectId` as `who` (through `via`, by default the first server). */
  async function rawAs(who: { token: string }, projectId: string, via = server) {
    const raw = await RawCollab.connect(via.url);
    raws.push(raw);
    const token = await collabToken(server.url, who.token, projectId);
    assert.equal(await raw.authenticate(projectId, token), 'authenticated');
    return raw;
  }

  const statesOf = (client: CollabClient) => client.provider.awareness!.getStates();
  const entriesOf = (client: CollabClient, userId: string) =>
    [...statesOf(client)].filter(([, s]) => (s.user as { id?: string } | undefined)?.id === userId);

  test('a viewer cannot overwrite another user’s presence, and its own name comes from its token', async () => {
    const { projectId, observer } = await setUp();
    const victim = await connectClient(server.url, owner.token, projectId);
    clients.push(victim);
    victim.provider.setAwarenessField('user', { id: owner.id, name: 'Owner', color: '#4f6bed' });
    const victimId = victim.doc.clientID;
    await waitFor(() => statesOf(observer).has(victimId), 'observer sees the victim');

    const raw = await rawAs(viewer, projectId);
    raw.sendAwareness(projectId, [
      {
        clientId: victimId,
        clock: 100_000,
        state: { user: { id: owner.id, name: 'Spoofed' }, focusScene: 'spoofed' },
      },
    ]);
    raw.sendAwareness(projectId, [
      {
        clientId: 4242,
        clock: 1,
        state: { user: { id: owner.id, name: 'Fake Owner', color: '#000' }, focusScene: 'mine' },
      },
    ]);
    await waitFor(() => statesOf(observer).has(4242), 'observer sees the viewer’s own entry');

    assert.deepEqual(statesOf(observer).get(4242), {
      user: presenceUser({ id: viewer.id, name: 'Viewer' }),
      focusScene: 'mine',
    });
    assert.deepEqual(statesOf(observer).get(victimId), {
      user: presenceUser({ id: owner.id, name: 'Owner' }),
    });
  });

  test('a connection holds at most four client ids', async () => {
    const { projectId, observer } = await setUp();
    const raw = await rawAs(viewer, projectId);
    for (let i = 1; i <= 10; i++) {
      raw.sendAwareness(projectId, [{ clientId: 5000 + i, clock: 1, state: { n: i } }]);
    }
    raw.sendAwareness(projectId, [{ clientId: 5001, clock: 2, state: { n: 'last' } }]);
    await waitFor(() => statesOf(observer).get(5001)?.n === 'last', 'barrier relayed');
    assert.deepEqual(
      entriesOf(observer, viewer.id).map(([id]) => id),
      [5001, 5002, 5003, 5004],
    );
  });

  test('a flood of client ids is not relayed and closes the connection with 4429', async () => {
    const { projectId, observer } = await setUp();
    const raw = await rawAs(viewer, projectId);
    for (let m = 0; m < 300; m++) {
      if (raw.ws.readyState !== raw.ws.OPEN) break;
      raw.sendAwareness(
        projectId,
        Array.from({ length: 50 }, (_, i) => ({
          clientId: 10_000 + m * 50 + i,
          clock: 1,
          state: { user: { id: owner.id, name: 'Owner' } },
        })),
      );
    }
    await waitFor(() => raw.closeEvent !== null, 'the flooding socket closed');
    assert.deepEqual(raw.closeEvent, { code: 4429, reason: 'presence-flood' });
    assert.ok(entriesOf(observer, viewer.id).length <= 4);
    await waitFor(() => entriesOf(observer, viewer.id).length === 0, 'flood entries gone');
  });

  test('an oversized entry is not relayed', async () => {
    const { projectId, observer } = await setUp();
    const raw = await rawAs(viewer, projectId);
    raw.sendAwareness(projectId, [
      { clientId: 6001, clock: 1, state: { blob: 'x'.repeat(20_000) } },
    ]);
    raw.sendAwareness(projectId, [{ clientId: 6002, clock: 1, state: { small: true } }]);
    await waitFor(() => statesOf(observer).has(6002), 'barrier relayed');
    assert.equal(statesOf(observer).has(6001), false);
  });

  test('a document holds at most COLLAB_PRESENCE_PER_DOCUMENT entries; a newcomer is not punished', async () => {
    const { projectId, observer } = await setUp();
    const first = await rawAs(viewer, projectId);
    first.sendAwareness(
      projectId,
      [1, 2, 3, 4].map((i) => ({ clientId: 7000 + i, clock: 1, state: { i } })),
    );
    await waitFor(() => statesOf(observer).has(7004), 'first four relayed');
    const second = await rawAs(owner, projectId);
    second.sendAwareness(
      projectId,
      [1, 2, 3, 4].map((i) => ({ clientId: 8000 + i, clock: 1, state: { i } })),
    );
    second.sendAwareness(projectId, [{ clientId: 8001, clock: 2, state: { i: 'last' } }]);
    await waitFor(() => statesOf(observer).get(8001)?.i === 'last', 'barrier relayed');
    const others = [...statesOf(observer).keys()].filter((id) => id !== observer.doc.clientID);
    assert.deepEqual(others.sort(), [7001, 7002, 7003, 7004, 8001, 8002]);
    assert.equal(PER_DOCUMENT, others.length);
    assert.equal(second.ws.readyState, second.ws.OPEN);
  });

  test('a connection’s entries are removed for everyone when it closes, even ids it took over', async () => {
    const { projectId, observer } = await setUp();
    // A reconnecting tab: the old socket lingers while the new one takes its client id over.
    const lingering = await rawAs(viewer, projectId);
    lingering.sendAwareness(projectId, [{ clientId: 9001, clock: 1, state: { focusScene: 'a' } }]);
    await waitFor(() => statesOf(observer).has(9001), 'first entry relayed');
    const fresh = await rawAs(viewer, projectId);
    fresh.sendAwareness(projectId, [
      { clientId: 9001, clock: 2, state: { focusScene: 'b' } },
      { clientId: 9002, clock: 1, state: { focusScene: 'c' } },
    ]);
    await waitFor(
      () => statesOf(observer).get(9001)?.focusScene === 'b' && statesOf(observer).has(9002),
      'entries relayed',
    );
    fresh.ws.terminate();
    await waitFor(
      () => !statesOf(observer).has(9001) && !statesOf(observer).has(9002),
      'entries removed',
    );
    assert.equal(lingering.ws.readyState, lingering.ws.OPEN);
  });

  test('across instances: an entry set through one cannot be taken over through the other, and leaves both when its connection closes', async () => {
    const second = await new WebServer({ shareWith: server, env: ENV }).start();
    try {
      const { projectId } = await setUp();
      const observer = await connectClient(second.url, owner.token, projectId);
      clients.push(observer);
      await waitFor(() => observer.provider.isSynced, 'observer on the second instance synced');
      const holder = await rawAs(viewer, projectId);
      holder.sendAwareness(projectId, [{ clientId: 9101, clock: 1, state: { focusScene: 'a' } }]);
      await waitFor(() => statesOf(observer).has(9101), 'entry relayed to the other instance');

      const thief = await rawAs(owner, projectId, second);
      thief.sendAwareness(projectId, [
        { clientId: 9101, clock: 50, state: { focusScene: 'stolen' } },
      ]);
      thief.sendAwareness(projectId, [{ clientId: 9102, clock: 1, state: { focusScene: 'b' } }]);
      await waitFor(() => statesOf(observer).has(9102), 'barrier relayed');
      assert.deepEqual(statesOf(observer).get(9101), {
        user: presenceUser({ id: viewer.id, name: 'Viewer' }),
        focusScene: 'a',
      });

      holder.ws.terminate();
      await waitFor(() => !statesOf(observer).has(9101), 'entry removed on the other instance');
    } finally {
      await second.stop({ keepData: true });
    }
  });
});
