import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addScene } from '../../shared/project-doc.ts';
import { api, signUp, WebServer } from '../support/web-server.ts';
import { collabToken, connectClient, waitFor } from '../support/collab-client.ts';
import { authenticateOnce } from '../support/raw-collab.ts';
import { addMember } from '../support/members.ts';

/**
 * The limits on collaboration, with a real server and real providers: the
 * limits extension (server/collab/limits-extension.ts) keeps a document
 * under MAX_DOCUMENT_BYTES; the WebSocket server caps one message at
 * MAX_MESSAGE_BYTES; failed attempts count per client address, connections
 * per person (issue 15, item 2).
 */
describe('collab limits', () => {
  let server: WebServer;
  let owner: Awaited<ReturnType<typeof signUp>>;
  let projectId: string;

  before(async () => {
    server = await new WebServer({
      env: {
        MAX_MESSAGE_BYTES: '65536',
        MAX_DOCUMENT_BYTES: '200000',
        TRUST_PROXY: 'true',
        COLLAB_CONNECTIONS_PER_MINUTE: '1000',
      },
    }).start();
    owner = await signUp(server.url, 'Owner');
    const res = await api(server.url, 'POST', '/api/v1/projects', {
      token: owner.token,
      body: { title: 'Limits' },
    });
    projectId = res.body.project.id;
  });
  after(() => server.stop());

  test('an oversized message is refused with close code 1009', async () => {
    const client = await connectClient(server.url, owner.token, projectId);
    await waitFor(() => client.provider.isSynced, 'synced');
    addScene(client.doc, { title: 'x'.repeat(100_000) });
    await waitFor(() => client.closes.some((c) => c.code === 1009), 'closed with 1009');
    client.destroy();
  });

  test('a document may not outgrow its size limit', async () => {
    const res = await api(server.url, 'POST', '/api/v1/projects', {
      token: owner.token,
      body: { title: 'Big' },
    });
    const client = await connectClient(server.url, owner.token, res.body.project.id);
    await waitFor(() => client.provider.isSynced, 'synced');
    for (let i = 0; i < 8; i++) addScene(client.doc, { narration: 'n'.repeat(30_000) });
    await waitFor(
      () => client.closes.some((c) => c.reason === 'document-too-large'),
      'closed with document-too-large',
    );
    client.destroy();
  });

  test('colleagues behind one address all connect; failures ban an address, not its neighbours', async () => {
    const throttled = await new WebServer({
      env: {
        TRUST_PROXY: 'true',
        COLLAB_CONNECTIONS_PER_MINUTE: '2',
        COLLAB_FAILED_CONNECTIONS_PER_MINUTE: '3',
      },
    }).start();
    try {
      const owner = await signUp(throttled.url, 'Office owner');
      const p = await api(throttled.url, 'POST', '/api/v1/projects', {
        token: owner.token,
        body: { title: 'Office' },
      });
      const project = p.body.project.id as string;
      const office = { 'x-forwarded-for': '10.0.0.1' };
      // Six colleagues behind one NAT, more than either limit: every one connects.
      const colleagues = [owner];
      for (let i = 0; i < 5; i++) {
        const colleague = await signUp(throttled.url, `Colleague ${i}`);
        await addMember(throttled, owner.token, project, colleague, 'editor');
        colleagues.push(colleague);
      }
      for (const colleague of colleagues) {
        const token = await collabToken(throttled.url, colleague.token, project);
        assert.equal(
          await authenticateOnce(throttled.url, project, token, office),
          'authenticated',
        );
      }

      // One person's connections are counted per person: the third in a minute is refused.
      const own = await collabToken(throttled.url, colleagues[1]!.token, project);
      assert.equal(await authenticateOnce(throttled.url, project, own, office), 'authenticated');
      assert.notEqual(await authenticateOnce(throttled.url, project, own, office), 'authenticated');

      // Bad tokens from one address: after three, that address is refused before the handshake…
      const attacker = { 'x-forwarded-for': '10.0.0.66' };
      for (let i = 0; i < 3; i++)
        assert.notEqual(
          await authenticateOnce(throttled.url, project, 'forged', attacker),
          'authenticated',
        );
      const fresh = await collabToken(throttled.url, colleagues[2]!.token, project);
      assert.equal(await authenticateOnce(throttled.url, project, fresh, attacker), 'refused');
      // …and the office next door is not.
      assert.equal(await authenticateOnce(throttled.url, project, fresh, office), 'authenticated');
    } finally {
      await throttled.stop();
    }
  });
});
