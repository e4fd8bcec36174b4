import type { IncomingMessage } from 'node:http';

/**
 * The real client address: the socket's peer, or the left-most
 * X-Forwarded-For entry when Montage runs behind a trusted proxy
 * (TRUST_PROXY). Never trust the header otherwise: it is client-controlled.
 */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return request.socket.remoteAddress ?? 'unknown';
}
