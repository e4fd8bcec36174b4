import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { collabToken, waitFor } from '../support/collab-client.ts';
import { RawCollab, type RefusedUpgrade } from '../support/raw-collab.ts';
import { createProject, signUp, WebServer } from '../support/web-server.ts';

/**
 * Issue 9, items 14 and 7 (WebSocket part), issue 15 item 2: failed
 * attempts (refused tokens, sockets that never authenticate) are counted per
 * client address, and past the limit that address gets 429 before the
 * handshake; a socket that does not authenticate in COLLAB_AUTH_TIMEOUT_MS
 * is closed with 4408; an upgrade from another site's page is refused with
 * 403 before the handshake.
 *
 * The server trusts one proxy, so each test picks its own client address as
 * the proxy would (the right-most X-Forwarded-For entry).
 */
const PER_MINUTE = 3;
const PENDING = 5;

let addressCount = 0;
/** Headers of a client at an address no other test used. */
const freshClient = (headers: Record<string, string> = {}) => ({
  'x-forwarded-for': `10.8.0.${++addressCount}`,
  ...headers,
});

describe('collab sockets', () => {
  let server: WebServer;
  const raws: RawCollab[] = [];

  before(async () => {
    server = await new WebServer({
      env: {
        TRUST_PROXY: 'true',
        COLLAB_FAILED_CONNECTIONS_PER_MINUTE: String(PER_MINUTE),
        COLLAB_PENDING_PER_ADDRESS: String(PENDING),
        // Short, so the test is quick, but long enough for a first sign-in on a loaded machine.
        COLLAB_AUTH_TIMEOUT_MS: '3000',
      },
    }).start();
  });
  after(async () => {
    for (const raw of raws) raw.ws.terminate();
    await server.stop();
  });

  async function open(headers: Record<string, string>) {
    const outcome = await RawCollab.open(server.url, headers);
    if (outcome instanceof RawCollab) raws.push(outcome);
    return outcome;
  }

  const refusal = (outcome: RawCollab | RefusedUpgrade) => {
    assert.ok(!(outcome instanceof RawCollab), 'the upgrade should have been refused');
    return { ...outcome, json: JSON.parse(outcome.body) as { error: Record<string, unknown> } };
  };

  test('failed attempts count per address: over the limit answers 429 before the handshake', async () => {
    const user = await signUp(server.url, 'Counted');
    const projectId = await createProject(server.url, user.token);
    const client = freshClient();
    for (let i = 0; i < PER_MINUTE; i++) {
      const raw = await open(client);
      assert.ok(raw instanceof RawCollab);
      assert.notEqual(await raw.authenticate(projectId, 'forged.token'), 'authenticated');
    }
    const refused = refusal(await open(client));
    assert.equal(refused.status, 429);
    assert.equal(refused.json.error.code, 'RATE_LIMITED');
    assert.ok(Number(refused.headers['retry-after']) >= 1);
    assert.ok(typeof refused.json.error.requestId === 'string');
    // Another address has its own count, and successful connections never count against one.
    const neighbour = freshClient();
    const token = await collabToken(server.url, user.token, projectId);
    for (let i = 0; i < PER_MINUTE + 1; i++) {
      const raw = await open(neighbour);
      assert.ok(raw instanceof RawCollab);
      assert.equal(await raw.authenticate(projectId, token), 'authenticated');
    }
  });

  test('an address holds only so many sockets not yet authenticated: the next answers 429', async () => {
    const client = freshClient();
    const idle: RawCollab[] = [];
    for (let i = 0; i < PENDING; i++) {
      const raw = await open(client);
      assert.ok(raw instanceof RawCollab, `idle socket ${i + 1} opens`);
      idle.push(raw);
    }
    const refused = refusal(await open(client));
    assert.equal(refused.status, 429);
    // One goes away: its place is free again.
    idle[0]!.ws.terminate();
    await waitFor(async () => {
      const again = await open(client);
      return again instanceof RawCollab;
    }, 'a socket opens once another closed');
  });

  test('a socket that does not authenticate in time is closed with 4408', async () => {
    const raw = await open(freshClient());
    assert.ok(raw instanceof RawCollab);
    await waitFor(() => raw.closeEvent !== null, 'the idle socket closed');
    assert.deepEqual(raw.closeEvent, { code: 4408, reason: 'auth-timeout' });
  });

  test('an authenticated socket outlives the authentication deadline', async () => {
    const user = await signUp(server.url, 'Sockets');
    const projectId = await createProject(server.url, user.token);
    const token = await collabToken(server.url, user.token, projectId);
    const raw = await open(freshClient());
    assert.ok(raw instanceof RawCollab);
    assert.equal(await raw.authenticate(projectId, token), 'authenticated');
    // An idle socket opened after this one is closed by its deadline; this one is not.
    const idle = await open(freshClient());
    assert.ok(idle instanceof RawCollab);
    await waitFor(() => idle.closeEvent !== null, 'the later idle socket closed');
    assert.equal(raw.closeEvent, null);
  });

  test('an upgrade from another site’s page is refused with 403 before the handshake', async () => {
    for (const origin of [
      'https://attacker.example',
      'null',
      `http://127.0.0.1:${server.port + 1}`,
    ]) {
      const refused = refusal(await open(freshClient({ origin })));
      assert.equal(refused.status, 403, origin);
      assert.equal(refused.json.error.code, 'CROSS_SITE_REQUEST');
    }
    const crossSite = refusal(
      await open(freshClient({ origin: server.url, 'sec-fetch-site': 'cross-site' })),
    );
    assert.equal(crossSite.status, 403);
    // The page's own origin, and clients that send no Origin (not a browser), are let in.
    assert.ok((await open(freshClient({ origin: server.url }))) instanceof RawCollab);
    assert.ok((await open(freshClient())) instanceof RawCollab);
  });
});
