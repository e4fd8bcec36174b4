import { timingSafeEqual } from 'node:crypto';
import { hashSecretToken } from '../accounts/secret-token.ts';
import { ApiError } from '../http/errors.ts';

/**
 * Pure rules of a preview link (no database): what its token looks like, how
 * a presented token is matched, and why a link that was found is refused.
 */

/** Tokens are 32 random bytes in base64url (server/accounts/secret-token.ts): 256 bits. */
export const looksLikeShareToken = (value: string) => /^[A-Za-z0-9_-]{43}$/.test(value);

/** The page a link opens, on Montage's own origin. */
export const sharedPagePath = (token: string) => `/s/${token}`;

/** Where a link's render files are served (through the link, never a member's session). */
export const sharedRenderBase = (token: string, renderId: string) =>
  `/api/v1/shared/${token}/renders/${renderId}`;

/** The stored hash of a presented token equals the row's, compared in constant time. */
export function sameTokenHash(storedHex: string, token: string): boolean {
  const stored = Buffer.from(storedHex, 'hex');
  const presented = Buffer.from(hashSecretToken(token), 'hex');
  return stored.length === presented.length && timingSafeEqual(stored, presented);
}

export type ShareLinkState = 'active' | 'expired' | 'revoked';

export function shareLinkState(
  row: { revoked_at: Date | string | null; expires_at: Date | string | null },
  now: Date,
): ShareLinkState {
  if (row.revoked_at) return 'revoked';
  if (row.expires_at && new Date(row.expires_at).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export const shareLinkNotFound = () => new ApiError('NOT_FOUND', 'errors.api.shareLinkNotFound');

/** Null while the link may be used; otherwise the 410 that says why not. */
export function shareLinkRefusal(state: ShareLinkState): ApiError | null {
  if (state === 'active') return null;
  return new ApiError('GONE', `errors.api.shareLink.${state}`, { reason: state });
}

/** The expiry of a link created `now` to last `seconds` (null: never). */
export const shareLinkExpiry = (now: Date, seconds: number | null | undefined): Date | null =>
  seconds ? new Date(now.getTime() + seconds * 1000) : null;

/**
 * A collab token for a link lasts `ttlSec`, and never past the link's own
 * expiry: the socket of an expiring link is closed by the token sweep.
 */
export function linkTokenExpiry(nowMs: number, ttlSec: number, expiresAt: Date | null): number {
  const byTtl = Math.floor(nowMs / 1000) + ttlSec;
  return expiresAt ? Math.min(byTtl, Math.floor(expiresAt.getTime() / 1000)) : byTtl;
}

/** Rewrites a render's member URLs (/api/v1/renders/:id/…) to go through the link. */
export function throughLink(url: string, renderId: string, token: string): string {
  const memberBase = `/api/v1/renders/${renderId}`;
  if (!url.startsWith(`${memberBase}/`)) throw new Error(`Unexpected render URL ${url}`);
  return sharedRenderBase(token, renderId) + url.slice(memberBase.length);
}
