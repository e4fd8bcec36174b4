import type { Awareness } from 'y-protocols/awareness';
import type { PresenceUser } from '../../shared/presence.ts';

/** Up to two initials of a name, for avatars. */
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('') || '?';

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

/**
 * Who the header shows: the people on the document, always including
 * yourself; while this browser is offline (or reconnecting) only yourself,
 * since whoever else was here can no longer be seen.
 */
export function peopleShown(
  people: readonly PresenceUser[],
  self: PresenceUser,
  connected: boolean,
): PresenceUser[] {
  if (!connected) return [self];
  return people.some((p) => p.id === self.id) ? [...people] : [self, ...people];
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
