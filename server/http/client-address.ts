import type { IncomingMessage } from 'node:http';

/**
 * The real client address. Without trusted proxies (`trustedProxies` 0) it
 * is the socket's peer: X-Forwarded-For is client-controlled and ignored.
 * Behind `n` trusted proxies each one appends the address it received the
 * request from, so the client is the n-th entry from the right: the one the
 * outermost trusted proxy added. Entries further left were written by the
 * client and are never used. This is how Express reads `trust proxy` set to
 * a hop count, so `req.ip` and this function agree.
 */
export function clientAddress(request: IncomingMessage, trustedProxies: number): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (trustedProxies <= 0) return peer;
  const header = request.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (!entries.length) return peer;
  // Fewer entries than proxies: the chain is shorter than configured; like
  // Express, take the furthest address there is.
  return entries[Math.max(0, entries.length - trustedProxies)]!;
}
