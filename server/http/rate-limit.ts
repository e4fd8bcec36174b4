import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './errors.ts';

/**
 * A fixed-window limiter per client address for sensitive endpoints (sign-in,
 * sign-up). In memory: each web instance limits on its own, which is enough
 * to slow password guessing without a shared store.
 */
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
