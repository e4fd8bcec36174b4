import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { temporaryStore } from '../../shared/node/media-test-fixtures.ts';
import type { MediaStore } from '../../shared/node/media-store.ts';
import { parseNodeRecords, renderNodesKey } from '../../shared/render/node-capabilities.ts';
import type { RenderOutput } from '../../shared/render/render-output.ts';
import {
  bullPrefix,
  capabilityQueue,
  capabilityQueuesKey,
  jobIds,
  RENDER_QUEUES,
  type PlanJobData,
} from '../../shared/render/render-queue.ts';
import type { ImageEngineSetting, Timeline } from '../../shared/timeline.ts';
import { loadEngines } from '../../render-node/engines/load-engines.ts';
import type { InferenceClient } from '../../render-node/inference/contract.ts';
import { startInferenceHost } from '../../render-node/inference/inference-host.ts';
import { writeTinyPiperVoice } from '../../render-node/models/testing/tiny-piper.ts';
import { writeTinySdTurbo } from '../../render-node/models/testing/tiny-sd-turbo.ts';
import { planLoader } from '../../render-node/queue/plan-cache.ts';
import { startRenderWorkers } from '../../render-node/queue/render-workers.ts';
import { scene, timeline } from '../../render-node/test-fixtures.ts';
import { TEST_REDIS_URL } from '../support/web-server.ts';
import { waitFor } from '../support/collab-client.ts';

/**
 * Routing by capability (issue 14) with real Redis and two real render
 * nodes (the queue workers of render-node/queue/, in this process): one has
 * an image model and a Piper voice in its MODELS_DIR, run by the real
 * inference host (a child process owning onnxruntime-node, CPU), the other
 * has none. A render needing the model has its scene jobs taken only by the
 * node that has it; with no node having the model, the render falls back to
 * storyboard frames (recorded) or fails naming the model, as the project
 * chose. The models are the tiny test graphs with SD-Turbo's and Piper's
 * exact signatures (render-node/models/testing/): no weights, no network.
 */

const MODEL = 'tiny-sd';
const VOICE = 'en_US-tiny-test';

/** A MODELS_DIR with the tiny SD-Turbo model, a tiny Piper voice and a model whose file was tampered with. */
async function modelsDir() {
  const dir = await mkdtemp(path.join(tmpdir(), 'montage-models-'));
  await writeTinySdTurbo(path.join(dir, MODEL), { precision: 'fp32', id: MODEL });
  await writeTinyPiperVoice(path.join(dir, VOICE), { id: VOICE });
  const broken = path.join(dir, 'broken-sd');
  const manifest = await writeTinySdTurbo(broken, { precision: 'fp32', id: 'broken-sd' });
  await appendFile(path.join(broken, manifest.files[0]!.path), 'tampered');
  return dir;
}

