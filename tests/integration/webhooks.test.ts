import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { addScene, setSceneTitle } from '../../shared/project-doc.ts';
import { bullPrefix, RENDER_QUEUES } from '../../shared/render/render-queue.ts';
import { connectClient, waitFor, type CollabClient } from '../support/collab-client.ts';
import { postgresSchema } from '../support/postgres.ts';
import { RenderNode } from '../support/render-node.ts';
import { committedRender } from '../support/revisions.ts';
import { api, createProject, signUp, WebServer } from '../support/web-server.ts';

type Person = Awaited<ReturnType<typeof signUp>>;
type Answer = 'ok' | '503' | 'hang';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A local webhook receiver: records every request, and answers each path
 * from its script (the last answer repeats); 'hang' never answers, so the
 * sender's timeout ends the attempt.
 */
async function startReceiver() {
  const received: Received[] = [];
  const scripts = new Map<string, Answer[]>();
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const script = scripts.get(path) ?? ['ok'];
      const answer = script.length > 1 ? script.shift()! : script[0]!;
      if (answer === 'hang') hanging.push(res);
      else if (answer === '503') res.writeHead(503).end('<b>busy</b> try later');
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    script: (path: string, answers: Answer[]) => scripts.set(path, [...answers]),
    on: (path: string) => received.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Checks a Montage-Signature header as docs/webhooks.md tells receivers to. */
function signatureValid(secret: string, body: string, header: string) {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  const fresh = Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}

describe('webhooks', () => {
  let pg: Awaited<ReturnType<typeof postgresSchema>>;
  let web: WebServer;
  let node: RenderNode;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let owner: Person;
  let projectId: string;
  let client: CollabClient;
  let sceneId: string;

  const addWebhook = (path: string, events: string[], secret?: string) =>
    api(web.url, 'POST', `/api/v1/projects/${projectId}/webhooks`, {
      token: owner.token,
      body: { url: receiver.url(path), events, ...(secret ? { secret } : {}) },
    });
  const deliveriesOf = async (webhookId: string) =>
    (await api(web.url, 'GET', `/api/v1/webhooks/${webhookId}/deliveries`, { token: owner.token }))
      .body.deliveries as { id: string; status: string; attempt: number; httpStatus: number }[];
  const commit = async (message: string) => {
    setSceneTitle(client.doc, sceneId, message);
    await client.settled();
    const res = await api(web.url, 'POST', `/api/v1/projects/${projectId}/revisions`, {
      token: owner.token,
      body: { message },
    });
    assert.equal(res.status, 201);
    return res.body.revision.id as string;
  };

  before(async () => {
    receiver = await startReceiver();
    pg = await postgresSchema();
    web = await new WebServer({
      env: {
        ...pg.env,
        WEBHOOK_ALLOW_PRIVATE_ADDRESSES: '1',
        WEBHOOK_TIMEOUT_MS: '700',
        WEBHOOK_RETRY_BASE_MS: '100',
        WEBHOOK_RETRY_MAX_DELAY_MS: '300',
        WEBHOOK_RETRY_FOR_SEC: '3',
        WEBHOOK_DISABLE_AFTER_FAILURES: '2',
      },
    }).start();
    node = await new RenderNode(web).start();
    owner = await signUp(web.url, 'Hook Owner');
    projectId = await createProject(web.url, owner.token, 'Hooked');
    client = await connectClient(web.url, owner.token, projectId);
    await waitFor(() => client.provider.isSynced, 'synced');
    sceneId = addScene(client.doc, { title: 'Opening', durationSec: 1 });
  });

  after(async () => {
    client?.destroy();
    await node?.kill();
    await web?.stop();
    await pg?.drop();
    await receiver?.close();
  });

  test('a render’s success is delivered after a 503 and a timeout, same id, verified signature', async () => {
    receiver.script('/main', ['503', 'hang', 'ok']);
    const secret = 'a-test-secret-of-enough-length';
    const created = await addWebhook('/main', ['render.succeeded'], secret);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(Object.keys(created.body).sort(), ['events', 'id', 'secret', 'url']);
    assert.equal(created.body.secret, secret);
    const listed = await api(web.url, 'GET', `/api/v1/projects/${projectId}/webhooks`, {
      token: owner.token,
    });
    assert.equal(listed.body.webhooks.length, 1);
    assert.ok(!JSON.stringify(listed.body).includes(secret), 'the secret is never listed');

    const renderId = await committedRender(web, owner.token, projectId, client, 'first cut');
    await waitFor(async () => receiver.on('/main').length >= 3, 'three attempts', 30_000);
    const webhookId = created.body.id as string;
    await waitFor(
      async () => (await deliveriesOf(webhookId))[0]?.status === 'succeeded',
      'the delivery to succeed',
    );
    const attempts = receiver.on('/main');
    assert.equal(attempts.length, 3, 'no attempt after the one accepted');
    const ids = new Set(attempts.map((a) => a.headers['montage-delivery']));
    assert.equal(ids.size, 1, 'the same delivery id on every attempt');
    for (const attempt of attempts) {
      assert.equal(attempt.headers['montage-event'], 'render.succeeded');
      assert.equal(attempt.headers['content-type'], 'application/json');
      assert.ok(
        signatureValid(secret, attempt.body, String(attempt.headers['montage-signature'])),
        'the signature verifies',
      );
      assert.equal(
        signatureValid(
          'another-secret-entirely',
          attempt.body,
          String(attempt.headers['montage-signature']),
        ),
        false,
      );
    }
    const event = JSON.parse(attempts[2]!.body);
    assert.deepEqual(Object.keys(event).sort(), ['createdAt', 'data', 'id', 'type']);
    assert.equal(event.type, 'render.succeeded');
    assert.equal(event.data.render.id, renderId);
    assert.equal(event.data.render.status, 'done');

    const [delivery] = await deliveriesOf(webhookId);
    assert.equal(delivery!.attempt, 3);
    assert.equal(delivery!.httpStatus, 200);
    assert.equal(delivery!.id, attempts[0]!.headers['montage-delivery']);

    // Redeliver: the same id and body once more, on request only.
    const again = await api(
      web.url,
      'POST',
      `/api/v1/webhooks/${webhookId}/deliveries/${delivery!.id}/redeliver`,
      { token: owner.token },
    );
    assert.equal(again.status, 202);
    await waitFor(async () => receiver.on('/main').length === 4, 'the redelivery');
    assert.equal(receiver.on('/main')[3]!.headers['montage-delivery'], delivery!.id);
    assert.equal(receiver.on('/main')[3]!.body, attempts[0]!.body);

    // Usage counts the finished render's minutes and the project's media.
    const usage = await api(web.url, 'GET', '/api/v1/me/usage', { token: owner.token });
    assert.equal(usage.status, 200);
    assert.ok(usage.body.renderMinutes.used > 0, JSON.stringify(usage.body));
    assert.equal(usage.body.renderMinutes.limit, null, 'unlimited by default');
    assert.ok(Date.parse(usage.body.renderMinutes.resetAt) > Date.now());
    const project = usage.body.storage.projects.find((p: { id: string }) => p.id === projectId);
    assert.ok(project.used > 0, 'the render’s media counts');
    await api(web.url, 'DELETE', `/api/v1/webhooks/${webhookId}`, { token: owner.token });
  });

  test('a receiver that always fails ends disabled, with a notification to the owner', async () => {
    receiver.script('/fail', ['503']);
    const created = await addWebhook('/fail', ['revision.created']);
    const webhookId = created.body.id as string;
    await commit('fail one');
    await commit('fail two');
    const state = async () =>
      (
        await api(web.url, 'GET', `/api/v1/projects/${projectId}/webhooks`, { token: owner.token })
      ).body.webhooks.find((w: { id: string }) => w.id === webhookId);
    await waitFor(async () => (await state()).enabled === false, 'the webhook disabled', 30_000);
    const disabled = await state();
    assert.ok(disabled.disabledReason, 'the UI can say why');
    assert.equal(disabled.failureCount, 2);
    const deliveries = await deliveriesOf(webhookId);
    assert.ok(deliveries.every((d) => d.status === 'failed'));
    assert.ok(deliveries.every((d) => d.httpStatus === 503));
    const notes = await api(web.url, 'GET', '/api/v1/notifications', { token: owner.token });
    assert.ok(
      notes.body.notifications.some(
        (n: { kind: string; project: { id: string } }) =>
          n.kind === 'webhook-disabled' && n.project.id === projectId,
      ),
    );
    // Disabled: no new delivery is made.
    const before = receiver.on('/fail').length;
    await commit('while disabled');
    assert.equal((await deliveriesOf(webhookId)).length, 2);
    // Re-enabled by PATCH, with its count reset.
    const patched = await api(web.url, 'PATCH', `/api/v1/webhooks/${webhookId}`, {
      token: owner.token,
      body: { enabled: true },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.webhook.enabled, true);
    assert.equal(patched.body.webhook.failureCount, 0);
    assert.equal(patched.body.webhook.disabledReason, null);
    assert.equal(receiver.on('/fail').length, before);
    await api(web.url, 'DELETE', `/api/v1/webhooks/${webhookId}`, { token: owner.token });
  });

  test('a comment is delivered as comment.created, once, to the webhooks that want it', async () => {
    receiver.script('/comments', ['ok']);
    const wants = await addWebhook('/comments', ['comment.created']);
    const other = await addWebhook('/others', ['render.failed']);
    const res = await api(web.url, 'POST', `/api/v1/projects/${projectId}/comments`, {
      token: owner.token,
      body: { sceneId, body: 'Tighten the opening' },
    });
    assert.equal(res.status, 201);
    await waitFor(
      async () => (await deliveriesOf(wants.body.id))[0]?.status === 'succeeded',
      'the comment delivery',
    );
    const [received] = receiver.on('/comments');
    const event = JSON.parse(received!.body);
    assert.equal(event.type, 'comment.created');
    assert.equal(event.data.comment.id, res.body.comment.id);
    assert.equal(event.data.comment.body, 'Tighten the opening');
    assert.equal(receiver.on('/comments').length, 1);
    assert.deepEqual(await deliveriesOf(other.body.id), [], 'an unsubscribed webhook gets nothing');
    for (const id of [wants.body.id, other.body.id])
      await api(web.url, 'DELETE', `/api/v1/webhooks/${id}`, { token: owner.token });
  });

  test('only owners manage webhooks; bad input is refused naming the field', async () => {
    const stranger = await signUp(web.url, 'Stranger');
    const res = await api(web.url, 'POST', `/api/v1/projects/${projectId}/webhooks`, {
      token: stranger.token,
      body: { url: receiver.url('/x'), events: ['render.failed'] },
    });
    assert.equal(res.status, 404);
    const bad = await api(web.url, 'POST', `/api/v1/projects/${projectId}/webhooks`, {
      token: owner.token,
      body: { url: receiver.url('/x'), events: ['render.exploded'] },
    });
    assert.equal(bad.status, 422);
    assert.ok(
      Object.keys(bad.body.error.details.fields).some((f) => f.startsWith('events')),
      JSON.stringify(bad.body.error.details),
    );
    const ftp = await api(web.url, 'POST', `/api/v1/projects/${projectId}/webhooks`, {
      token: owner.token,
      body: { url: 'ftp://example.com/', events: ['render.failed'] },
    });
    assert.equal(ftp.status, 422);
    assert.equal(ftp.body.error.key, 'errors.api.destinationScheme');
  });
  test('a restart of the web process between attempts loses no delivery', async () => {
    receiver.script('/restart', ['503']);
    const created = await addWebhook('/restart', ['revision.created']);
    const revisionId = await commit('before restart');
    await waitFor(async () => receiver.on('/restart').length >= 1, 'the first attempt');
    await web.kill('SIGTERM');
    receiver.script('/restart', ['ok']);
    await web.start();
    await waitFor(
      async () => (await deliveriesOf(created.body.id))[0]?.status === 'succeeded',
      'the delivery after the restart',
      30_000,
    );
    const attempts = receiver.on('/restart');
    assert.equal(new Set(attempts.map((a) => a.headers['montage-delivery'])).size, 1);
    assert.equal(JSON.parse(attempts.at(-1)!.body).data.revision.id, revisionId);
    await api(web.url, 'DELETE', `/api/v1/webhooks/${created.body.id}`, { token: owner.token });
  });
});

describe('webhook destinations and quotas without the private-address flag', () => {
  let pg: Awaited<ReturnType<typeof postgresSchema>>;
  let web: WebServer;
  let owner: Person;
  let projectId: string;

  before(async () => {
    pg = await postgresSchema();
    web = await new WebServer({
      env: { ...pg.env, QUOTA_RENDER_MINUTES_PER_MONTH: '0.1' },
    }).start();
    owner = await signUp(web.url, 'Quota Owner');
    projectId = await createProject(web.url, owner.token, 'Private');
  });

  after(async () => {
    await web?.stop();
    await pg?.drop();
  });

  test('private, loopback and link-local destinations are refused with 422', async () => {
    for (const url of [
      'http://127.0.0.1:9/hook',
      'http://10.1.2.3/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]:8080/hook',
      'http://localhost:9/hook',
    ]) {
      const res = await api(web.url, 'POST', `/api/v1/projects/${projectId}/webhooks`, {
        token: owner.token,
        body: { url, events: ['render.succeeded'] },
      });
      assert.equal(res.status, 422, url);
      assert.equal(res.body.error.key, 'errors.api.destinationPrivate', url);
      assert.ok(res.body.error.details.fields.url, url);
    }
    const listed = await api(web.url, 'GET', `/api/v1/projects/${projectId}/webhooks`, {
      token: owner.token,
    });
    assert.deepEqual(listed.body.webhooks, [], 'nothing was stored');
  });

  test('a render over the render-minute quota gets 402 before any job is queued', async () => {
    const client = await connectClient(web.url, owner.token, projectId);
    try {
      await waitFor(() => client.provider.isSynced, 'synced');
      addScene(client.doc, { title: 'Long', durationSec: 10 });
      await client.settled();
      const revision = await api(web.url, 'POST', `/api/v1/projects/${projectId}/revisions`, {
        token: owner.token,
        body: { message: 'long' },
      });
      const res = await api(web.url, 'POST', `/api/v1/projects/${projectId}/renders`, {
        token: owner.token,
        body: { revisionId: revision.body.revision.id, preset: '720p-draft' },
      });
      assert.equal(res.status, 402, JSON.stringify(res.body));
      assert.equal(res.body.error.code, 'QUOTA_EXCEEDED');
      assert.equal(res.body.error.key, 'errors.api.quotaExceeded');
      assert.equal(res.body.error.details.used, 0);
      assert.equal(res.body.error.details.limit, 0.1);
      assert.ok(Date.parse(res.body.error.details.resetAt) > Date.now());
      assert.match(res.body.error.message, /0 of 0\.1 minutes/);

      const list = await api(web.url, 'GET', `/api/v1/projects/${projectId}/renders`, {
        token: owner.token,
      });
      assert.deepEqual(list.body.renders, [], 'no render row');
      const connection = new Redis(web.env.REDIS_URL!, { maxRetriesPerRequest: null });
      const plan = new Queue(RENDER_QUEUES.plan, {
        connection,
        prefix: bullPrefix(web.env.REDIS_PREFIX!),
      });
      try {
        const counts = await plan.getJobCounts();
        assert.equal(
          Object.values(counts).reduce((a, b) => a + b, 0),
          0,
          `no job queued: ${JSON.stringify(counts)}`,
        );
      } finally {
        await plan.close();
        connection.disconnect();
      }
      const usage = await api(web.url, 'GET', '/api/v1/me/usage', { token: owner.token });
      assert.deepEqual(
        { used: usage.body.renderMinutes.used, limit: usage.body.renderMinutes.limit },
        { used: 0, limit: 0.1 },
      );
    } finally {
      client.destroy();
    }
  });
});
