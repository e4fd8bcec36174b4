import type { InvitationStatus } from '../db/schema.ts';
import { ApiError } from '../http/errors.ts';

/**
 * Pure rules of an invitation's life (no database): where its link points,
 * when it expires, and why one that is no longer pending is refused.
 */

/** A stored invitation is pending until it expires; the other states are final. */
export type InvitationState = InvitationStatus | 'expired';

export function invitationState(
  row: { status: InvitationStatus; expires_at: Date | string },
  now: Date,
): InvitationState {
  if (row.status !== 'pending') return row.status;
  return new Date(row.expires_at).getTime() <= now.getTime() ? 'expired' : 'pending';
}

export function expiryFrom(now: Date, ttlDays: number): Date {
  return new Date(now.getTime() + ttlDays * 86_400_000);
}

/** The page that accepts an invitation: the owner sends this path (with the site's origin). */
export const invitationLink = (token: string) => `/invitations/${token}`;

/**
 * Tokens are 32 random bytes in base64url (server/accounts/secret-token.ts):
 * anything else is refused before any database lookup.
 */
export const looksLikeInvitationToken = (value: string) => /^[A-Za-z0-9_-]{43}$/.test(value);

export const invitationNotFound = () => new ApiError('NOT_FOUND', 'errors.api.invitationNotFound');

/** Null while the invitation may be used; otherwise the 410 that says why not. */
export function refusalFor(state: InvitationState): ApiError | null {
  if (state === 'pending') return null;
  return new ApiError('GONE', `errors.api.invitation.${state}`, { reason: state });
}
