import { Worker } from 'bullmq';
import {
  VOICE_SAMPLE_QUEUE,
  voiceSampleKey,
  type VoiceSampleJobData,
} from '../../shared/voices/voice-sample.ts';
import type { MediaStore } from '../../shared/node/media-store.ts';
import type { VoiceEngine } from '../engines/voice/engine.ts';
import type { WorkerContext } from './worker-context.ts';

/** A sample longer than this is a stuck engine: the job fails and the web says so. */
const SAMPLE_TIMEOUT_MS = 15_000;

/**
 * Speaks one voice sample into the store under its key (ADR 0026). The key
 * is recomputed from the job's words and voice, so a job can only ever
 * write the file its content names.
 */
export async function makeVoiceSample(
  data: VoiceSampleJobData,
  store: MediaStore,
  voice: VoiceEngine,
  signal: AbortSignal,
): Promise<{ key: string; cached: boolean }> {
  if (data.engine !== voice.id) {
    throw new Error(`voice engine ${data.engine} is not available on this render node`);
  }
  const key = voiceSampleKey(data.engine, data.request);
  if (key !== data.key) throw new Error('the voice sample key does not match its request');
  const made = await store.produce(
    key,
    'wav',
    async (temp) => {
      await voice.synthesize(data.request, temp, signal);
    },
    { signal },
  );
  return { key, cached: made.hit };
}

/** The `voice-sample` worker: small jobs, a few at once, beside the render workers. */
export function startVoiceSampleWorker(ctx: WorkerContext) {
  return new Worker<VoiceSampleJobData, { key: string; cached: boolean }>(
    VOICE_SAMPLE_QUEUE,
    (job) =>
      makeVoiceSample(
        job.data,
        ctx.store,
        ctx.engines.voice,
        AbortSignal.timeout(SAMPLE_TIMEOUT_MS),
      ),
    { ...ctx.workerOptions, connection: ctx.redis(), concurrency: 2 },
  );
}
