import { apiMessage } from '../../shared/api/api-messages.ts';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from './errors.ts';

/** How many attempts a key may make in a window, and how long it is then refused. */
export interface LimitRule {
  points: number;
  durationSec: number;
  /** Refuse for this long once the points are spent (defaults to the rest of the window). */
  blockDurationSec?: number;
}

/**
 * Named rate limits shared by every web instance through Redis
 * (rate-limiter-flexible's atomic counters). A limit is checked inside the
 * domain action it protects, never by URL path, so no spelling of a route can
 * skip it. When Redis is unreachable each instance falls back to an
 * in-memory counter with the same rule (the insurance limiter): limits stay
 * on, per instance, rather than failing open or refusing everyone.
 */
/** Where a key stands against a limit after a request: what the X-RateLimit-* headers say. */
export interface LimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window starts again (at least 1 while anything is spent). */
  resetSec: number;
  windowSec: number;
}

export class RateLimits<Name extends string> {
  readonly #limiters: Map<Name, RateLimiterRedis>;
  readonly #rules: Record<Name, LimitRule>;

  constructor(redis: Redis, keyPrefix: string, rules: Record<Name, LimitRule>) {
    this.#rules = rules;
    this.#limiters = new Map(
      (Object.entries(rules) as [Name, LimitRule][]).map(([name, rule]) => {
        const options = {
          points: rule.points,
          duration: rule.durationSec,
          blockDuration: rule.blockDurationSec ?? 0,
          keyPrefix: `${keyPrefix}:rl:${name}`,
        };
        const limiter = new RateLimiterRedis({
          ...options,
          storeClient: redis,
          insuranceLimiter: new RateLimiterMemory(options),
        });
        return [name, limiter];
      }),
    );
  }

  #limiter(name: Name): RateLimiterRedis {
    const limiter = this.#limiters.get(name);
    if (!limiter) throw new Error(`No rate limit named ${name}`);
    return limiter;
  }

  /**
   * Spends one attempt of `name` for `key`; throws ApiError RATE_LIMITED
   * (429, `details.retryAfterSec`, which the error handlers send as
   * Retry-After) when none is left.
   */
  async consume(name: Name, key: string, points = 1): Promise<void> {
    try {
      await this.#limiter(name).consume(key, points);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw rateLimited(err.msBeforeNext);
      throw err;
    }
  }

  /**
   * Spends one attempt like `consume`, and answers where `key` then stands
   * (the API's X-RateLimit-* headers). Refused: throws `refusal(state)`.
   */
  async spend(
    name: Name,
    key: string,
    refusal: (state: LimitState, retryAfterMs: number) => ApiError,
  ): Promise<LimitState> {
    const rule = this.#rules[name];
    const state = (res: RateLimiterRes): LimitState => ({
      limit: rule.points,
      remaining: Math.max(0, res.remainingPoints),
      resetSec: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
      windowSec: rule.durationSec,
    });
    try {
      return state(await this.#limiter(name).consume(key, 1));
    } catch (err) {
      if (err instanceof RateLimiterRes) throw refusal(state(err), err.msBeforeNext);
      throw err;
    }
  }

  /** Throws RATE_LIMITED when `key` has no attempt left, without spending one. */
  async check(name: Name, key: string): Promise<void> {
    const res = await this.#limiter(name).get(key);
    if (res && res.remainingPoints <= 0) throw rateLimited(res.msBeforeNext);
  }

  /** Forgets `key`'s attempts (for example after a successful sign-in). */
  async reset(name: Name, key: string): Promise<void> {
    await this.#limiter(name).delete(key);
  }
}

export function rateLimited(msBeforeNext: number): ApiError {
  const retryAfterSec = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new ApiError('RATE_LIMITED', apiMessage('errors.api.tooManyAttempts', { retryAfterSec }), {
    retryAfterSec,
  });
}

/**
 * Seconds until a rate-limited caller may try again, when the error is a
 * rate limit. Takes the error's shape, not the class: the Remix bundle holds
 * its own copy of the server modules.
 */
export function retryAfterSeconds(err: {
  code: string;
  details?: Record<string, unknown> | undefined;
}): number | null {
  const seconds = err.code === 'RATE_LIMITED' ? err.details?.retryAfterSec : undefined;
  return typeof seconds === 'number' ? seconds : null;
}

/** The Retry-After header value for an error, when it is a rate limit. */
export function retryAfterHeader(err: ApiError): string | null {
  const seconds = retryAfterSeconds(err);
  return seconds === null ? null : String(seconds);
}