describe('capability routing between render nodes', () => {
  const prefix = `test-routing-${randomBytes(4).toString('hex')}`;
  const connections: Redis[] = [];
  const redis = () => {
    const c = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    connections.push(c);
    return c;
  };
  let store: MediaStore & { remove(): Promise<void> };
  let inference: InferenceClient;
  let models: string;
  let nodes: Awaited<ReturnType<typeof startRenderWorkers>>[] = [];
  let plans: Queue<PlanJobData>;
  const queues = new Map<string, Queue>();
  const queue = (name: string) => {
    if (!queues.has(name))
      queues.set(name, new Queue(name, { connection: redis(), prefix: bullPrefix(prefix) }));
    return queues.get(name)!;
  };
  const log = () => undefined;

  before(async () => {
    store = await temporaryStore();
    models = await modelsDir();
    inference = await startInferenceHost({ modelsDir: models, log: () => undefined });
    const [plain, capable] = await Promise.all([loadEngines(), loadEngines({ inference })]);
    assert.deepEqual(
      [...capable.byKey!.image.keys()],
      [`onnx.${MODEL}`],
      'the unusable model is not an engine',
    );
    assert.deepEqual([...capable.byKey!.voice.keys()], [`piper.${VOICE}`]);
    const common = {
      redisUrl: TEST_REDIS_URL,
      prefix,
      store,
      concurrency: 2,
      lockDurationMs: 30_000,
      log,
    };
    nodes = [
      await startRenderWorkers({ ...common, engines: plain, nodeId: 'plain-node' }),
      await startRenderWorkers({ ...common, engines: capable, inference, nodeId: 'model-node' }),
    ];
    plans = queue(RENDER_QUEUES.plan) as Queue<PlanJobData>;
  });

  after(async () => {
    await Promise.all(nodes.map((n) => n.close()));
    await inference?.close();
    if (models) await rm(models, { recursive: true, force: true });
    const commands = redis();
    for (const q of queues.values()) {
      await q.obliterate({ force: true }).catch(() => undefined);
      await q.close();
    }
    await commands.del(renderNodesKey(prefix), capabilityQueuesKey(prefix));
    for (const c of connections) c.disconnect();
    await store?.remove();
  });

  const story = (imageEngine: ImageEngineSetting, scenes = 3): Timeline =>
    timeline(
      Array.from({ length: scenes }, (_, i) =>
        scene(String(i), { durationSec: 1, transition: 'cut', prompt: `a lighthouse ${i}` }),
      ),
      { aspect: '1:1', imageEngine },
    );

  let renders = 0;
  const render = async (t: Timeline) => {
    const renderId = `r${++renders}${randomBytes(3).toString('hex')}`;
    const ids = jobIds(renderId, 1);
    await plans.add(
      'plan',
      { renderId, attempt: 1, owner: 'u1', timeline: t, preset: '720p-draft', burnCaptions: false },
      { jobId: ids.plan },
    );
    return { renderId, ids };
  };
  const finished = async (q: Queue, jobId: string) => {
    let job: Job | undefined;
    await waitFor(
      async () => {
        job = await Job.fromId(q, jobId);
        return job?.finishedOn !== undefined;
      },
      `job ${jobId} to finish`,
      240_000,
    );
    return job!;
  };

  test('the heartbeat says what each node can do', async () => {
    const records = parseNodeRecords(Object.values(await redis().hgetall(renderNodesKey(prefix))));
    const byId = new Map(records.map((r) => [r.nodeId, r]));
    assert.deepEqual([...byId.keys()].sort(), ['model-node', 'plain-node']);
    assert.deepEqual(
      byId.get('model-node')!.engines.image.map((e) => e.key ?? e.id),
      ['procedural', `onnx.${MODEL}`],
    );
    assert.deepEqual(
      byId.get('plain-node')!.engines.image.map((e) => e.key ?? e.id),
      ['procedural'],
    );
    assert.deepEqual(
      byId
        .get('model-node')!
        .models.map((m) => [m.id, m.usable])
        .sort(),
      [
        ['broken-sd', false],
        [VOICE, true],
        [MODEL, true],
      ].sort(),
    );
    assert.equal(byId.get('model-node')!.provider.name, 'cpu');
    assert.equal(byId.get('plain-node')!.concurrency, 2);
  });

  test('a node stopped gracefully leaves the heartbeat hash at once', async () => {
    const brief = await startRenderWorkers({
      redisUrl: TEST_REDIS_URL,
      prefix,
      store,
      engines: await loadEngines(),
      concurrency: 1,
      lockDurationMs: 30_000,
      log,
    });
    assert.match(brief.nodeId, /-\d+$/, 'without an id a node is hostname-pid');
    assert.ok(await redis().hexists(renderNodesKey(prefix), brief.nodeId));
    await brief.close();
    assert.equal(await redis().hexists(renderNodesKey(prefix), brief.nodeId), 0);
  });

  test('scenes needing the model are taken only by the node that has it', async () => {
    const t = story({ engine: 'onnx', model: MODEL, fallback: false }, 4);
    // One scene stays on storyboard frames: it needs no model and goes to the shared queue.
    t.scenes[3] = { ...t.scenes[3]!, imageEngine: 'procedural' };
    const { ids } = await render(t);
    const assemble = await finished(queue(RENDER_QUEUES.assemble), ids.assemble);
    assert.equal(assemble.failedReason, undefined, assemble.failedReason);
    const output = assemble.returnvalue as RenderOutput;

    const modelQueue = capabilityQueue(RENDER_QUEUES.scene, [`onnx.${MODEL}`]);
    for (const sceneId of ['0', '1', '2']) {
      const job = await Job.fromId(queue(modelQueue), ids.scene(sceneId));
      assert.ok(job, `scene ${sceneId} is on ${modelQueue}`);
      assert.equal(job.processedBy, 'model-node');
    }
    const shared = await Job.fromId(queue(RENDER_QUEUES.scene), ids.scene('3'));
    assert.ok(shared?.finishedOn, 'the storyboard scene ran from the shared queue');
    assert.deepEqual(
      output.engines!.map((e) => [e.sceneId, e.picture?.engine, e.picture?.model]),
      [
        ['0', 'onnx', MODEL],
        ['1', 'onnx', MODEL],
        ['2', 'onnx', MODEL],
        ['3', 'procedural', undefined],
      ],
    );
    const model = inference.models().find((m) => m.id === MODEL)!;
    assert.equal(output.engines![0]!.picture!.version, `sd-turbo/1:${model.hash}`);
    assert.ok(nodes[1]!.served().includes(modelQueue));
    assert.ok(
      !nodes[0]!.served().includes(modelQueue),
      'the node without the model never serves its queue',
    );
    assert.deepEqual(JSON.parse((await redis().hget(capabilityQueuesKey(prefix), modelQueue))!), [
      `onnx.${MODEL}`,
    ]);
  });

  test('no node has the model, fallback allowed: storyboard frames, recorded in the render', async () => {
    const { ids } = await render(story({ engine: 'onnx', model: 'absent-sd', fallback: true }, 2));
    const assemble = await finished(queue(RENDER_QUEUES.assemble), ids.assemble);
    assert.equal(assemble.failedReason, undefined, assemble.failedReason);
    const output = assemble.returnvalue as RenderOutput;
    for (const record of output.engines!) {
      assert.equal(record.picture!.engine, 'procedural');
      assert.deepEqual(record.picture!.fallbackFrom, {
        engine: 'onnx',
        model: 'absent-sd',
        reason: 'no render node has the image model absent-sd',
      });
    }
    assert.ok(
      output.warnings.some((w) => w.includes('no render node has the image model absent-sd')),
      output.warnings.join('; '),
    );
  });

  test('no node has the model, no fallback: the render fails naming the model', async () => {
    const { ids } = await render(story({ engine: 'onnx', model: 'absent-sd', fallback: false }, 1));
    const plan = await finished(plans, ids.plan);
    assert.match(plan.failedReason, /no render node has the image model absent-sd/);
    assert.equal(await Job.fromId(queue(RENDER_QUEUES.assemble), ids.assemble), undefined);
  });

  test('a project renders end to end with the ONNX image engine and a Piper voice', async () => {
    const t = story({ engine: 'onnx', model: MODEL, fallback: false }, 2);
    t.voice = { engine: 'piper', voice: VOICE, rate: 1, pitch: 1 };
    t.scenes = t.scenes.map((s, i) => ({ ...s, narration: `The lamp turns, beam ${i + 1}.` }));
    const { ids } = await render(t);
    const assemble = await finished(queue(RENDER_QUEUES.assemble), ids.assemble);
    assert.equal(assemble.failedReason, undefined, assemble.failedReason);
    const output = assemble.returnvalue as RenderOutput;
    for (const record of output.engines!) {
      assert.equal(record.picture!.engine, 'onnx');
      assert.deepEqual(
        record.narration.map((n) => [n.engine, n.model]),
        [['piper', VOICE]],
      );
    }
    // The narration in the store is the voice model's: byte-identical to the host speaking it.
    const both = capabilityQueue(RENDER_QUEUES.scene, [`onnx.${MODEL}`, `piper.${VOICE}`]);
    const job = await Job.fromId(queue(both), ids.scene('0'));
    assert.equal(job?.processedBy, 'model-node');
    const plan = await planLoader(store)(job!.data.planHash);
    const part = plan.scenes[0]!.narration!.parts[0]!;
    const stored = await readFile((await store.locate(part.key))!);
    const spoken = await inference.synthesizeSpeech(
      VOICE,
      { text: part.request.text, rate: part.request.rate, sampleRate: 48000 },
      new AbortController().signal,
    );
    assert.deepEqual(stored, Buffer.from(spoken.wav));
    const narrationRecord = await store.readRecord(part.key);
    assert.equal(narrationRecord?.engine.id, 'piper');
    assert.equal(narrationRecord?.model?.id, VOICE);
    // The picture's record says how to make it again.
    const picture = plan.scenes[0]!.picture;
    assert.equal(picture.source, 'engine');
    const pictureRecord = await store.readRecord(picture.key);
    assert.equal(pictureRecord?.engine.id, 'onnx');
    assert.equal(pictureRecord?.model?.id, MODEL);
    assert.equal(pictureRecord?.provider, 'cpu');
    assert.equal(typeof pictureRecord?.seed, 'number');
  });
});
