import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { ApiError } from './errors.ts';
import { RateLimits, rateLimited, retryAfterHeader } from './rate-limit.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** RateLimits against a real Redis: what two web instances would share. */
describe('RateLimits', () => {
  const prefix = `montage-test-${randomBytes(4).toString('hex')}`;
  const rules = {
    attempt: { points: 3, durationSec: 60 },
    blocked: { points: 1, durationSec: 2, blockDurationSec: 300 },
  };
  let redisA: Redis;
  let redisB: Redis;
  let limits: RateLimits<keyof typeof rules>;

  before(async () => {
    redisA = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    redisB = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    await Promise.all([redisA.ping(), redisB.ping()]);
    limits = new RateLimits(redisA, prefix, rules);
  });
  after(async () => {
    const keys = await redisA.keys(`${prefix}:*`);
    if (keys.length) await redisA.del(...keys);
    redisA.disconnect();
    redisB.disconnect();
  });

  /** The RATE_LIMITED error `promise` rejects with. */
  async function refusal(promise: Promise<unknown>): Promise<ApiError> {
    const err = await promise.then(
      () => assert.fail('expected RATE_LIMITED'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ApiError, `an ApiError, got ${String(err)}`);
    assert.equal(err.code, 'RATE_LIMITED');
    assert.equal(err.status, 429);
    return err;
  }

  test('a key spends its points, is then refused with a retry delay, and others are not', async () => {
    for (let i = 0; i < 3; i++) await limits.consume('attempt', 'alice');
    const err = await refusal(limits.consume('attempt', 'alice'));
    const retryAfterSec = err.details?.retryAfterSec as number;
    assert.ok(retryAfterSec >= 1 && retryAfterSec <= 60, `retry after ${retryAfterSec} s`);
    assert.equal(retryAfterHeader(err), String(retryAfterSec));
    await limits.consume('attempt', 'bob');
    await limits.consume('blocked', 'alice');
  });

  test('check refuses a spent key without spending, and never refuses a fresh one', async () => {
    await limits.check('attempt', 'carol');
    await limits.check('attempt', 'carol');
    for (let i = 0; i < 3; i++) await limits.consume('attempt', 'carol');
    await refusal(limits.check('attempt', 'carol'));
  });

  test('reset gives a key its points back', async () => {
    for (let i = 0; i < 3; i++) await limits.consume('attempt', 'dave');
    await refusal(limits.consume('attempt', 'dave'));
    await limits.reset('attempt', 'dave');
    for (let i = 0; i < 3; i++) await limits.consume('attempt', 'dave');
    await refusal(limits.consume('attempt', 'dave'));
  });

  test('blockDurationSec refuses for the block, not just the rest of the window', async () => {
    await limits.consume('blocked', 'erin');
    const err = await refusal(limits.consume('blocked', 'erin'));
    assert.ok((err.details?.retryAfterSec as number) > 2, 'blocked beyond the 2 s window');
  });

  test('two instances on one Redis share the count', async () => {
    const other = new RateLimits(redisB, prefix, rules);
    await limits.consume('attempt', 'frank');
    await other.consume('attempt', 'frank');
    await limits.consume('attempt', 'frank');
    await refusal(other.consume('attempt', 'frank'));
    await other.reset('attempt', 'frank');
    await limits.consume('attempt', 'frank');
  });

  test('an unknown limit name is a programming error, not a refusal', async () => {
    const unknown = limits as unknown as RateLimits<string>;
    await assert.rejects(unknown.consume('nope', 'x'), /No rate limit named nope/);
  });

  test('rateLimited rounds the delay up to whole seconds, at least one', () => {
    assert.equal(rateLimited(1).details?.retryAfterSec, 1);
    assert.equal(rateLimited(1001).details?.retryAfterSec, 2);
    assert.equal(retryAfterHeader(new ApiError('FORBIDDEN', 'errors.api.roleForbidden')), null);
  });
});
