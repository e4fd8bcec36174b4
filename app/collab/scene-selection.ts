import { useCallback, useSyncExternalStore } from 'react';

/**
 * The scenes this user has selected, shared by the scene board and the
 * timeline on this page (not with other people: they see each other's focus
 * through presence). Subscribers re-render only when their own answer changes.
 */
export class SceneSelection {
  #ids: ReadonlySet<string> = new Set();
  /** The last scene clicked without Shift: where a Shift range starts. */
  #anchor: string | null = null;
  #listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  get ids(): ReadonlySet<string> {
    return this.#ids;
  }

  has(id: string) {
    return this.#ids.has(id);
  }

  /** Plain click: this scene alone. */
  only(id: string) {
    this.#anchor = id;
    this.#set(new Set([id]));
  }

  /** Ctrl/Cmd+click: add or remove one scene. */
  toggle(id: string) {
    const next = new Set(this.#ids);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.#anchor = id;
    this.#set(next);
  }

  /** Shift+click: every scene from the anchor to `id`, in the given order. */
  extendTo(id: string, order: readonly string[]) {
    const from = this.#anchor ? order.indexOf(this.#anchor) : -1;
    const to = order.indexOf(id);
    if (from < 0 || to < 0) return this.only(id);
    const [start, end] = from <= to ? [from, to] : [to, from];
    this.#set(new Set(order.slice(start, end + 1)));
  }

  /** Applies a click with its modifiers (the same rule on the board and the timeline). */
  click(
    id: string,
    event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean },
    order: readonly string[],
  ) {
    if (event.shiftKey) this.extendTo(id, order);
    else if (event.ctrlKey || event.metaKey) this.toggle(id);
    else this.only(id);
  }

  clear() {
    this.#anchor = null;
    this.#set(new Set());
  }

  /** Drops scenes that no longer exist (deleted here or by someone else). */
  retain(existing: ReadonlySet<string>) {
    if ([...this.#ids].every((id) => existing.has(id))) return;
    this.#set(new Set([...this.#ids].filter((id) => existing.has(id))));
  }

  #set(next: ReadonlySet<string>) {
    this.#ids = next;
    for (const listener of this.#listeners) listener();
  }
}

/** Whether one scene is selected: re-renders only when that answer changes. */
export function useIsSelected(selection: SceneSelection, id: string): boolean {
  const get = useCallback(() => selection.has(id), [selection, id]);
  return useSyncExternalStore(selection.subscribe, get, get);
}

/** The whole selection (for toolbars that act on it). */
export function useSelectedIds(selection: SceneSelection): ReadonlySet<string> {
  const get = useCallback(() => selection.ids, [selection]);
  return useSyncExternalStore(selection.subscribe, get, get);
}
