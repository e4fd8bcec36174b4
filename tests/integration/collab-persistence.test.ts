import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { addScene, sceneText } from '../../shared/project-doc.ts';
import { api, signUp, WebServer } from '../support/web-server.ts';
import { connectClient, waitFor } from '../support/collab-client.ts';
import { serverOnPostgres } from '../support/postgres.ts';

/*
 * The persistence extension (server/collab/persistence-extension.ts), with a
 * real server and real providers: every update goes to the update log at
 * once and is compacted into the snapshot on store, so a document survives
 * graceful and brutal restarts; storage that misbehaves is refused, never
 * papered over with an empty document.
 */

/** Persistence of the live document across graceful and brutal restarts (PGlite, the embedded default). */
describe('collab persistence', () => {
  let server: WebServer;
  let owner: Awaited<ReturnType<typeof signUp>>;

  before(async () => {
    server = await new WebServer().start();
    owner = await signUp(server.url, 'Owner');
  });
  after(() => server.stop());

  async function newProject() {
    const res = await api(server.url, 'POST', '/api/v1/projects', {
      token: owner.token,
      body: { title: 'Persist' },
    });
    assert.equal(res.status, 201);
    return res.body.project.id as string;
  }

  async function storedTitles(projectId: string) {
    const res = await api(server.url, 'GET', `/api/v1/projects/${projectId}`, {
      token: owner.token,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body.timeline.scenes as { title: string }[]).map((s) => s.title);
  }

  test('edit, SIGTERM, restart: the edit is intact', async () => {
    const projectId = await newProject();
    const client = await connectClient(server.url, owner.token, projectId);
    await waitFor(() => client.provider.isSynced, 'initial sync');
    addScene(client.doc, { title: 'Survives SIGTERM' });
    await client.settled();
    assert.equal(await server.kill('SIGTERM'), 0);
    client.destroy(); // so it cannot push its copy back after the restart
    await server.start();
    assert.deepEqual(await storedTitles(projectId), ['Survives SIGTERM']);
  });

  test('kill -9 with a client connected: after restart and reconnect, intact', async () => {
    const projectId = await newProject();
    const client = await connectClient(server.url, owner.token, projectId);
    await waitFor(() => client.provider.isSynced, 'initial sync');
    const id = addScene(client.doc, { title: 'Connected', narration: 'Hello' });
    await client.settled();
    await server.kill('SIGKILL');
    // Edited while the server is down: kept by the client, sent on reconnect.
    sceneText(client.doc, id, 'narration')!.insert(5, ' world');
    await server.start();
    await waitFor(
      () => client.provider.isSynced && !client.provider.hasUnsyncedChanges,
      'reconnect',
      20_000,
    );
    const observer = await connectClient(server.url, owner.token, projectId);
    await waitFor(() => observer.doc.getMap('scenes').size === 1, 'observer sees scene');
    assert.equal(sceneText(observer.doc, id, 'narration')!.toString(), 'Hello world');
    observer.destroy();
    client.destroy();
  });

  test('kill -9 with no client left: every update received 250 ms before the kill survives', async () => {
    const projectId = await newProject();
    const client = await connectClient(server.url, owner.token, projectId);
    await waitFor(() => client.provider.isSynced, 'initial sync');
    const titles: string[] = [];
    for (let i = 0; i < 20; i++) {
      titles.push(`Scene ${i}`);
      addScene(client.doc, { title: `Scene ${i}` });
      if (i % 5 === 4) await client.settled();
    }
    await client.settled();
    client.destroy();
    await new Promise((r) => setTimeout(r, 260));
    await server.kill('SIGKILL');
    await server.start();
    assert.deepEqual(await storedTitles(projectId), titles);
  });
});

/** What happens when storage misbehaves: a corrupt document, a database that refuses writes. */
describe('collab storage failures (PostgreSQL)', () => {
  let setup: Awaited<ReturnType<typeof serverOnPostgres>>;
  let server: WebServer;
  let sql: pg.Client;
  let owner: Awaited<ReturnType<typeof signUp>>;

  before(async () => {
    setup = await serverOnPostgres();
    ({ server, sql } = setup);
    owner = await signUp(server.url, 'Owner');
  });
  after(async () => {
    await setup?.stop();
  });

  const newProject = async () =>
    (
      await api(server.url, 'POST', '/api/v1/projects', {
        token: owner.token,
        body: { title: 'Storage' },
      })
    ).body.project.id as string;

  test('a corrupt stored document is refused, not replaced', async () => {
    const projectId = await newProject();
    const garbage = Buffer.from([0xff, 0x13, 0x37, 0x00, 0x42, 0x99, 0x01]);
    await sql.query('update documents set snapshot = $1 where name = $2', [garbage, projectId]);
    const client = await connectClient(server.url, owner.token, projectId);
    await waitFor(
      () => client.closes.length > 0 || client.authFailures.length > 0,
      'connection refused',
    );
    assert.equal(client.provider.isSynced, false);
    addScene(client.doc, { title: 'Must not overwrite' });
    await new Promise((r) => setTimeout(r, 500));
    client.destroy();
    const row = await sql.query('select snapshot from documents where name = $1', [projectId]);
    assert.deepEqual(Buffer.from(row.rows[0].snapshot), garbage);
    const logRows = await sql.query(
      'select count(*)::int as n from document_updates where document = $1',
      [projectId],
    );
    assert.equal(logRows.rows[0].n, 0);
    const read = await api(server.url, 'GET', `/api/v1/projects/${projectId}`, {
      token: owner.token,
    });
    assert.equal(read.status, 503);
    assert.match(read.body.error.message, /left untouched/);
  });

  test('a failing write is retried and the edit survives a crash after recovery', async () => {
    const projectId = await newProject();
    const client = await connectClient(server.url, owner.token, projectId);
    await waitFor(() => client.provider.isSynced, 'synced');
    const pending = async () => {
      const text = await fetch(`${server.url}/metrics`).then((r) => r.text());
      return Number(/^montage_update_log_pending_updates (\d+)/m.exec(text)?.[1] ?? NaN);
    };
    // The update log table disappears: every append fails until it is back.
    await sql.query('alter table document_updates rename to document_updates_offline');
    try {
      addScene(client.doc, { title: 'Written during the outage' });
      await client.settled(); // the server applied it in memory
      await new Promise((r) => setTimeout(r, 600)); // several failed appends
      assert.ok((await pending()) > 0, 'the update is waiting to be written');
    } finally {
      await sql.query('alter table document_updates_offline rename to document_updates');
    }
    client.destroy();
    // The server reports its backlog; the retry must drain it once the table is back.
    await waitFor(async () => (await pending()) === 0, 'the retried write lands');
    await server.kill('SIGKILL');
    await server.start();
    const read = await api(server.url, 'GET', `/api/v1/projects/${projectId}`, {
      token: owner.token,
    });
    assert.deepEqual(
      read.body.timeline.scenes.map((s: { title: string }) => s.title),
      ['Written during the outage'],
    );
  });
});
