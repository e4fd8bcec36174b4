import { fieldErrorsOf, type FieldIssue } from '../../shared/api/field-errors.ts';

/**
 * The one error shape of the API (docs/design.md):
 * { "error": { "code", "message", "details", "requestId" } }
 * Domain modules throw ApiError; the error middleware renders it.
 */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'MALFORMED_JSON'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'FORBIDDEN'
  | 'CROSS_SITE_REQUEST'
  | 'NOT_FOUND'
  | 'LENGTH_REQUIRED'
  | 'CONFLICT'
  | 'GONE'
  | 'EMAIL_TAKEN'
  | 'PAYLOAD_TOO_LARGE'
  | 'VALIDATION_FAILED'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CROSS_SITE_REQUEST: 403,
  NOT_FOUND: 404,
  LENGTH_REQUIRED: 411,
  CONFLICT: 409,
  GONE: 410,
  EMAIL_TAKEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION_FAILED: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown>; requestId: string };
}

export function errorBody(err: ApiError, requestId: string): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.details ? { details: err.details } : {}),
      requestId,
    },
  };
}

/**
 * zod issues → the details of a 422: `fields` (the English sentence per
 * field, for API clients) and `fieldErrors` (its key and parameters, which
 * the UI words in the user's language; shared/api/field-errors.ts).
 */
export const fieldDetails = (issues: readonly FieldIssue[]) => fieldErrorsOf(issues);
