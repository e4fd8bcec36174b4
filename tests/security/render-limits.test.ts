import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser, signedInContext } from '../support/browser.ts';
import { waitFor, type CollabClient } from '../support/collab-client.ts';
import { postgresSchema } from '../support/postgres.ts';
import { RenderNode } from '../support/render-node.ts';
import { projectWithRevisions as commitRevisions } from '../support/revisions.ts';
import { api, signUp, WebServer } from '../support/web-server.ts';

/**
 * Issue 9, item 8: one user could fill the render queue (21 renders accepted
 * in 2.4 s, another user's render then waited behind them all). Live renders
 * are capped per person and per project, checked atomically, and render jobs
 * are scheduled fairly between users.
 */

type User = Awaited<ReturnType<typeof signUp>>;
type Response = Awaited<ReturnType<typeof api>>;

/** Every (preset, burnCaptions) pair: four distinct renders of one revision. */
const SETTINGS = [
  { preset: '720p-draft', burnCaptions: false },
  { preset: '720p-draft', burnCaptions: true },
  { preset: '1080p', burnCaptions: false },
  { preset: '1080p', burnCaptions: true },
] as const;

/** A project with committed revisions (tests/support/revisions.ts); its client is closed after the suite. */
async function projectWithRevisions(
  server: WebServer,
  user: User,
  clients: CollabClient[],
  revisions: number,
  scenes = 1,
) {
  const project = await commitRevisions(server, user.token, { revisions, scenes });
  clients.push(project.client);
  return project;
}

/** Small limits, so that a few queued renders reach them: 3 per person, 2 per project. */
const SMALL_LIMITS = { MAX_LIVE_RENDERS_PER_USER: '3', MAX_LIVE_RENDERS_PER_PROJECT: '2' };

/** A new person with two projects of one revision each. */
async function personWithTwoProjects(server: WebServer, clients: CollabClient[], name: string) {
  const user = await signUp(server.url, name);
  const first = await projectWithRevisions(server, user, clients, 1);
  const second = await projectWithRevisions(server, user, clients, 1);
  return { user, first, second };
}

/** Distinct render requests: every setting of every revision. */
const requestsOf = (revisionIds: string[]) =>
  revisionIds.flatMap((revisionId) => SETTINGS.map((s) => ({ revisionId, ...s })));

const queue = (server: WebServer, user: User, projectId: string, body: unknown) =>
  api(server.url, 'POST', `/api/v1/projects/${projectId}/renders`, { token: user.token, body });

function assertOverLimit(res: Response, expected: { scope: string; limit: number; live: number }) {
  assert.equal(res.status, 429, JSON.stringify(res.body));
  assert.equal(res.body.error.code, 'RATE_LIMITED');
  assert.deepEqual(res.body.error.details, expected);
  assert.match(
    res.body.error.message,
    new RegExp(
      `the limit per ${expected.scope === 'user' ? 'person' : 'project'} \\(${expected.limit}\\)`,
    ),
  );
  assert.ok(res.body.error.requestId);
  // A slot frees when a render ends, not after a time: no Retry-After to promise.
  assert.equal(res.headers.get('retry-after'), null);
}

/** Live renders of a project, as its list shows them. */
async function liveRenders(server: WebServer, user: User, projectId: string) {
  const list = await api(server.url, 'GET', `/api/v1/projects/${projectId}/renders?limit=100`, {
    token: user.token,
  });
  return (list.body.renders as { id: string; status: string }[]).filter(
    (r) => !['done', 'failed', 'cancelled'].includes(r.status),
  );
}

