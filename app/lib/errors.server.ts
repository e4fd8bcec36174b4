import { data } from '@remix-run/node';
import type { AppLoadContext, HeadersFunction } from '@remix-run/node';
import { retryAfterSeconds } from '../../server/http/rate-limit.ts';
import type { MessageParams } from '../../shared/api/api-messages.ts';
import { readFieldErrors } from '../../shared/api/field-errors.ts';
import type { ActionFailure } from './form-errors.ts';

/**
 * ApiError is recognised by shape, not `instanceof`: the Remix server bundle
 * holds its own copy of server modules, so the class the services throw is
 * not the class this bundle would import.
 */
interface ApiErrorLike {
  name: 'ApiError';
  code: string;
  status: number;
  message: string;
  key?: string;
  params?: MessageParams;
  details?: Record<string, unknown>;
}

export function isApiError(err: unknown): err is ApiErrorLike {
  const e = err as Partial<ApiErrorLike> | null;
  return !!e && e.name === 'ApiError' && typeof e.code === 'string' && typeof e.status === 'number';
}

function fieldsOf(err: ApiErrorLike): Record<string, string> {
  const fields = err.details?.fields;
  if (!fields || typeof fields !== 'object') return {};
  return Object.fromEntries(
    Object.entries(fields).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/**
 * Turns a refused action into data the form can show, with the status the
 * API would use (and its Retry-After). Unexpected errors are logged and shown
 * as a generic failure: the user's input is returned either way.
 */
export function actionFailure(
  context: AppLoadContext,
  err: unknown,
  values: Record<string, string> = {},
) {
  let failure: ActionFailure;
  let status: number;
  const headers: Record<string, string> = {};
  if (isApiError(err)) {
    failure = {
      ok: false,
      code: err.code,
      message: err.message,
      ...(err.key ? { key: err.key, params: err.params ?? {} } : {}),
      fields: fieldsOf(err),
      fieldErrors: readFieldErrors(err.details),
      values,
    };
    status = err.status;
    const retryAfterSec = retryAfterSeconds(err);
    if (retryAfterSec) {
      failure.retryAfterSec = retryAfterSec;
      headers['Retry-After'] = String(retryAfterSec);
    }
  } else {
    context.services.logger.error({ err, requestId: context.requestId }, 'UI action failed');
    failure = { ok: false, code: 'INTERNAL', message: 'Something went wrong', fields: {}, values };
    status = 500;
  }
  return data(failure, { status, headers });
}

/**
 * A route's `headers` for forms that can be rate limited: Remix keeps only
 * the cookies of an action's headers unless the route passes them on, and a
 * 429 without Retry-After tells clients nothing.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return headers;
};

/** Rethrows an ApiError from a loader as an error response the route's boundary shows. */
export function throwAsResponse(err: unknown): never {
  if (isApiError(err)) {
    throw data(
      { code: err.code, message: err.message, key: err.key, params: err.params },
      { status: err.status },
    );
  }
  throw err;
}

/** The string values of a form, for the fields listed. */
export function formValues<const K extends string>(form: FormData, names: readonly K[]) {
  const values = {} as Record<K, string>;
  for (const name of names) {
    const value = form.get(name);
    values[name] = typeof value === 'string' ? value : '';
  }
  return values;
}
