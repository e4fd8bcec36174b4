import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { addScene, projectMap, sceneText } from '../../shared/project-doc.ts';
import { api, signUp, WebServer } from '../support/web-server.ts';
import { connectClient, waitFor, type CollabClient } from '../support/collab-client.ts';
import { serverOnPostgres } from '../support/postgres.ts';

/**
 * Issue 9, item 3: NUL, other control characters and bidi overrides, wherever
 * text enters (API bodies, URLs, the live document at commit), are refused
 * with a 422 naming the field (400 for URLs) and change nothing; a document
 * the database refuses for good is not retried forever.
 */
const NUL = '\u0000';
const RLO = '\u202E'; // right-to-left override

describe('control characters (PostgreSQL, the database that refuses NUL)', () => {
  let setup: Awaited<ReturnType<typeof serverOnPostgres>>;
  let server: WebServer;
  let sql: pg.Client;
  let owner: Awaited<ReturnType<typeof signUp>>;
  const clients: CollabClient[] = [];

  before(async () => {
    setup = await serverOnPostgres();
    ({ server, sql } = setup);
    owner = await signUp(server.url, 'Owner');
  });
  after(async () => {
    for (const client of clients) client.destroy();
    await setup?.stop();
  });

  const call = (method: string, path: string, body?: unknown, token = owner.token) =>
    api(server.url, method, path, { token, ...(body === undefined ? {} : { body }) });

  const assertRefused = (
    res: Awaited<ReturnType<typeof api>>,
    field: string,
    pattern = /contains a (control character \(U\+0000\)|bidirectional override character \(U\+202E\))/,
  ) => {
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'VALIDATION_FAILED');
    assert.match(res.body.error.details.fields[field], pattern, JSON.stringify(res.body));
    assert.ok(res.body.error.requestId);
  };

  const newProject = async (title = 'Clean') =>
    (await call('POST', '/api/v1/projects', { title })).body.project.id as string;

  const live = async (projectId: string) => {
    const client = await connectClient(server.url, owner.token, projectId);
    clients.push(client);
    await waitFor(() => client.provider.isSynced, 'synced');
    return client;
  };

  /** The client leaves (its document may unload once nobody else is connected). */
  const leave = (client: CollabClient) => {
    clients.splice(clients.indexOf(client), 1);
    client.destroy();
  };

  const metric = async (name: string) => {
    const text = await fetch(`${server.url}/metrics`).then((r) => r.text());
    const escaped = name.replace(/[{}"]/g, (c) => `\\${c}`);
    return Number(new RegExp(`^${escaped} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  };

  test('sign-up and sign-in refuse NUL and bidi overrides with 422 naming the field', async () => {
    const email = `nul-${Date.now()}@example.test`;
    const password = 'a sturdy passphrase';
    for (const name of [`Ev${NUL}e`, `Eve${RLO}gnp.exe`]) {
      const res = await api(server.url, 'POST', '/api/v1/auth/signup', {
        body: { email, name, password },
      });
      assertRefused(res, 'name');
    }
    assertRefused(
      await api(server.url, 'POST', '/api/v1/auth/signup', {
        body: { email: `a${NUL}${email}`, name: 'Eve', password },
      }),
      'email',
    );
    assertRefused(
      await api(server.url, 'POST', '/api/v1/auth/login', {
        body: { email: `${owner.email}${NUL}`, password },
      }),
      'email',
    );
    const { rows } = await sql.query('select count(*)::int as n from users where email = $1', [
      email,
    ]);
    assert.equal(rows[0].n, 0, 'no account was created');
  });

  test('project titles (create, rename) refuse NUL and bidi overrides; nothing changes', async () => {
    const before = (await call('GET', '/api/v1/projects')).body.projects.length;
    assertRefused(await call('POST', '/api/v1/projects', { title: `Film${NUL}` }), 'title');
    assertRefused(await call('POST', '/api/v1/projects', { title: `Film${RLO}4pm.` }), 'title');
    assert.equal((await call('GET', '/api/v1/projects')).body.projects.length, before);

    const projectId = await newProject('Kept title');
    assertRefused(
      await call('PATCH', `/api/v1/projects/${projectId}`, { title: `X${NUL}` }),
      'title',
    );
    assertRefused(
      await call('PATCH', `/api/v1/projects/${projectId}`, { title: `X${RLO}` }),
      'title',
    );
    assert.equal(
      (await call('GET', `/api/v1/projects/${projectId}`)).body.project.title,
      'Kept title',
    );
  });

  test('a NUL in a field no schema names is refused too, with its path', async () => {
    const res = await call('POST', '/api/v1/projects', {
      title: 'Fine',
      extra: { nested: [`x${NUL}`] },
    });
    assertRefused(res, 'extra.nested.0', /control character \(U\+0000\)/);
  });

  test('commit messages refuse NUL and bidi overrides; no revision is stored', async () => {
    const projectId = await newProject();
    const client = await live(projectId);
    addScene(client.doc, { title: 'Opening', narration: 'It begins.' });
    await client.settled();
    for (const message of [`first${NUL}`, `first ${RLO}cut`]) {
      assertRefused(
        await call('POST', `/api/v1/projects/${projectId}/revisions`, { message }),
        'message',
      );
    }
    assert.equal(
      (await call('GET', `/api/v1/projects/${projectId}/revisions`)).body.revisions.length,
      0,
    );
  });

  test('a NUL in the live title is refused at commit, and the document still stores', async () => {
    const projectId = await newProject('Before');
    const client = await live(projectId);
    addScene(client.doc, { title: 'Opening', narration: 'It begins.' });
    projectMap(client.doc).set('title', `Trap${NUL}title`);
    await client.settled();

    const commit = await call('POST', `/api/v1/projects/${projectId}/revisions`, { message: 'x' });
    assertRefused(commit, 'title');
    assert.deepEqual(commit.body.error.details.issues[0].path, ['title']);
    assert.equal(
      (await call('GET', `/api/v1/projects/${projectId}/revisions`)).body.revisions.length,
      0,
      'nothing committed',
    );

    // Storing (on the last client leaving) succeeds: the listed title drops the NUL.
    const failuresBefore = await metric('montage_document_store_failures_total{kind="permanent"}');
    leave(client);
    await waitFor(async () => {
      const { rows } = await sql.query('select title from projects where id = $1', [projectId]);
      return rows[0].title === 'Traptitle';
    }, 'listed title synced without the NUL');
    assert.equal(
      await metric('montage_document_store_failures_total{kind="permanent"}'),
      failuresBefore,
    );
  });

  test('a bidi override in a scene narration is refused at commit, naming the scene and field', async () => {
    const projectId = await newProject();
    const client = await live(projectId);
    addScene(client.doc, { title: 'Fine', narration: 'All good.' });
    const bad = addScene(client.doc, { title: 'Trojan', narration: 'Pay ' });
    sceneText(client.doc, bad, 'narration')!.insert(4, `${RLO}001$`);
    await client.settled();
    const commit = await call('POST', `/api/v1/projects/${projectId}/revisions`, {});
    assertRefused(commit, 'scenes.1.narration');
    const issue = commit.body.error.details.issues[0];
    assert.equal(issue.sceneId, bad);
    assert.deepEqual(issue.path, ['scenes', 1, 'narration']);
    assert.match(issue.message, /at position 5$/);
  });

  test('URLs with NUL, control characters or bad encodings answer 400 with the error shape', async () => {
    for (const path of [
      '/api/v1/projects/%00',
      '/api/v1/projects/abc%00def/revisions',
      '/api/v1/renders/%0A',
      '/api/v1/projects?x=%00',
      '/api/v1/projects/%E0%A4%A',
      '/login%00',
    ]) {
      const res = await call('GET', path);
      assert.equal(res.status, 400, `${path}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, 'BAD_REQUEST', path);
      assert.ok(res.body.error.requestId, path);
    }
  });

  test('the script analysis refuses bidi overrides and NUL in the text', async () => {
    for (const text of [`INT. ROOM - DAY\n\nShe pays ${RLO}001$.`, `A${NUL}B`]) {
      const res = await call('POST', '/api/v1/analysis/scenes', { text });
      assert.equal(res.status, 422, JSON.stringify(res.body));
      assert.match(res.body.error.details.fields.text, /contains a/);
    }
  });

  test('a document the database refuses for good is not retried, keeps its log, and unloads', async () => {
    const marker = 'UNSTORABLE-7f3a9c';
    const projectId = await newProject();
    for (const client of [...clients]) leave(client);
    await waitFor(
      async () => (await metric('montage_collab_documents_loaded')) === 0,
      'no document loaded',
      20_000,
    );
    // The database now refuses any snapshot holding the marker (a check violation: permanent).
    const markerHex = Buffer.from(marker).toString('hex');
    await sql.query(
      `alter table documents add constraint refuse_marker
         check (position('\\x${markerHex}'::bytea in snapshot) = 0) not valid`,
    );
    try {
      const client = await live(projectId);
      addScene(client.doc, { title: marker, narration: 'Kept in the update log.' });
      await client.settled();
      leave(client); // the last client leaves: the server stores, and fails for good

      await waitFor(
        async () => (await metric('montage_documents_unstorable')) === 1,
        'the document reported as unstorable',
        20_000,
      );
      await waitFor(
        async () => (await metric('montage_collab_documents_loaded')) === 0,
        'the document unloaded',
        20_000,
      );
      const failures = async () =>
        (await metric('montage_document_store_failures_total{kind="permanent"}')) +
        (await metric('montage_document_store_failures_total{kind="transient"}'));
      const seen = await failures();
      assert.ok(seen >= 1);
      // The old behaviour retried every 2 s forever: wait for more than two of those.
      await new Promise((resolve) => setTimeout(resolve, 5000));
      assert.equal(await failures(), seen, 'no retry loop');

      const { rows } = await sql.query(
        `select count(*)::int as n from document_updates
          where document = $1 and position(decode($2, 'hex') in data) > 0`,
        [projectId, markerHex],
      );
      assert.ok(rows[0].n >= 1, 'the update log still holds the edit');
      assert.match(server.output, /storing document failed permanently/);
    } finally {
      await sql.query('alter table documents drop constraint refuse_marker');
    }
  });
});

