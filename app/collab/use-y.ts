import { useCallback, useRef, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { listScenes, scenesMap } from '../../shared/project-doc.ts';

/**
 * React bindings for parts of the project Y.Doc. Each component subscribes to
 * the one Y type it shows, so typing in a scene's narration re-renders that
 * scene's card and nothing else (issue 3: 300 scenes stay responsive).
 */

/**
 * Re-renders when `type` changes (its direct children; `deep` for nested
 * types too) and returns `read()`'s value. `read` must return an equal value
 * (Object.is, or `same`) when nothing it reads changed.
 */
export function useYValue<T>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- every Y type (Map, Text…) is accepted
  type: Y.AbstractType<any> | null,
  read: () => T,
  options: {
    deep?: boolean;
    same?: (a: T, b: T) => boolean;
    /** With `deep`: only changes some of these events make can change the value. */
    relevant?: (events: Y.YEvent<Y.AbstractType<unknown>>[]) => boolean;
  } = {},
): T {
  const { deep = false, same = Object.is, relevant } = options;
  const relevantRef = useRef(relevant);
  relevantRef.current = relevant;
  const cache = useRef<{ value: T } | null>(null);
  const readRef = useRef(read);
  readRef.current = read;
  const subscribe = useCallback(
    (notify: () => void) => {
      if (!type) return () => {};
      const onChange = () => notify();
      const onDeepChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
        if (!relevantRef.current || relevantRef.current(events)) notify();
      };
      if (deep) type.observeDeep(onDeepChange);
      else type.observe(onChange);
      return () => {
        if (deep) type.unobserveDeep(onDeepChange);
        else type.unobserve(onChange);
      };
    },
    [type, deep],
  );
  const getSnapshot = () => {
    const next = readRef.current();
    if (cache.current && same(cache.current.value, next)) return cache.current.value;
    cache.current = { value: next };
    return next;
  };
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/** A field of a Y.Map (the project map, a scene, a cast member). */
export function useYMapField(map: Y.Map<unknown> | null | undefined, key: string): unknown {
  return useYValue(map ?? null, () => map?.get(key));
}

/** The text of a Y.Text, re-read on each change. */
export function useYText(text: Y.Text | null | undefined): string {
  return useYValue(text ?? null, () => text?.toString() ?? '');
}

export interface SceneSlot {
  id: string;
  act: number;
}

const sameSlots = (a: readonly SceneSlot[], b: readonly SceneSlot[]) =>
  a.length === b.length && a.every((slot, i) => slot.id === b[i]!.id && slot.act === b[i]!.act);

/**
 * The scenes in order with their act: changes only when a scene is added,
 * removed, moved or changes act, not when someone types in one.
 */
export function useSceneSlots(doc: Y.Doc): readonly SceneSlot[] {
  return useYValue(
    scenesMap(doc),
    () =>
      listScenes(doc).map((ref) => {
        const act = ref.map.get('act');
        return { id: ref.id, act: typeof act === 'number' ? act : 1 };
      }),
    {
      deep: true,
      same: sameSlots,
      // Typing in a narration or prompt (Y.Text events) never changes the order:
      // skip re-sorting 300 scenes on every keystroke.
      relevant: (events) =>
        events.some(
          (event) =>
            event.target === scenesMap(doc) ||
            (event instanceof Y.YMapEvent &&
              (event.keysChanged.has('order') || event.keysChanged.has('act'))),
        ),
    },
  );
}

/** The Y.Map of one scene (null once deleted). */
export function useSceneMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  return useYValue(scenesMap(doc), () => scenesMap(doc).get(id) ?? null);
}
