import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { temporaryStore } from '../../shared/node/media-test-fixtures.ts';
import {
  MUSIC_GENERATE_QUEUE,
  generationId,
  type MusicGenerateJobData,
  type SoundtrackRecord,
} from '../../shared/music/soundtrack.ts';
import { NORMALISED_AUDIO } from '../../shared/node/ffmpeg/user-media.ts';
import { createFluidsynthEngine } from '../engines/music/fluidsynth.ts';
import type { RenderEngines } from '../render-context.ts';
import { startMusicGenerateWorker } from './music-generate-worker.ts';

const REDIS_URL = process.env.TEST_REDIS_URL;

test(
  'the music-generate worker answers the record, reports progress, refuses a job id that is not its request',
  { skip: !REDIS_URL && 'TEST_REDIS_URL is not set' },
  async (t) => {
    const store = await temporaryStore();
    t.after(() => store.remove());
    const prefix = `test-music-${randomBytes(4).toString('hex')}:bull`;
    const connections: Redis[] = [];
    const redis = () => {
      const c = new Redis(REDIS_URL!, { maxRetriesPerRequest: null });
      connections.push(c);
      return c;
    };
    const ctx: Parameters<typeof startMusicGenerateWorker>[0] = {
      store,
      engines: { music: await createFluidsynthEngine() } as RenderEngines,
      redis,
      workerOptions: { prefix, lockDuration: 30_000, stalledInterval: 15_000, maxStalledCount: 1 },
    };
    const worker = startMusicGenerateWorker(ctx);
    const queue = new Queue<MusicGenerateJobData, SoundtrackRecord>(MUSIC_GENERATE_QUEUE, {
      connection: redis(),
      prefix,
    });
    const events = new QueueEvents(MUSIC_GENERATE_QUEUE, { connection: redis(), prefix });
    t.after(async () => {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await events.close();
      for (const c of connections) c.disconnect();
    });
    await events.waitUntilReady();

    const data: MusicGenerateJobData = {
      request: { mood: 'mysterious', seed: 8 },
      durationSec: 5,
      scenes: null,
    };
    const progress: number[] = [];
    events.on('progress', ({ data: p }) => progress.push(Number(p)));
    const job = await queue.add('generate', data, { jobId: generationId(data) });
    const record = await job.waitUntilFinished(events);
    assert.equal(record.mood, 'mysterious');
    assert.equal(record.durationSec, 5);
    assert.ok(await store.has(record.hash, NORMALISED_AUDIO.ext));
    assert.ok(progress.includes(100), `progress ${progress.join(',')}`);

    const forged = await queue.add('generate', data, { jobId: 'not-its-id' });
    await assert.rejects(forged.waitUntilFinished(events), /does not match its request/);
  },
);
