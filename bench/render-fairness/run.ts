/**
 * bench/render-fairness: how long one user's render takes while another
 * user's batch fills the queue (issue 9, item 8). A real web server and one
 * render node (RENDER_CONCURRENCY=2, as `npm start` runs it); the live-render
 * caps are raised so that user A can queue the whole batch, as anyone could
 * before them: only the order of the work is measured.
 *
 *   TEST_REDIS_URL=redis://127.0.0.1:6379 node bench/render-fairness/run.ts [--batch 20] [--scenes 2]
 *
 * 1. B's render alone (an idle queue): submit → done.
 * 2. A queues `batch` renders of `scenes` one-second scenes at once, then B
 *    queues a render like the first (of another project, nothing cached):
 *    B's submit → done, how many of A's renders finished before B's, and
 *    when each of B's jobs started and ended (seconds after the submit).
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { bullPrefix, jobIds, RENDER_QUEUES } from '../../shared/render/render-queue.ts';
import { waitFor } from '../../tests/support/collab-client.ts';
import { RenderNode } from '../../tests/support/render-node.ts';
import { projectWithRevisions } from '../../tests/support/revisions.ts';
import { api, signUp, WebServer } from '../../tests/support/web-server.ts';

const { values } = parseArgs({
  options: {
    batch: { type: 'string', default: '20' },
    scenes: { type: 'string', default: '2' },
  },
});
const BATCH = Number(values.batch);
const SCENES = Number(values.scenes);

const server = await new WebServer({
  env: { MAX_LIVE_RENDERS_PER_USER: String(BATCH + 1), MAX_LIVE_RENDERS_PER_PROJECT: '1000' },
}).start();
const node = await new RenderNode(server, { RENDER_CONCURRENCY: '2' }).start();

try {
  const a = await signUp(server.url, 'Alice');
  const b = await signUp(server.url, 'Bob');
  const batch = await projectWithRevisions(server, a.token, { revisions: BATCH, scenes: SCENES });
  // B's two renders are of two projects: the second reuses nothing of the first.
  const single = [
    await projectWithRevisions(server, b.token, { revisions: 1, scenes: SCENES }),
    await projectWithRevisions(server, b.token, { revisions: 1, scenes: SCENES }),
  ];

  const submit = async (token: string, projectId: string, revisionId: string) => {
    const res = await api(server.url, 'POST', `/api/v1/projects/${projectId}/renders`, {
      token,
      body: { revisionId, preset: '720p-draft' },
    });
    if (res.status !== 202) throw new Error(`render refused: ${JSON.stringify(res.body)}`);
    return res.body.render.id as string;
  };
  const finished = async (token: string, id: string) => {
    let render: { status: string; finishedAt: string | null } | null = null;
    await waitFor(
      async () => {
        render = (await api(server.url, 'GET', `/api/v1/renders/${id}`, { token })).body.render;
        return render!.status === 'done' || render!.status === 'failed';
      },
      `render ${id}`,
      30 * 60_000,
    );
    if (render!.status !== 'done') throw new Error(`render ${id} failed`);
    return render!.finishedAt!;
  };
  const timeB = async (project: (typeof single)[number]) => {
    const started = Date.now();
    const id = await submit(b.token, project.projectId, project.revisionIds[0]!);
    const finishedAt = await finished(b.token, id);
    return {
      seconds: (Date.now() - started) / 1000,
      finishedAt,
      stages: await stagesOf(id, started),
    };
  };
  /** Where B's render waited: seconds from submit to each job's start and end. */
  async function stagesOf(renderId: string, submitted: number) {
    const connection = { url: server.env.REDIS_URL! };
    const prefix = bullPrefix(server.env.REDIS_PREFIX!);
    const ids = jobIds(renderId, 1);
    const at = (ms: number | undefined) =>
      ms ? Number(((ms - submitted) / 1000).toFixed(1)) : null;
    const read = async (queueName: string, jobId: string) => {
      const queue = new Queue(queueName, { connection, prefix });
      const job = await queue.getJob(jobId);
      await queue.close();
      return { start: at(job?.processedOn), end: at(job?.finishedOn), priority: job?.priority };
    };
    const plan = await read(RENDER_QUEUES.plan, ids.plan);
    const assemble = await read(RENDER_QUEUES.assemble, ids.assemble);
    const render = (await api(server.url, 'GET', `/api/v1/renders/${renderId}`, { token: b.token }))
      .body.render as { scenes: { id: string }[] };
    const scenes = await Promise.all(
      render.scenes.map((scene) => read(RENDER_QUEUES.scene, ids.scene(scene.id))),
    );
    return { plan, scenes, assemble };
  }

  const alone = await timeB(single[0]!);

  // The whole batch at once, as in the issue (21 renders accepted in 2.4 s).
  const batchIds = await Promise.all(
    batch.revisionIds.map((revisionId) => submit(a.token, batch.projectId, revisionId)),
  );
  const busy = await timeB(single[1]!);
  const batchDone = await Promise.all(batchIds.map((id) => finished(a.token, id)));
  const before = batchDone.filter((at) => at < busy.finishedAt).length;

  batch.client.destroy();
  for (const project of single) project.client.destroy();
  console.log(
    JSON.stringify({
      batch: BATCH,
      scenesPerRender: SCENES,
      loadAverage: loadavg().map((l) => Number(l.toFixed(1))),
      bAloneSec: Number(alone.seconds.toFixed(1)),
      bBehindBatchSec: Number(busy.seconds.toFixed(1)),
      batchRendersFinishedBeforeB: before,
      bAloneStages: alone.stages,
      bBehindBatchStages: busy.stages,
    }),
  );
} finally {
  await node.kill();
  await server.stop();
}
