import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

/** Key in the device copy's metadata: edits the server has not acknowledged yet. */
const PENDING_KEY = 'pending';

/** One copy per user and project, so two accounts on one browser never share edits. */
export function deviceCopyName(userId: string, projectId: string): string {
  return `montage:${userId}:${projectId}`;
}

/**
 * The device copy (IndexedDB, ADR 0012): every update is stored as it
 * happens, so a reload shows the project at once and edits made offline
 * survive a closed tab; they merge with the server's copy on reconnection.
 * Storage may be refused (private mode, quota): the session then works online only.
 */
export class DeviceCopy {
  #local: IndexeddbPersistence | null = null;

  /** Loads the copy into `doc`; resolves whether unacknowledged edits were left from before. */
  async open(name: string, doc: Y.Doc): Promise<{ pending: boolean }> {
    if (typeof indexedDB === 'undefined') return { pending: false };
    try {
      const local = new IndexeddbPersistence(name, doc);
      this.#local = local;
      await local.whenSynced;
      const pending: unknown = await local.get(PENDING_KEY);
      return { pending: pending === 1 };
    } catch {
      return { pending: false };
    }
  }

  /** Whether a document update came from loading this copy (and so is nobody's new edit). */
  isOrigin(origin: unknown): boolean {
    // Compared as before the split: with no copy (null), edits without an origin match too.
    return origin === this.#local;
  }

  /** Remembers across reloads whether edits await the server's acknowledgement. */
  markPending(pending: boolean) {
    void this.#local?.set(PENDING_KEY, pending ? 1 : 0).catch(() => {});
  }

  /** Drops the stored copy (access is gone for good). */
  clear() {
    void this.#local?.clearData().catch(() => {});
    this.#local = null;
  }

  destroy() {
    void this.#local?.destroy();
  }
}
