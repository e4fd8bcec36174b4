import {
  API_MESSAGES,
  englishMessage,
  type ApiMessage,
  type ApiMessageKey,
  type MessageParams,
} from '../../shared/api/api-messages.ts';
import {
  fieldErrorsOf,
  refusedField,
  type FieldErrorKey,
  type FieldIssue,
} from '../../shared/api/field-errors.ts';

/**
 * The one error shape of the API (docs/design.md):
 * { "error": { "code", "key", "params", "message", "details", "requestId" } }
 * Domain modules throw ApiError with a message key (shared/api/api-messages.ts);
 * `message` is its English sentence, `key` and `params` what the UI translates.
 * The error middleware renders it.
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
  | 'QUOTA_EXCEEDED'
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
  QUOTA_EXCEEDED: 402,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly key: ApiMessageKey;
  readonly params: MessageParams;
  readonly details: Record<string, unknown> | undefined;
  constructor(
    code: ErrorCode,
    message: ApiMessageKey | ApiMessage,
    details?: Record<string, unknown>,
  ) {
    const keyed = typeof message === 'string' ? { key: message, params: {} } : message;
    super(englishMessage(keyed));
    this.name = 'ApiError';
    this.code = code;
    this.key = keyed.key;
    this.params = keyed.params;
    this.status = STATUS[code];
    this.details = details;
  }
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    key: ApiMessageKey;
    params?: MessageParams;
    message: string;
    details?: Record<string, unknown>;
    requestId: string;
  };
}

export function errorBody(err: ApiError, requestId: string): ErrorBody {
  return {
    error: {
      code: err.code,
      key: err.key,
      ...(Object.keys(err.params).length ? { params: err.params } : {}),
      message: err.message,
      ...(err.details ? { details: err.details } : {}),
      requestId,
    },
  };
}

/**
 * A request refused for one field by a check outside the schemas (a taken
 * e-mail): the top-level message and the field's own key, both translatable.
 */
export function fieldRefusal(
  code: ErrorCode,
  key: ApiMessageKey,
  field: string,
  fieldKey: FieldErrorKey,
): ApiError {
  return new ApiError(code, key, refusedField(field, fieldKey, API_MESSAGES[key]));
}

/**
 * zod issues → the details of a 422: `fields` (the English sentence per
 * field, for API clients) and `fieldErrors` (its key and parameters, which
 * the UI words in the user's language; shared/api/field-errors.ts).
 */
export const fieldDetails = (issues: readonly FieldIssue[]) => fieldErrorsOf(issues);
