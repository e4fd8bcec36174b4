import { UnrecoverableError, Worker, type Job } from 'bullmq';
import {
  IMAGE_QUEUE,
  type ImageJobData,
  type ImageJobResult,
} from '../../shared/render/image-job.ts';
import { contentKey } from '../../shared/content-key.ts';
import type { ImageEngine, PictureRequest } from '../engines/image/engine.ts';
import type { RenderContext, RenderEngines } from '../render-context.ts';
import { generatePicture, stageTimeOf } from '../stages/image.ts';
import { stageTimeRecorder } from './stage-times.ts';
import type { WorkerContext } from './worker-context.ts';

/** A picture taking longer than this is a stuck engine: the job fails and the card says so. */
const IMAGE_TIMEOUT_MS = 5 * 60_000;

/** The engine of this node that makes `wanted`, or an error naming what is missing. */
export function imageEngineFor(
  engines: RenderEngines,
  wanted: ImageJobData['engine'],
): ImageEngine {
  if (engines.image.id === wanted.id) return engines.image;
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
  const engine = imageEngineFor(ctx.engines, job.data.engine);
  const request: PictureRequest = job.data.request;
  const key = contentKey('picture', {
    engine: { id: engine.id, version: engine.version },
    request,
  });
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

/** The `render-image` worker: a picture at a time, ahead of nothing (its queue is its own). */
export function startImageWorker(ctx: WorkerContext, queueName: string = IMAGE_QUEUE) {
  return new Worker<ImageJobData, ImageJobResult>(queueName, imageJobProcessor(ctx), {
    ...ctx.workerOptions,
    connection: ctx.redis(),
    concurrency: 1,
  });
}
