import type { Role } from '../../shared/api/roles.ts';

/** Why the live document closed for good (the page then says so and stops). */
export type EndReason = 'deleted' | 'no-access' | 'signed-out';

/** POST /api/v1/projects/:id/collab-token */
export interface CollabToken {
  token: string;
  url: string;
  document: string;
  role: Role;
  expiresAt: string;
}

/** The token request was refused for good: the session ends instead of retrying. */
export class AccessEnded extends Error {
  readonly reason: EndReason;
  constructor(reason: EndReason) {
    super(`collab access ended: ${reason}`);
    this.reason = reason;
  }
}

export async function fetchCollabToken(projectId: string): Promise<CollabToken> {
  const res = await fetch(`/api/v1/projects/${encodeURIComponent(projectId)}/collab-token`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  if (res.status === 401) throw new AccessEnded('signed-out');
  if (res.status === 403 || res.status === 404) throw new AccessEnded('no-access');
  if (!res.ok) throw new Error(`collab token request failed (${res.status})`);
  return (await res.json()) as CollabToken;
}

/** Reasons the server gives when it closes a document connection (server/collab CLOSE). */
// Maps, not object literals: a reason such as 'constructor' must not find Object's prototype.
const ENDING_CLOSES = new Map<string, EndReason>([
  ['project-deleted', 'deleted'],
  ['session-revoked', 'signed-out'],
]);
const ENDING_AUTH_FAILURES = new Map<string, EndReason>([
  ['not-a-member', 'no-access'],
  ['session-revoked', 'signed-out'],
]);
/** Closes after which the server may keep the socket: a new connection with a fresh token follows. */
const RECONNECTING_CLOSES = new Set(['token-expired', 'access-changed']);

/** What a document connection's close means for the session. */
export function afterClose(reason: string): { end: EndReason } | 'reconnect' | 'wait' {
  const end = ENDING_CLOSES.get(reason);
  if (end) return { end };
  return RECONNECTING_CLOSES.has(reason) ? 'reconnect' : 'wait';
}

/** The end a failed authentication means, or null when the provider may try again. */
export function endAfterAuthFailure(reason: string): EndReason | null {
  return ENDING_AUTH_FAILURES.get(reason) ?? null;
}

/** A new token is sent three quarters through the current one's life (and never within a second). */
export function refreshDelay(expiresAt: string, now: number): number {
  const lifetime = new Date(expiresAt).getTime() - now;
  return Math.max(1000, lifetime * 0.75);
}

export const FIRST_RETRY_DELAY = 1000;

/** Offline or the server restarting: each failed first-token request waits twice as long, up to 15 s. */
export function nextRetryDelay(delay: number): number {
  return Math.min(delay * 2, 15_000);
}

/** Read-only for the server's word on this connection ('readonly' for viewers), the role until it speaks. */
export function isReadOnly(scope: 'readonly' | 'read-write' | null, role: Role): boolean {
  return scope ? scope === 'readonly' : role === 'viewer';
}
