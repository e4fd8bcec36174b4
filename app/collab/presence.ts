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
  '#a16207',
  '#65a30d',
  '#b91c1c',
  '#1e293b',
];

/** Up to two initials of a name, for avatars. */
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('') || '?';

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

/** The awareness field holding the scene a person is working on (board card, timeline block or text). */
export const FOCUS_FIELD = 'focusScene';

/** Other people's focused scene: scene id → the people on it (each person once). */
export function focusByScene(
  awareness: Awareness | null,
  selfClientId: number,
): Map<string, PresenceUser[]> {
  const out = new Map<string, PresenceUser[]>();
  if (!awareness) return out;
  const seen = new Set<string>();
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === selfClientId) continue;
    const { user, [FOCUS_FIELD]: focus } = state as { user?: unknown; [FOCUS_FIELD]?: unknown };
    if (!isPresenceUser(user) || typeof focus !== 'string' || seen.has(user.id)) continue;
    seen.add(user.id);
    out.set(focus, [...(out.get(focus) ?? []), user]);
  }
  return out;
}
