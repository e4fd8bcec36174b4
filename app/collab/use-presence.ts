import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { PresenceUser } from '../../shared/presence.ts';
import { FOCUS_FIELD, focusByScene, peopleIn } from './presence.ts';

/**
 * Presence hooks. Awareness changes often (every remote cursor move), so
 * each hook re-renders its component only when its own answer changes.
 */

const samePeople = (a: readonly PresenceUser[], b: readonly PresenceUser[]) =>
  a.length === b.length && a.every((p, i) => p.id === b[i]!.id && p.name === b[i]!.name);

function useAwarenessValue<T>(
  awareness: Awareness | null,
  read: (awareness: Awareness | null) => T,
  same: (a: T, b: T) => boolean,
): T {
  const cache = useRef<{ value: T } | null>(null);
  const subscribe = useCallback(
    (notify: () => void) => {
      awareness?.on('change', notify);
      return () => awareness?.off('change', notify);
    },
    [awareness],
  );
  const getSnapshot = () => {
    const next = read(awareness);
    if (cache.current && same(cache.current.value, next)) return cache.current.value;
    cache.current = { value: next };
    return next;
  };
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/** Everyone on the document, yourself first. */
export function usePeople(awareness: Awareness | null, selfId: string): PresenceUser[] {
  return useAwarenessValue(awareness, (a) => peopleIn(a, selfId), samePeople);
}

/** The other people whose focus is on this scene. */
export function useSceneFocusers(awareness: Awareness | null, sceneId: string): PresenceUser[] {
  return useAwarenessValue(
    awareness,
    (a) => (a ? (focusByScene(a, a.clientID).get(sceneId) ?? []) : []),
    samePeople,
  );
}

/** Publishes (or clears, with null) the scene this user is working on. */
export function setFocusedScene(awareness: Awareness | null, sceneId: string | null) {
  if (!awareness) return;
  if ((awareness.getLocalState()?.[FOCUS_FIELD] ?? null) === sceneId) return;
  awareness.setLocalStateField(FOCUS_FIELD, sceneId);
}
