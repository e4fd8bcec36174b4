import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError, errorBody } from '../http/errors.ts';
import { retryAfterHeader } from '../http/rate-limit.ts';

/**
 * Whether a WebSocket upgrade comes from another site's page. Browsers send
 * `Origin` on every WebSocket handshake and let no page forge it, so a
 * page elsewhere cannot ride a user's session into /collab. Without `Origin`
 * (a non-browser client) nothing is judged: such a client holds no cookie of
 * a victim, and the collab token authenticates it anyway.
 *
 * Our own origin is PUBLIC_URL's when configured; otherwise the page and the
 * socket share one host, so the Origin's host must be the `Host` header (the
 * scheme is not compared: TLS may end at a proxy).
 */
export function isCrossSiteUpgrade(
  headers: IncomingHttpHeaders,
  publicUrl: string | undefined,
): boolean {
  if (headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = headers.origin;
  if (origin === undefined) return false;
  const from = parseUrl(origin);
  if (!from) return true; // "null" (sandboxed frames, file:) or garbage
  if (publicUrl) return from.origin !== new URL(publicUrl).origin;
  const host = headers.host && parseUrl(`${from.protocol}//${headers.host}`);
  return !host || host.host !== from.host;
}

const parseUrl = (value: string): URL | null => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
};

/** Why an upgrade is refused when it comes from another site's page. */
export const crossSiteUpgrade = (origin: string | undefined) =>
  new ApiError('FORBIDDEN', 'Cross-site WebSocket upgrade refused: Origin is not this site', {
    origin: origin ?? null,
  });

/**
 * Answers a refused upgrade on the raw socket, before any WebSocket
 * handshake, with the API's error shape (and Retry-After for a rate limit).
 */
export function refuseUpgrade(socket: Duplex, err: ApiError) {
  const body = JSON.stringify(errorBody(err, randomUUID()));
  const retryAfter = retryAfterHeader(err);
  const head = [
    `HTTP/1.1 ${err.status} ${STATUS_CODES[err.status] ?? ''}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...(retryAfter ? [`Retry-After: ${retryAfter}`] : []),
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
