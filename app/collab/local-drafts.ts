import * as Y from 'yjs';

/**
 * Keeps edits the server has not acknowledged in localStorage, so they
 * survive a closed tab or a crash while offline; they are merged back (a
 * CRDT merge, never an overwrite) the next time the project opens.
 */
export const DRAFTS_ORIGIN = Symbol('local-drafts');

const toBase64 = (bytes: Uint8Array) => {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
};

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export function localDrafts(doc: Y.Doc, key: string) {
  let timer: ReturnType<typeof setTimeout> | null = null;

  const storage = (): Storage | null => {
    try {
      return window.localStorage;
    } catch {
      return null; // disabled storage: drafts then live only in memory
    }
  };

  return {
    /** Applies drafts left by an earlier visit; true when there were some. */
    restore(): boolean {
      const saved = storage()?.getItem(key);
      if (!saved) return false;
      try {
        Y.applyUpdate(doc, fromBase64(saved), DRAFTS_ORIGIN);
        return true;
      } catch {
        storage()?.removeItem(key);
        return false;
      }
    },
    /** Saves the document soon (coalescing bursts of keystrokes). */
    schedule() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        this.saveNow();
      }, 250);
    },
    saveNow() {
      if (timer) clearTimeout(timer);
      timer = null;
      try {
        storage()?.setItem(key, toBase64(Y.encodeStateAsUpdate(doc)));
      } catch {
        // quota exceeded: the edits are still in memory and will sync when possible
      }
    },
    clear() {
      if (timer) clearTimeout(timer);
      timer = null;
      storage()?.removeItem(key);
    },
  };
}

export type LocalDrafts = ReturnType<typeof localDrafts>;