describe('live-render limits (no render node: renders stay queued)', () => {
  let server: WebServer;
  let browser: Browser | undefined;
  const clients: CollabClient[] = [];

  before(async () => {
    server = await new WebServer({
      ui: true,
      env: SMALL_LIMITS,
    }).start();
  });
  after(async () => {
    for (const client of clients) client.destroy();
    await browser?.close();
    await server?.stop();
  });

  test('a person’s fourth live render is refused with 429 naming the limit; nothing is queued', async () => {
    const { user, first, second } = await personWithTwoProjects(server, clients, 'Busy');
    const [a, b] = requestsOf(first.revisionIds);
    const [c, d] = requestsOf(second.revisionIds);
    for (const [projectId, body] of [
      [first.projectId, a],
      [first.projectId, b],
      [second.projectId, c],
    ] as const) {
      assert.equal((await queue(server, user, projectId, body)).status, 202);
    }
    assertOverLimit(await queue(server, user, second.projectId, d), {
      scope: 'user',
      limit: 3,
      live: 3,
    });
    assert.equal((await liveRenders(server, user, second.projectId)).length, 1, 'nothing queued');
    // The live render of the same revision and settings is still answered: it takes no new slot.
    const again = await queue(server, user, first.projectId, a);
    assert.equal(again.status, 202);
    assert.equal(again.body.created, false);
  });

  test('a project’s third live render is refused with 429 naming the project limit', async () => {
    const user = await signUp(server.url, 'Team');
    const { projectId, revisionIds } = await projectWithRevisions(server, user, clients, 1);
    const [a, b, c] = requestsOf(revisionIds);
    assert.equal((await queue(server, user, projectId, a)).status, 202);
    assert.equal((await queue(server, user, projectId, b)).status, 202);
    assertOverLimit(await queue(server, user, projectId, c), {
      scope: 'project',
      limit: 2,
      live: 2,
    });
  });

  test('cancelling frees a slot; a retry over the limit is refused and the render stays cancelled', async () => {
    const { user, first, second } = await personWithTwoProjects(server, clients, 'Canceller');
    const [a, b] = requestsOf(first.revisionIds);
    const [c, d] = requestsOf(second.revisionIds);
    const ids: string[] = [];
    for (const [projectId, body] of [
      [first.projectId, a],
      [first.projectId, b],
      [second.projectId, c],
    ] as const) {
      ids.push((await queue(server, user, projectId, body)).body.render.id);
    }
    assert.equal((await queue(server, user, second.projectId, d)).status, 429);

    const cancelled = await api(server.url, 'DELETE', `/api/v1/renders/${ids[0]}`, {
      token: user.token,
    });
    assert.equal(cancelled.status, 200);
    assert.equal((await queue(server, user, second.projectId, d)).status, 202, 'the slot is free');

    const retried = await api(server.url, 'POST', `/api/v1/renders/${ids[0]}/retry`, {
      token: user.token,
    });
    assertOverLimit(retried, { scope: 'user', limit: 3, live: 3 });
    const render = await api(server.url, 'GET', `/api/v1/renders/${ids[0]}`, { token: user.token });
    assert.equal(render.body.render.status, 'cancelled');
  });

  test('Commit & render over the limit says whose limit and how many are live (French page)', async () => {
    const { user, first, second } = await personWithTwoProjects(server, clients, 'Brigitte');
    const [a, b] = requestsOf(first.revisionIds);
    const [c] = requestsOf(second.revisionIds);
    assert.equal((await queue(server, user, first.projectId, a)).status, 202);
    assert.equal((await queue(server, user, first.projectId, b)).status, 202);
    assert.equal((await queue(server, user, second.projectId, c)).status, 202);

    browser = await launchBrowser();
    const context = await signedInContext(browser, server.url, user.token, { locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`/projects/${second.projectId}`);
    await page.getByTestId('live-project').waitFor();
    // The dialog's default preset (1080p) is a new render: the fourth live one.
    await page.getByTestId('commit-render').click();
    const dialog = page.getByTestId('commit-dialog');
    await dialog.getByTestId('commit-submit').click();
    const error = dialog.getByTestId('commit-error');
    await error.waitFor();
    assert.equal(
      (await error.textContent())?.trim(),
      'Vous avez déjà 3 rendus en file ou en cours, le maximum pour une personne à la fois (3). Attendez qu’un rendu se termine ou annulez-en un, puis réessayez.',
    );
    assert.equal((await liveRenders(server, user, second.projectId)).length, 1, 'nothing queued');
  });

  test('parallel requests never pass the limit (PGlite)', async () => {
    await assertParallelRequestsCapped(server, clients);
    await assertSameRenderTwiceAtOnce(server, clients);
  });
});

describe('live-render limits on PostgreSQL', () => {
  let server: WebServer;
  let pgSchema: Awaited<ReturnType<typeof postgresSchema>>;
  const clients: CollabClient[] = [];

  before(async () => {
    pgSchema = await postgresSchema();
    server = await new WebServer({
      env: { ...pgSchema.env, ...SMALL_LIMITS },
    }).start();
  });
  after(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
    await pgSchema?.drop();
  });

  test('parallel requests never pass the limit (PostgreSQL: row locks across pooled connections)', async () => {
    await assertParallelRequestsCapped(server, clients);
    await assertSameRenderTwiceAtOnce(server, clients);
  });
});

/**
 * Eight distinct renders requested at once by one person over two projects:
 * exactly the person's limit (3) is accepted, however the requests interleave,
 * and no project passes its own (2).
 */
async function assertParallelRequestsCapped(server: WebServer, clients: CollabClient[]) {
  const user = await signUp(server.url, 'Racer');
  const projects = [
    await projectWithRevisions(server, user, clients, 1),
    await projectWithRevisions(server, user, clients, 1),
  ];
  const requests = projects.flatMap((p) =>
    requestsOf(p.revisionIds).map((body) => ({ projectId: p.projectId, body })),
  );
  const answers = await Promise.all(
    requests.map(({ projectId, body }) => queue(server, user, projectId, body)),
  );
  const statuses = answers.map((a) => a.status).sort();
  assert.deepEqual(statuses, [202, 202, 202, 429, 429, 429, 429, 429], JSON.stringify(statuses));
  for (const refused of answers.filter((a) => a.status === 429)) {
    assert.ok(['user', 'project'].includes(refused.body.error.details.scope));
  }
  const live = [
    ...(await liveRenders(server, user, projects[0]!.projectId)),
    ...(await liveRenders(server, user, projects[1]!.projectId)),
  ];
  assert.equal(live.length, 3, 'exactly the limit is live');
  for (const p of projects) {
    assert.ok((await liveRenders(server, user, p.projectId)).length <= 2, 'project limit held');
  }
}

