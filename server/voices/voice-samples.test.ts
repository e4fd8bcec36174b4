import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { temporaryStore } from '../../shared/node/media-test-fixtures.ts';
import { bullPrefix } from '../../shared/render/render-queue.ts';
import { VOICE_SAMPLE_QUEUE, type VoiceSampleJobData } from '../../shared/voices/voice-sample.ts';
import { ApiError } from '../http/errors.ts';
import { RateLimits } from '../http/rate-limit.ts';
import { createVoiceSamples, type VoiceSampleLimit } from './voice-samples.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The web side of voice samples against a real Redis; a stand-in worker plays the render node. */
describe('voice samples (web side)', () => {
  const prefix = `montage-test-${randomBytes(4).toString('hex')}`;
  let redis: Redis;
  let store: Awaited<ReturnType<typeof temporaryStore>>;
  let samples: ReturnType<typeof createVoiceSamples>;
  const authorized: string[] = [];

  before(async () => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    store = await temporaryStore();
    samples = createVoiceSamples({
      redisUrl: REDIS_URL,
      prefix,
      media: store,
      projects: {
        authorize: async (_user: string, projectId: string) => {
          if (projectId !== 'p1') throw new ApiError('NOT_FOUND', 'errors.api.projectNotFound');
          authorized.push(projectId);
          return 'viewer' as const;
        },
      },
      limits: new RateLimits<VoiceSampleLimit>(redis, prefix, {
        voiceSamplesByUser: { points: 3, durationSec: 60 },
      }),
      waitMs: 500,
    });
  });
  after(async () => {
    await samples.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await store.remove();
  });

  const body = (name: string) => ({
    voice: { engine: 'espeak-ng', voice: 'en+f2', rate: 1, pitch: 1 },
    name,
    language: 'en',
  });
  const code = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (err: unknown) => (err instanceof ApiError ? err.code : String(err)),
    );

  test('no render node: UNAVAILABLE after the wait; bad input is refused before any limit', async () => {
    assert.equal(await code(samples.request('u1', 'p1', body('Nadia'))), 'UNAVAILABLE');
    for (let i = 0; i < 5; i++) {
      assert.equal(
        await code(samples.request('u1', 'p1', { ...body('x'), language: 'de' })),
        'VALIDATION_FAILED',
      );
    }
    assert.equal(await code(samples.request('u1', 'other', body('Nadia'))), 'NOT_FOUND');
    assert.equal(await code(samples.path('../../etc/passwd')), 'NOT_FOUND');
  });

  test('a node answers: the WAV is served by key; the limit counts requests per user', async () => {
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const worker = new Worker<VoiceSampleJobData>(
      VOICE_SAMPLE_QUEUE,
      async (job) => {
        assert.equal(job.data.request.text, 'Hello, I am Tom.');
        await store.produce(job.data.key, 'wav', (temp) => writeFile(temp, 'RIFF'));
      },
      {
        connection,
        prefix: bullPrefix(prefix),
      },
    );
    try {
      const made = await samples.request('u2', 'p1', body('Tom'));
      assert.equal(made.sample.cached, false);
      assert.equal(await samples.path(made.sample.key), store.pathFor(made.sample.key, 'wav'));
      const again = await samples.request('u2', 'p1', body('Tom'));
      assert.deepEqual(again.sample, { ...made.sample, cached: true });
      await samples.request('u2', 'p1', body('Tom'));
      assert.equal(await code(samples.request('u2', 'p1', body('Tom'))), 'RATE_LIMITED');
      assert.equal(await code(samples.request('u3', 'p1', body('Tom'))), 'ok');
    } finally {
      await worker.close();
      connection.disconnect();
    }
  });
});
