import express, { type NextFunction, type Request, type Response } from 'express';
import { ApiError } from './errors.ts';
import { closeIfBodyUnread } from './receive-upload.ts';

/**
 * Request bodies are judged once the session is known (loadSession runs
 * first) and from their headers alone: a stranger cannot make the server read
 * and parse megabytes, nor hold a connection open feeding it a body (issue 9,
 * item 5). An anonymous caller may send only the few KiB that sign-in and
 * sign-up need.
 */
export const ANONYMOUS_BODY_BYTES = 16 * 1024;

/** The most body bytes this caller may send: `signedInLimit` with a session, a few KiB without. */
export function bodyLimitFor(req: Request, signedInLimit: number): number {
  return req.session ? signedInLimit : Math.min(signedInLimit, ANONYMOUS_BODY_BYTES);
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why this caller may not send this body, from its headers alone, or null.
 * Every body must declare its length: a parser that meets an over-limit
 * chunked stream drains it to the end before answering (body-parser does),
 * and Remix reads form bodies with no limit at all. Browsers always send
 * Content-Length with a form or a fetch.
 */
export function bodyRefusal(req: Request, signedInLimit: number): ApiError | null {
  if (BODYLESS.has(req.method)) return null;
  const declared = req.headers['content-length'];
  if (declared === undefined) {
    return req.headers['transfer-encoding'] === undefined
      ? null
      : new ApiError('LENGTH_REQUIRED', 'errors.api.lengthRequired');
  }
  const limit = bodyLimitFor(req, signedInLimit);
  return Number(declared) > limit
    ? new ApiError('PAYLOAD_TOO_LARGE', 'errors.api.bodyTooLarge', { limitBytes: limit })
    : null;
}

/**
 * Refuses a body this caller may not send before a byte of it is read, and
 * closes the connection after the answer so the unread body is never
 * drained. `tooLarge` lets a route word its own 413. A body an earlier
 * parser already read (body-parser's `_body` mark) passes.
 */
export function bodyWithin(
  signedInLimit: number,
  tooLarge: (req: Request, refusal: ApiError) => ApiError = (_req, refusal) => refusal,
) {
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req as { _body?: boolean })._body) return next();
    const refusal = bodyRefusal(req, signedInLimit);
    if (!refusal) return next();
    closeIfBodyUnread(req, res);
    next(refusal.code === 'PAYLOAD_TOO_LARGE' ? tooLarge(req, refusal) : refusal);
  };
}

/** A strict JSON body parser behind bodyWithin: the headers are judged before the body is read. */
export function jsonBody(
  signedInLimit: number,
  tooLarge?: (req: Request, refusal: ApiError) => ApiError,
) {
  return [
    bodyWithin(signedInLimit, tooLarge),
    express.json({ limit: signedInLimit, strict: true }),
  ];
}
