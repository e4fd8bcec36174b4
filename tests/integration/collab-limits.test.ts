import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addScene } from '../../shared/project-doc.ts';
import { api, signUp, WebServer } from '../support/web-server.ts';
import { collabToken, connectClient, waitFor } from '../support/collab-client.ts';
import { authenticateOnce } from '../support/raw-collab.ts';

/**
 * The limits on collaboration, with a real server and real providers: the
 * limits extension (server/collab/limits-extension.ts) keeps a document
 * under MAX_DOCUMENT_BYTES; the WebSocket server caps one message at
 * MAX_MESSAGE_BYTES; the upgrade gate counts connections per client address.
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

  test('connection throttling keys on each client address', async () => {
    const throttled = await new WebServer({
      env: { TRUST_PROXY: 'true', COLLAB_CONNECTIONS_PER_MINUTE: '3' },
    }).start();
    try {
      const user = await signUp(throttled.url, 'Throttled');
      const p = await api(throttled.url, 'POST', '/api/v1/projects', {
        token: user.token,
        body: { title: 'T' },
      });
      const token = await collabToken(throttled.url, user.token, p.body.project.id);
      const from = (ip: string) =>
        authenticateOnce(throttled.url, p.body.project.id, token, { 'x-forwarded-for': ip });
      for (let i = 0; i < 3; i++) assert.equal(await from('10.0.0.1'), 'authenticated');
      assert.notEqual(await from('10.0.0.1'), 'authenticated');
      assert.equal(await from('10.0.0.2'), 'authenticated');
    } finally {
      await throttled.stop();
    }
  });
});
