import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError, errorBody } from '../http/errors.ts';
import { retryAfterHeader } from '../http/rate-limit.ts';
import { foreignSource } from '../http/same-origin.ts';

/**
 * Why a WebSocket upgrade from another site's page is refused, or null: the
 * same rule as every state change (`foreignSource`). Browsers send `Origin`
 * on every WebSocket handshake and let no page forge it, so a page elsewhere
 * cannot ride a user's session into /collab. Without `Origin` (a non-browser
 * client) nothing more is judged: such a client holds no cookie of a victim,
 * and the collab token authenticates it anyway.
 *
 * Our own origin is PUBLIC_URL's when configured; otherwise the page and the
 * socket share one host, so the Origin's host must be the `Host` header (the
 * scheme is not compared: TLS may end at a proxy).
 */
export function crossSiteUpgrade(
  headers: IncomingHttpHeaders,
  publicUrl: string | undefined,
): ApiError | null {
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : undefined;
  const reason = foreignSource(
    { fetchSite: headers['sec-fetch-site'], origin: headers.origin },
    publicOrigin ?? headers.host ?? 'this site',
    (origin, url) => (publicOrigin ? origin === publicOrigin : sameHost(url, headers.host)),
  );
  return reason
    ? new ApiError('CROSS_SITE_REQUEST', reason, { origin: headers.origin ?? null })
    : null;
}

/** Whether `url` names the host the request was addressed to (case and default ports aside). */
function sameHost(url: URL, host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(`${url.protocol}//${host}`).host === url.host;
  } catch {
    return false;
  }
}

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
