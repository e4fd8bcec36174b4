import type { NextFunction, Request, Response } from 'express';
import { apiMessage, type ApiMessage } from '../../shared/api/api-messages.ts';
import { findUnsafeCharacter, unsafeCharacterMessage } from '../../shared/text-safety.ts';
import { ApiError } from './errors.ts';

/**
 * Why a request URL cannot be served, or null when it can (pure). Every path
 * segment and query name and value is percent-decoded: an invalid encoding,
 * or a decoded control character, line break or bidi override (NUL above
 * all, which PostgreSQL cannot store) is refused before any route sees it.
 */
export function unsafeUrlIssue(url: string): ApiMessage | null {
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = queryAt < 0 ? '' : url.slice(queryAt + 1);
  const parts = [
    ...path.split('/').map((segment) => ({ where: 'path', raw: segment })),
    ...query.split(/[&=]/).map((piece) => ({ where: 'query', raw: piece.replace(/\+/g, ' ') })),
  ];
  for (const { where, raw } of parts) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return apiMessage('errors.api.urlEncoding', { where });
    }
    const found = findUnsafeCharacter(decoded, 'single-line');
    if (found) {
      return apiMessage('errors.api.urlUnsafe', {
        where,
        detail: unsafeCharacterMessage(found),
        codePoint: found.codePoint,
      });
    }
  }
  return null;
}

/** Express middleware: 400 with the error shape for a URL `unsafeUrlIssue` refuses. */
export function refuseUnsafeUrls() {
  return (req: Request, _res: Response, next: NextFunction) => {
    const issue = unsafeUrlIssue(req.originalUrl);
    next(issue ? new ApiError('BAD_REQUEST', issue) : undefined);
  };
}
