import type { NextFunction, Request, Response } from 'express';
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
export class RateLimits<Name extends string> {
  readonly #limiters: Map<Name, RateLimiterRedis>;

  constructor(redis: Redis, keyPrefix: string, rules: Record<Name, LimitRule>) {
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
  return new ApiError('RATE_LIMITED', `Too many attempts; try again in ${retryAfterSec} s`, {
    retryAfterSec,
  });
}

/** The Retry-After header value for an error, when it is a rate limit. */
export function retryAfterHeader(err: ApiError): string | null {
  const seconds = err.code === 'RATE_LIMITED' ? err.details?.retryAfterSec : undefined;
  return typeof seconds === 'number' ? String(seconds) : null;
}

/** @deprecated The path-based in-memory window, replaced by RateLimits (issue 9, item 2). */
export function rateLimit(options: {
  limit: number;
  windowMs: number;
  key: (req: Request) => string;
}) {
  const windows = new Map<string, { start: number; count: number }>();
  const cleanup = setInterval(() => {
    const now = Date.now();
    for (const [key, w] of windows) if (now - w.start > options.windowMs) windows.delete(key);
  }, options.windowMs);
  cleanup.unref();
  return (req: Request, res: Response, next: NextFunction) => {
    const key = options.key(req);
    const now = Date.now();
    let w = windows.get(key);
    if (!w || now - w.start > options.windowMs) {
      w = { start: now, count: 0 };
      windows.set(key, w);
    }
    w.count++;
    if (w.count > options.limit) {
      const retryAfter = Math.ceil((w.start + options.windowMs - now) / 1000);
      res.setHeader('Retry-After', String(retryAfter));
      next(
        new ApiError('RATE_LIMITED', `Too many attempts; try again in ${retryAfter} s`, {
          retryAfterSec: retryAfter,
        }),
      );
      return;
    }
    next();
  };
}