/**
 * The same render asked twice at once with one slot left: one request makes
 * it, the other gets that render back (`created: false`), not a 429.
 */
async function assertSameRenderTwiceAtOnce(server: WebServer, clients: CollabClient[]) {
  const { user, first, second } = await personWithTwoProjects(server, clients, 'Twice');
  const [a, b] = requestsOf(first.revisionIds);
  const [c] = requestsOf(second.revisionIds);
  assert.equal((await queue(server, user, first.projectId, a)).status, 202);
  assert.equal((await queue(server, user, first.projectId, b)).status, 202);
  const answers = await Promise.all([
    queue(server, user, second.projectId, c),
    queue(server, user, second.projectId, c),
  ]);
  assert.deepEqual(
    answers.map((r) => r.status),
    [202, 202],
    JSON.stringify(answers.map((r) => r.body)),
  );
  assert.equal(answers[0]!.body.render.id, answers[1]!.body.render.id);
  assert.deepEqual(answers.map((r) => r.body.created).sort(), [false, true]);
}

describe('fair scheduling between users (real render node)', () => {
  let server: WebServer;
  let node: RenderNode;
  const clients: CollabClient[] = [];

  before(async () => {
    server = await new WebServer({
      env: { MAX_LIVE_RENDERS_PER_USER: '3', MAX_LIVE_RENDERS_PER_PROJECT: '5' },
    }).start();
  });
  after(async () => {
    for (const client of clients) client.destroy();
    await node?.kill();
    await server?.stop();
  });

  const renderOf = async (user: User, id: string) =>
    (await api(server.url, 'GET', `/api/v1/renders/${id}`, { token: user.token })).body.render as {
      id: string;
      status: string;
      finishedAt: string | null;
      failure: unknown;
    };
  const waitForStatus = async (user: User, id: string, statuses: string[]) => {
    await waitFor(
      async () => statuses.includes((await renderOf(user, id)).status),
      `render ${id} to be ${statuses.join('/')}`,
      240_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\nnode:\n${node.output.slice(-3000)}`);
    });
    return renderOf(user, id);
  };

  test('a second user’s render is not starved by a first user’s batch; a finished render frees its slot', async () => {
    const alice = await signUp(server.url, 'Alice');
    const bob = await signUp(server.url, 'Bob');
    // Alice: three renders of four scenes each (twelve scene jobs), Bob: one render of one scene.
    const batch = await projectWithRevisions(server, alice, clients, 4, 4);
    const single = await projectWithRevisions(server, bob, clients, 1);

    const aliceIds: string[] = [];
    for (const revisionId of batch.revisionIds.slice(0, 3)) {
      const res = await queue(server, alice, batch.projectId, { revisionId, preset: '720p-draft' });
      assert.equal(res.status, 202, JSON.stringify(res.body));
      aliceIds.push(res.body.render.id);
    }
    const fourth = { revisionId: batch.revisionIds[3], preset: '720p-draft' };
    assertOverLimit(await queue(server, alice, batch.projectId, fourth), {
      scope: 'user',
      limit: 3,
      live: 3,
    });
    const bobs = await queue(server, bob, single.projectId, {
      revisionId: single.revisionIds[0],
      preset: '720p-draft',
    });
    assert.equal(bobs.status, 202, JSON.stringify(bobs.body));
    // The node starts on a backlog: Alice's whole batch was queued before Bob's render.
    // One scene at a time, so the order jobs are taken in is the order they run in.
    node = await new RenderNode(server, { RENDER_CONCURRENCY: '1' }).start();
    const bobDone = await waitForStatus(bob, bobs.body.render.id, ['done', 'failed']);
    assert.equal(bobDone.status, 'done', JSON.stringify(bobDone.failure));

    const aliceDone = [];
    for (const id of aliceIds) aliceDone.push(await waitForStatus(alice, id, ['done', 'failed']));
    for (const render of aliceDone) assert.equal(render.status, 'done');
    // Completion order, not timings: Bob's one scene is taken in the first
    // round, so at most Alice's first render can finish before his (in queue
    // order, his would finish after at least two of hers).
    const aliceBefore = aliceDone.filter((r) => r.finishedAt! < bobDone.finishedAt!);
    assert.ok(
      aliceBefore.length <= 1,
      `Bob's render finished after ${aliceBefore.length} of Alice's 3 renders`,
    );

    // Alice's renders are finished: her slots are free again.
    assert.equal((await queue(server, alice, batch.projectId, fourth)).status, 202);
  });
});
