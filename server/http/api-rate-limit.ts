import { apiMessage } from '../../shared/api/api-messages.ts';
import type { NextFunction, Request, Response } from 'express';
import { clientAddress } from './client-address.ts';
import { ApiError } from './errors.ts';
import type { LimitState, RateLimits } from './rate-limit.ts';

/**
 * Whose requests count together (pure): an API token's, a browser
 * session's, else (anonymous) the client address's.
 */
export function rateLimitKey(caller: {
  tokenId: string | null;
  sessionId: string | null;
  address: string;
}): string {
  if (caller.tokenId) return `token:${caller.tokenId}`;
  if (caller.sessionId) return `session:${caller.sessionId}`;
  return `address:${caller.address}`;
}

/**
 * The X-RateLimit-* headers of an API answer (pure). `X-RateLimit-Reset` is
 * the number of SECONDS until the window starts again (a delta, as in the
 * IETF RateLimit draft and GitHub's `Retry-After`), never an epoch: no clock
 * skew between client and server matters.
 */
export function rateLimitHeaders(state: LimitState): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(state.limit),
    'X-RateLimit-Remaining': String(state.remaining),
    'X-RateLimit-Reset': String(state.resetSec),
  };
}

/**
 * Express middleware on /api/v1, after the session is known: every request
 * spends one from its caller's budget, shared by every web instance through
 * Redis (RateLimits); the answer carries the headers, and past the limit it
 * is 429 with Retry-After and the error shape. Per-action limits (sign-in,
 * invitations…) still apply on top, inside their domain functions.
 */
export function apiRateLimit(limits: RateLimits<'api'>, trustProxy: number) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const key = rateLimitKey({
      tokenId: req.apiToken?.tokenId ?? null,
      sessionId: req.apiToken ? null : (req.session?.sessionId ?? null),
      address: clientAddress(req, trustProxy),
    });
    try {
      const state = await limits.spend('api', key, (refused, retryAfterMs) => {
        res.set(rateLimitHeaders(refused));
        const retryAfterSec = Math.max(1, Math.ceil(retryAfterMs / 1000));
        return new ApiError(
          'RATE_LIMITED',
          apiMessage('errors.api.apiRateLimited', {
            limit: refused.limit,
            windowSec: refused.windowSec,
            retryAfterSec,
          }),
          { retryAfterSec, limit: refused.limit, windowSec: refused.windowSec },
        );
      });
      res.set(rateLimitHeaders(state));
      next();
    } catch (err) {
      next(err);
    }
  };
}
