import type { Redis } from 'ioredis';
import { stageField, stageSecondsKey, type StageTimeSample } from '../../shared/render/estimate.ts';

/**
 * Adds a measured stage time to the nodes' shared history (ADR 0041): sums
 * of seconds and units per stage, engine and size, so the rate is their
 * ratio whatever the order nodes report in (HINCRBYFLOAT is atomic).
 */
export async function recordStageTime(redis: Redis, prefix: string, sample: StageTimeSample) {
  if (!(sample.seconds >= 0) || !(sample.units > 0)) return;
  const key = stageSecondsKey(prefix);
  const field = stageField(sample.stage, sample.engine, sample.size);
  await redis
    .multi()
    .hincrbyfloat(key, `${field}:sec`, sample.seconds)
    .hincrbyfloat(key, `${field}:units`, sample.units)
    .hincrby(key, `${field}:runs`, 1)
    .hincrby(key, `${field}:gpu`, sample.gpu ? 1 : 0)
    .exec();
}

/** A RenderContext's `onStageTime` that records into Redis, never failing the work it times. */
export const stageTimeRecorder =
  (redis: Redis, prefix: string, onError: (error: unknown) => void) =>
  (sample: StageTimeSample) => {
    recordStageTime(redis, prefix, sample).catch(onError);
  };
