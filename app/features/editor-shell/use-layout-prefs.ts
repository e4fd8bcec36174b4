import { useCallback, useEffect, useState } from 'react';
import {
  LAYOUT_STORAGE_KEY,
  panelForKey,
  parseLayout,
  serializeLayout,
  togglePanel,
  type FoldablePanel,
  type LayoutPrefs,
} from './layout-prefs.ts';

function readStored(): LayoutPrefs {
  try {
    return parseLayout(localStorage.getItem(LAYOUT_STORAGE_KEY));
  } catch {
    // Storage refused (privacy settings): the default layout, not remembered.
    return parseLayout(null);
  }
}

/**
 * This browser's editor layout, remembered in localStorage. The editor is
 * only drawn in the browser (once the document is here), so the stored
 * layout is read before its first paint: no flash of open panels. Another
 * tab changing it follows along.
 */
export function useLayoutPrefs() {
  const [prefs, setPrefs] = useState<LayoutPrefs>(readStored);

  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === LAYOUT_STORAGE_KEY) setPrefs(parseLayout(event.newValue));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const update = useCallback((change: (prefs: LayoutPrefs) => LayoutPrefs) => {
    setPrefs((current) => {
      const next = change(current);
      try {
        localStorage.setItem(LAYOUT_STORAGE_KEY, serializeLayout(next));
      } catch {
        // Not remembered, still applied.
      }
      return next;
    });
  }, []);

  const toggle = useCallback(
    (panel: FoldablePanel) => {
      update((current) => togglePanel(current, panel));
      keepFocusOnFold(panel);
    },
    [update],
  );
  return { prefs, update, toggle };
}

/**
 * Folding hides the button that was pressed (the rail's button replaces the
 * panel's): focus, left on nothing, moves to the button that now folds or
 * unfolds the same panel. Focus anywhere else (a key pressed on the board) stays.
 */
function keepFocusOnFold(panel: FoldablePanel) {
  requestAnimationFrame(() => {
    const active = document.activeElement;
    if (active && active !== document.body && active.checkVisibility()) return;
    const buttons = document.querySelectorAll<HTMLElement>(`[data-fold-panel="${panel}"]`);
    [...buttons].find((button) => button.checkVisibility())?.focus();
  });
}

const isTyping = (target: EventTarget | null) =>
  target instanceof Element &&
  !!target.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]');

/** `[`, `]` and `\` outside text fields and dialogs fold or unfold a panel. */
export function usePanelKeys(toggle: (panel: FoldablePanel) => void) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target)) return;
      const panel = panelForKey(event);
      if (!panel) return;
      event.preventDefault();
      toggle(panel);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [toggle]);
}
