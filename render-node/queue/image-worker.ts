import { UnrecoverableError, type Job } from 'bullmq';
import {
  IMAGE_QUEUE,
  type ImageJobData,
  type ImageJobResult,
} from '../../shared/render/image-job.ts';
import type { ImageEngine, PictureRequest } from '../engines/image/engine.ts';
import { imageEngineFor, type RenderContext, type RenderEngines } from '../render-context.ts';
import { engineKey } from '../../shared/render/render-queue.ts';
import { generatePicture, stageTimeOf } from '../stages/image.ts';
import { pictureKey } from '../stages/plan.ts';
import { stageTimeRecorder } from './stage-times.ts';
import { serveCapabilityQueues } from './capability-queues.ts';
import type { WorkerContext } from './worker-context.ts';

/** A picture taking longer than this is a stuck engine: the job fails and the card says so. */
const IMAGE_TIMEOUT_MS = 5 * 60_000;

/** The engine of this node that makes `wanted`, or an error naming what is missing. */
export function imageEngineOf(engines: RenderEngines, wanted: ImageJobData['engine']): ImageEngine {
  const engine = imageEngineFor(engines, engineKey(wanted.id, wanted.model));
  if (engine) return engine;
  const name = wanted.model ? `${wanted.id} (model ${wanted.model})` : wanted.id;
  throw new UnrecoverableError(`image engine ${name} is not available on this render node`);
}

/**
 * One image-only job (regenerate, variants; ADR 0041): the scene's picture
 * at the job's seed, stored with its record under the same key a render of
 * that request would use, so a render of the same scene and seed reuses it.
 */
export async function makeSceneImage(
  job: Pick<Job<ImageJobData>, 'data' | 'updateProgress'>,
  ctx: Pick<WorkerContext, 'store' | 'engines'>,
  signal: AbortSignal,
  onStageTime?: RenderContext['onStageTime'],
): Promise<ImageJobResult> {
  const engine = imageEngineOf(ctx.engines, job.data.engine);
  const request: PictureRequest = job.data.request;
  const model = job.data.engine.model;
  const key = pictureKey(
    model === undefined
      ? { id: engine.id, version: engine.version }
      : { id: engine.id, version: engine.version, model },
    request,
  );
  await job.updateProgress(5);
  const made = await generatePicture(ctx.store, engine, key, request, signal);
  if (made.record) onStageTime?.(stageTimeOf(made.record));
  const record = made.record ?? (await ctx.store.readRecord(key));
  if (!record) throw new Error(`the picture ${key} has no record in the media store`);
  await job.updateProgress(100);
  return { hash: key, record };
}

/**
 * The processor of image jobs, for the base queue and for any capability
 * queue of image jobs (`capabilityQueue(IMAGE_QUEUE, needs)`), which the
 * node's routing serves with the same processor.
 */
export const imageJobProcessor = (ctx: WorkerContext) => (job: Job<ImageJobData>) =>
  makeSceneImage(
    job,
    ctx,
    AbortSignal.timeout(IMAGE_TIMEOUT_MS),
    stageTimeRecorder(ctx.commands, ctx.prefix, () => undefined),
  );

/**
 * The `render-image` workers: a picture at a time, from the base queue and
 * from every capability queue of image jobs whose engines this node has
 * (ADR 0039), so a node without a model never takes its pictures.
 */
export function startImageWorker(ctx: WorkerContext) {
  return serveCapabilityQueues<ImageJobData, ImageJobResult>(
    ctx,
    IMAGE_QUEUE,
    imageJobProcessor(ctx),
    1,
  );
}
