import { readApiMessage, type MessageParams } from '../../shared/api/api-messages.ts';

/** An API error as the UI handles it: the server's `{ error }` body, or a network failure. */
export interface ApiFailure {
  /** The API's code (`VALIDATION_FAILED`, `CONFLICT`, …), or `NETWORK` when no answer came. */
  code: string;
  status: number;
  message: string;
  /** The message's key and parameters (shared/api/api-messages.ts), which the UI words. */
  key?: string;
  params?: MessageParams;
  details: Record<string, unknown>;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; error: ApiFailure };

/**
 * JSON over `/api/v1` from the browser with the session cookie. Never throws:
 * a refusal or a network failure comes back as `{ ok: false, error }`.
 */
export async function apiCall<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (err) {
    return {
      ok: false,
      error: { code: 'NETWORK', status: 0, message: (err as Error).message, details: {} },
    };
  }
  const payload = (await res.json().catch(() => null)) as
    | (T & { error?: undefined })
    | { error?: { code?: string; message?: string; details?: Record<string, unknown> } }
    | null;
  const keyed = readApiMessage(payload?.error);
  // 204 No Content (a DELETE) has no body: the answer is the status.
  if (res.ok && (payload || res.status === 204))
    return { ok: true, status: res.status, data: payload as T };
  const error = payload?.error;
  return {
    ok: false,
    error: {
      code: error?.code ?? `HTTP_${res.status}`,
      status: res.status,
      message: error?.message ?? res.statusText,
      ...(keyed ? { key: keyed.key, params: keyed.params } : {}),
      details: error?.details ?? {},
    },
  };
}
