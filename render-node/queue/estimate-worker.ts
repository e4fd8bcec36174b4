import { UnrecoverableError, Worker } from 'bullmq';
import type { MediaStore } from '../../shared/node/media-store.ts';
import {
  RENDER_ESTIMATE_QUEUE,
  type EstimateJobData,
  type SceneWork,
} from '../../shared/render/estimate.ts';
import { renderPreset } from '../../shared/render/render-presets.ts';
import { engineKey } from '../../shared/render/render-queue.ts';
import { validateTimeline } from '../../shared/timeline.ts';
import { engineVersions } from '../engines/load-engines.ts';
import type { RenderEngines } from '../render-context.ts';
import { makeNarration } from '../stages/narration.ts';
import {
  bodyChunks,
  planRender,
  sceneFrames,
  type RenderPlan,
  type ScenePlan,
} from '../stages/plan.ts';
import { sceneLayerSpec } from '../stages/scene-layer.ts';
import { segmentKey } from '../stages/segment.ts';
import type { WorkerContext } from './worker-context.ts';

/** An estimate is a few file checks per scene: a node this slow is stuck. */
const ESTIMATE_TIMEOUT_MS = 20_000;

/**
 * What rendering `data` would still have to make (ADR 0041): the revision
 * planned exactly as a render plans it, then every key of each scene looked
 * up in the media store. Nothing is generated; the one thing read beyond
 * file existence is a made narration's length (its WAV headers), which the
 * segments' keys depend on.
 */
export async function estimateWork(
  data: EstimateJobData,
  store: MediaStore,
  engines: RenderEngines,
  signal: AbortSignal,
): Promise<SceneWork[]> {
  let plan: RenderPlan;
  try {
    const timeline = validateTimeline(data.timeline);
    plan = planRender(
      timeline,
      renderPreset(data.preset, timeline.aspect),
      engineVersions(engines),
      { burnCaptions: data.burnCaptions },
    );
  } catch (error) {
    throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
  }
  const work: SceneWork[] = [];
  for (const scene of plan.scenes) work.push(await sceneWork(plan, scene, store, engines, signal));
  return work;
}

async function sceneWork(
  plan: RenderPlan,
  scene: ScenePlan,
  store: MediaStore,
  engines: RenderEngines,
  signal: AbortSignal,
): Promise<SceneWork> {
  const size = `${plan.width}x${plan.height}`;
  const [picture, lettering] = await Promise.all([
    store.has(scene.picture.key, 'png'),
    store.has(scene.lettering.key, 'png'),
  ]);
  const image = {
    cached: picture && lettering,
    engine: scene.picture.source === 'upload' ? 'upload' : engineKey(plan.engines.image.id),
    size,
  };
  const narrationPlan = scene.narration;
  let narration: SceneWork['narration'] = null;
  if (narrationPlan) {
    const parts = await Promise.all(narrationPlan.parts.map((p) => store.has(p.key, 'wav')));
    const joined = await store.has(narrationPlan.key, 'wav');
    narration = {
      cached: joined && parts.every(Boolean),
      engine: engineKey(plan.engines.voice.id),
      characters: narrationPlan.parts
        .filter((_, i) => !parts[i])
        .reduce((sum, p) => sum + p.request.text.length, 0),
    };
  }
  const estimatedFrames =
    scene.estimatedFrames - scene.transitionInFrames - scene.transitionOutFrames;
  // Segment keys depend on the narration's measured length: known only once it is made.
  if (narration && !narration.cached) {
    return {
      sceneId: scene.id,
      image,
      narration,
      segment: { cached: false, size, frames: estimatedFrames },
    };
  }
  // Every file exists: measuring reads headers (the engine is never called).
  const measured = narrationPlan ? await makeNarration(scene, { store, engines, signal }) : null;
  const frames = sceneFrames(
    { ...scene, timing: plan.timing },
    measured ? measured.durationSec * plan.fps : null,
  );
  const spec = sceneLayerSpec(plan, scene.index, {
    picture: scene.picture.key,
    lettering: scene.lettering.key,
    frames,
    narration: measured,
  });
  const body = { from: scene.transitionInFrames, to: frames - scene.transitionOutFrames };
  const chunks = bodyChunks(body, plan.timing.chunkFrames);
  const encoded = await Promise.all(
    chunks.map((range) => store.has(segmentKey(plan, spec, range), 'mp4')),
  );
  return {
    sceneId: scene.id,
    image,
    narration,
    segment: {
      cached: encoded.every(Boolean),
      size,
      frames: chunks.filter((_, i) => !encoded[i]).reduce((a, r) => a + r.to - r.from, 0),
    },
  };
}

/** The `render-estimate` worker: small jobs the web waits for, beside the render workers. */
export function startEstimateWorker(ctx: WorkerContext) {
  return new Worker<EstimateJobData, SceneWork[]>(
    RENDER_ESTIMATE_QUEUE,
    (job) =>
      estimateWork(job.data, ctx.store, ctx.engines, AbortSignal.timeout(ESTIMATE_TIMEOUT_MS)),
    { ...ctx.workerOptions, connection: ctx.redis(), concurrency: 2 },
  );
}