/** The same rules through the UI's form actions (needs `npx remix build`, like the browser tests). */
describe('control characters in Remix form actions', () => {
  let server: WebServer;
  let owner: Awaited<ReturnType<typeof signUp>>;

  before(async () => {
    server = await new WebServer({ ui: true }).start();
    owner = await signUp(server.url, 'Owner');
  });
  after(async () => {
    await server?.stop();
  });

  const submit = (path: string, fields: Record<string, string>, token?: string) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: server.url,
        ...(token ? { cookie: `montage_session=${token}` } : {}),
      },
      body: new URLSearchParams(fields).toString(),
    });

  test('the sign-up form refuses a NUL in the name: 422 naming the field, not a 500', async () => {
    const res = await submit('/signup', {
      name: `Ev${NUL}e`,
      email: `form-${Date.now()}@example.test`,
      password: 'a sturdy passphrase',
    });
    assert.equal(res.status, 422);
    assert.match(await res.text(), /control character \(U\+0000\)/);
  });

  test('the new-project form refuses a bidi override in the title', async () => {
    const res = await submit(
      '/projects',
      { intent: 'create', title: `Film${RLO}`, language: 'en' },
      owner.token,
    );
    assert.equal(res.status, 422);
    assert.match(await res.text(), /bidirectional override/);
  });
});
