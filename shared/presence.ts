/**
 * Who a presence (awareness) entry belongs to. The collaboration server
 * writes the `user` field of every entry from the connection's token
 * (server/collab/presence-extension.ts), so what clients show is never what
 * another client claimed.
 */
export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

/** The awareness field that holds the PresenceUser. */
export const USER_FIELD = 'user';

const COLORS = [
  '#4f6bed',
  '#0f8b8d',
  '#c2410c',
  '#7c3aed',
  '#be185d',
  '#15803d',
  '#475569',
  '#0369a1',
  '#a16207',
  '#65a30d',
  '#b91c1c',
  '#1e293b',
];

/** A stable colour per user, the same on every screen. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return COLORS[hash % COLORS.length]!;
}

/** The presence of a user as every screen shows it. */
export const presenceUser = (user: { id: string; name: string }): PresenceUser => ({
  id: user.id,
  name: user.name,
  color: colorFor(user.id),
});
