import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { addScene } from '../../shared/project-doc.ts';
import type { NotificationRecord as Notification } from '../../shared/api/notifications.ts';
import { connectClient, waitFor, type CollabClient } from '../support/collab-client.ts';
import { addMember } from '../support/members.ts';
import { RenderNode } from '../support/render-node.ts';
import { api, createProject, signUp, WebServer } from '../support/web-server.ts';

type Person = Awaited<ReturnType<typeof signUp>>;
interface Mail {
  to: string[];
  raw: string;
}

/** A local SMTP sink: every message it receives, decoded enough to read its text. */
async function startSmtpSink() {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        // Quoted-printable soft breaks and escapes undone: the text part reads as written.
        const decoded = Buffer.concat(chunks)
          .toString('latin1')
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.from(decoded, 'latin1').toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    mails,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Reads a notification stream (Server-Sent Events) into a list of events. */
function openStream(base: string, token: string, locale = 'en') {
  const events: { type: string; unread: number; notification?: Notification }[] = [];
  const controller = new AbortController();
  void fetch(`${base}/api/v1/notifications/stream?locale=${locale}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  })
    .then(async (res) => {
      const decoder = new TextDecoder();
      let buffer = '';
      const reader = res.body!.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)));
        }
      }
    })
    .catch(() => {});
  return { events, close: () => controller.abort() };
}

describe('notifications', () => {
  let web: WebServer;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let owner: Person, ann: Person, bob: Person, cid: Person;
  let projectId: string;
  let sceneId: string;
  let client: CollabClient;

  before(async () => {
    smtp = await startSmtpSink();
    web = await new WebServer({
      env: { SMTP_URL: smtp.url, SMTP_FROM: 'Montage <m@example.test>' },
    }).start();
    [owner, ann, bob, cid] = await Promise.all([
      signUp(web.url, 'Olive'),
      signUp(web.url, 'Ann Marsh'),
      signUp(web.url, 'Bob'),
      signUp(web.url, 'Cid'),
    ]);
    projectId = await createProject(web.url, owner.token, 'Harbour');
    await addMember(web, owner.token, projectId, ann, 'editor');
    await addMember(web, owner.token, projectId, bob, 'viewer');
    await addMember(web, owner.token, projectId, cid, 'viewer');
    client = await connectClient(web.url, owner.token, projectId);
    await waitFor(() => client.provider.isSynced, 'synced');
    sceneId = addScene(client.doc, {
      title: 'Dock',
      narration: 'The boat comes in.',
      durationSec: 1,
    });
    await client.settled();
  });
  after(async () => {
    client?.destroy();
    await web?.stop();
    await smtp?.close();
  });

  const list = async (person: Person) =>
    (await api(web.url, 'GET', '/api/v1/notifications', { token: person.token })).body as {
      notifications: Notification[];
      unread: number;
    };
  const comment = async (person: Person, body: Record<string, unknown>) => {
    const res = await api(web.url, 'POST', `/api/v1/projects/${projectId}/comments`, {
      token: person.token,
      body: { sceneId, ...body },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.comment as { id: string };
  };

  test('being added to a project notifies the new member and the inviter, not anyone else', async () => {
    const mine = await list(ann);
    const added = mine.notifications.find((n) => n.kind === 'added-to-project');
    assert.equal(added?.project?.id, projectId);
    assert.equal(added?.actor?.name, 'Olive');
    const joined = (await list(owner)).notifications.filter((n) => n.kind === 'member-joined');
    assert.deepEqual(joined.map((n) => n.actor?.name).sort(), ['Ann Marsh', 'Bob', 'Cid']);
    assert.ok(!(await list(ann)).notifications.some((n) => n.kind === 'member-joined'));
  });

  test('mentions and replies notify the right people only, live on their stream', async () => {
    const annStream = openStream(web.url, ann.token, 'fr');
    const bobStream = openStream(web.url, bob.token);
    await waitFor(() => annStream.events.length > 0 && bobStream.events.length > 0, 'streams open');
    const annBefore = (await list(ann)).unread;
    const cidBefore = (await list(cid)).notifications.length;
    const ownerBefore = (await list(owner)).notifications.length;

    // Olive mentions Ann (and herself): Ann hears of it, Olive does not, Bob and Cid do not.
    const top = await comment(owner, { body: '@Ann Marsh and @Olive, look at the dock' });
    await waitFor(
      () => annStream.events.some((e) => e.notification?.commentId === top.id),
      'the mention on Ann’s stream',
    );
    const mention = (await list(ann)).notifications[0]!;
    assert.equal(mention.kind, 'mention');
    assert.equal(mention.sceneId, sceneId);
    assert.equal(mention.excerpt, '@Ann Marsh and @Olive, look at the dock');
    assert.equal((await list(ann)).unread, annBefore + 1);

    // Bob replies: Olive (the thread's author) hears of it; Bob, Cid and Ann do not.
    const reply = await comment(bob, { body: 'Agreed', parentId: top.id });
    await waitFor(
      async () => (await list(owner)).notifications.some((n) => n.commentId === reply.id),
      'the reply notification',
    );
    const ownerNew = (await list(owner)).notifications.slice(
      0,
      (await list(owner)).notifications.length - ownerBefore,
    );
    assert.deepEqual(
      ownerNew.map((n) => [n.kind, n.actor?.name]),
      [['reply', 'Bob']],
    );
    assert.ok(!(await list(bob)).notifications.some((n) => n.commentId === reply.id));
    assert.equal((await list(cid)).notifications.length, cidBefore);
    assert.ok(!(await list(ann)).notifications.some((n) => n.commentId === reply.id));
    assert.ok(!bobStream.events.some((e) => e.notification?.commentId === top.id));

    // Replying to your own comment notifies nobody.
    const before = (await list(owner)).notifications.length;
    await comment(owner, { body: 'Self reply', parentId: top.id });
    assert.equal((await list(owner)).notifications.length, before);

    // The e-mail went to Ann, in French (the language her stream said she reads).
    const mentionMail = () =>
      smtp.mails.find((m) => m.to.includes(ann.email) && m.raw.includes('look at the dock'));
    await waitFor(() => !!mentionMail(), 'Ann’s e-mail');
    const mail = mentionMail()!;
    assert.match(mail.raw, /Content-Language: fr/);
    assert.match(mail.raw, /Olive vous a mentionné dans « Harbour »/);
    assert.match(mail.raw, new RegExp(`/projects/${projectId}\\?scene=${sceneId}`));
    assert.ok(!smtp.mails.some((m) => m.to.includes(cid.email) && m.raw.includes('mentionn')));
    annStream.close();
    bobStream.close();
  });

  test('mark read by id and mark all read', async () => {
    const mine = await list(owner);
    assert.ok(mine.unread >= 2, JSON.stringify(mine));
    const first = mine.notifications[0]!;
    const one = await api(web.url, 'POST', '/api/v1/notifications/read', {
      token: owner.token,
      body: { ids: [first.id] },
    });
    assert.equal(one.status, 200);
    assert.equal(one.body.unread, mine.unread - 1);
    // Someone else's ids change nothing of theirs.
    const annUnread = (await list(ann)).unread;
    await api(web.url, 'POST', '/api/v1/notifications/read', {
      token: owner.token,
      body: { ids: (await list(ann)).notifications.map((n) => n.id) },
    });
    assert.equal((await list(ann)).unread, annUnread);
    const bad = await api(web.url, 'POST', '/api/v1/notifications/read', {
      token: owner.token,
      body: { all: 'yes' },
    });
    assert.equal(bad.status, 422);
    const all = await api(web.url, 'POST', '/api/v1/notifications/read', {
      token: owner.token,
      body: { all: true },
    });
    assert.equal(all.body.unread, 0);
    assert.ok((await list(owner)).notifications.every((n) => n.readAt));
    for (const path of ['/api/v1/notifications', '/api/v1/notifications/stream']) {
      assert.equal((await api(web.url, 'GET', path)).status, 401);
    }
  });

  test('a render’s end notifies the person who queued it, and no one else', async () => {
    const node = await new RenderNode(web).start();
    try {
      const revision = await api(web.url, 'POST', `/api/v1/projects/${projectId}/revisions`, {
        token: ann.token,
        body: { message: 'cut' },
      });
      assert.ok([200, 201].includes(revision.status), JSON.stringify(revision.body));
      const submitted = await api(web.url, 'POST', `/api/v1/projects/${projectId}/renders`, {
        token: ann.token,
        body: { revisionId: revision.body.revision.id, preset: '720p-draft' },
      });
      assert.equal(submitted.status, 202, JSON.stringify(submitted.body));
      const renderId = submitted.body.render.id as string;
      await waitFor(
        async () => (await list(ann)).notifications.some((n) => n.renderId === renderId),
        'the render notification',
        180_000,
      );
      const done = (await list(ann)).notifications.find((n) => n.renderId === renderId)!;
      assert.equal(done.kind, 'render-done', node.output.slice(-2000));
      assert.equal(done.project?.id, projectId);
      assert.ok(!(await list(owner)).notifications.some((n) => n.renderId === renderId));
      assert.ok(!(await list(bob)).notifications.some((n) => n.renderId === renderId));
    } finally {
      await node.kill();
    }
  });
});
