import type { Awareness } from 'y-protocols/awareness';

/** What each client publishes about its user in awareness (`user` field). */
export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

const COLORS = [
  '#4f6bed',
  '#0f8b8d',
  '#c2410c',
  '#7c3aed',
  '#be185d',
  '#15803d',
  '#475569',
  '#0369a1',
];

/** A stable colour per user, the same on every screen. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return COLORS[hash % COLORS.length]!;
}

const isPresenceUser = (value: unknown): value is PresenceUser => {
  const v = value as Partial<PresenceUser> | null;
  return (
    !!v && typeof v.id === 'string' && typeof v.name === 'string' && typeof v.color === 'string'
  );
};

/** The people on the document (one entry per user, however many tabs), yourself first. */
export function peopleIn(awareness: Awareness | null, selfId: string): PresenceUser[] {
  if (!awareness) return [];
  const byId = new Map<string, PresenceUser>();
  for (const state of awareness.getStates().values()) {
    const user = (state as { user?: unknown }).user;
    if (isPresenceUser(user) && !byId.has(user.id)) byId.set(user.id, user);
  }
  return [...byId.values()].sort(
    (a, b) => Number(b.id === selfId) - Number(a.id === selfId) || a.name.localeCompare(b.name),
  );
}
