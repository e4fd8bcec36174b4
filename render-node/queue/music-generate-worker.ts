import { Worker } from 'bullmq';
import {
  MUSIC_GENERATE_QUEUE,
  generationId,
  type MusicGenerateJobData,
  type SoundtrackRecord,
} from '../../shared/music/soundtrack.ts';
import { generateSoundtrack } from '../engines/music/make-soundtrack.ts';
import type { WorkerContext } from './worker-context.ts';

/** A generation longer than this is a stuck synthesiser: the job fails and the web says so. */
const GENERATE_TIMEOUT_MS = 5 * 60_000;

/**
 * The `music-generate` worker (issue 18): composes the soundtrack a job asks
 * for into the media store and answers its record. The job id must be the
 * job's `generationId` (the web sets it), so one id is one soundtrack; a
 * soundtrack already stored answers at once.
 */
export function startMusicGenerateWorker(
  ctx: Pick<WorkerContext, 'store' | 'engines' | 'redis' | 'workerOptions'>,
) {
  return new Worker<MusicGenerateJobData, SoundtrackRecord>(
    MUSIC_GENERATE_QUEUE,
    async (job) => {
      if (job.id !== generationId(job.data)) {
        throw new Error('the music-generate job id does not match its request');
      }
      let last = -1;
      const { record } = await generateSoundtrack(job.data, ctx.store, ctx.engines.music, {
        signal: AbortSignal.timeout(GENERATE_TIMEOUT_MS),
        onProgress: (fraction) => {
          const percent = Math.round(fraction * 100);
          if (percent === last) return;
          last = percent;
          void job.updateProgress(percent).catch(() => undefined);
        },
      });
      return record;
    },
    { ...ctx.workerOptions, connection: ctx.redis(), concurrency: 1 },
  );
}
