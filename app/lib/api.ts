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
  return apiResultOf<T>(res.status, res.statusText, await res.json().catch(() => null));
}

/** An answer of the API (its status and parsed JSON body, null when unreadable) as a result. */
export function apiResultOf<T>(status: number, statusText: string, body: unknown): ApiResult<T> {
  const payload = body as
    | (T & { error?: undefined })
    | { error?: { code?: string; message?: string; details?: Record<string, unknown> } }
    | null;
  const keyed = readApiMessage(payload?.error);
  const ok = status >= 200 && status < 300;
  // 204 No Content: done, nothing to read.
  if (ok && (payload || status === 204)) return { ok: true, status, data: payload as T };
  const error = payload?.error;
  return {
    ok: false,
    error: {
      code: error?.code ?? `HTTP_${status}`,
      status,
      message: error?.message ?? statusText,
      ...(keyed ? { key: keyed.key, params: keyed.params } : {}),
      details: error?.details ?? {},
    },
  };
}
