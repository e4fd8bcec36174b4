import { HocuspocusProvider } from '@hocuspocus/provider';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Role } from '../../shared/api/roles.ts';
import { presenceUser } from '../../shared/presence.ts';
import { projectMap } from '../../shared/project-doc.ts';
import { isReadOnly, type EndReason } from './collab-token.ts';
import { DeviceCopy, deviceCopyName } from './device-copy.ts';
import { ProviderConnection, type ConnectionEvents } from './provider-connection.ts';
import { syncStatus, type ConnectionFacts, type SyncStatus } from './sync-status.ts';
import { createUndoManager } from './undo.ts';

export interface CollabSnapshot {
  role: Role;
  /** The server's word on this connection ('readonly' for viewers); the role until it speaks. */
  readOnly: boolean;
  status: SyncStatus;
  everSynced: boolean;
  /** The copy kept on this device has been loaded (the editor can show it before the server answers). */
  localLoaded: boolean;
  /** Presence of this connection; replaced when the session reconnects with a new provider. */
  awareness: Awareness | null;
  ended: EndReason | null;
}

/**
 * One browser's live connection to a project document: a Hocuspocus provider
 * with a fresh collab token on every (re)connect and before each expiry
 * (collab-token.ts), presence in awareness, edits not yet acknowledged kept on
 * the device (device-copy.ts), the user's undo (undo.ts), and a snapshot of it
 * all for the UI (`subscribe` / `getSnapshot`, status from sync-status.ts).
 */
export class CollabSession {
  readonly doc = new Y.Doc();
  readonly undo: Y.UndoManager;
  readonly #localName: string;
  readonly #deviceCopy = new DeviceCopy();
  readonly #connection: ProviderConnection;
  #localLoaded = false;
  #listeners = new Set<() => void>();
  #statelessListeners = new Set<(payload: string) => void>();
  #resyncListeners = new Set<() => void>();
  #destroyed = false;
  #role: Role;
  #scope: 'readonly' | 'read-write' | null = null;
  #facts: ConnectionFacts;
  #ended: EndReason | null = null;
  #snapshot: CollabSnapshot;

  constructor(options: { projectId: string; user: { id: string; name: string }; role: Role }) {
    this.#role = options.role;
    this.#localName = deviceCopyName(options.user.id, options.projectId);
    this.#facts = {
      online: typeof navigator === 'undefined' ? true : navigator.onLine,
      connected: false,
      synced: false,
      everSynced: false,
      pendingLocal: false,
    };
    this.undo = createUndoManager(this.doc);
    this.#connection = new ProviderConnection({
      doc: this.doc,
      projectId: options.projectId,
      user: presenceUser(options.user),
      events: this.#connectionEvents(),
      isConnected: () => this.#facts.connected,
    });
    this.#snapshot = this.#buildSnapshot();
  }

  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  getSnapshot = () => this.#snapshot;

  /**
   * Stateless messages the server sends on this document (render updates,
   * for instance), whichever connection they arrive on.
   */
  onStateless(listener: (payload: string) => void): () => void {
    this.#statelessListeners.add(listener);
    return () => {
      this.#statelessListeners.delete(listener);
    };
  }

  /**
   * Called each time a connection (the first one and every reconnection) has
   * synced: what was missed while disconnected can be loaded again then.
   */
  onResync(listener: () => void): () => void {
    this.#resyncListeners.add(listener);
    return () => {
      this.#resyncListeners.delete(listener);
    };
  }

  /**
   * Resolves true once the server has acknowledged every edit made so far
   * ("Saved"), false after `ms` or when `signal` aborts: a commit must
   * contain what the user sees. With a signal (the person can cancel), time
   * spent offline does not count: the wait lasts until the connection is back.
   */
  whenSaved(ms: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      let unsubscribe = () => {};
      let settled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => finish(false);
      const finish = (saved: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        unsubscribe();
        signal?.removeEventListener('abort', onAbort);
        resolve(saved);
      };
      const check = () => {
        const { status } = this.#snapshot;
        if (status === 'saved') return finish(true);
        if (status === 'offline' && signal) {
          clearTimeout(timer);
          timer = undefined;
        } else timer ??= setTimeout(() => finish(false), ms);
      };
      if (signal?.aborted) return finish(false);
      signal?.addEventListener('abort', onAbort);
      unsubscribe = this.subscribe(check);
      check();
    });
  }

  get awareness() {
    return this.#connection.awareness;
  }

  start() {
    this.doc.on('update', this.#onDocUpdate);
    window.addEventListener('online', this.#onNetworkChange);
    window.addEventListener('offline', this.#onNetworkChange);
    window.addEventListener('beforeunload', this.#onBeforeUnload);
    void this.#openLocal();
    void this.#connection.open();
  }

  /** The device copy (device-copy.ts) first, so a reload shows the project before the server answers. */
  async #openLocal() {
    const { pending } = await this.#deviceCopy.open(this.#localName, this.doc);
    if (this.#destroyed) return;
    if (pending) this.#facts.pendingLocal = true;
    this.#localLoaded = projectMap(this.doc).has('schemaVersion');
    this.#emit();
  }

  #setPending(pending: boolean) {
    if (this.#facts.pendingLocal === pending) return;
    this.#facts.pendingLocal = pending;
    this.#deviceCopy.markPending(pending);
  }

  destroy() {
    this.#destroyed = true;
    this.#connection.stop();
    this.doc.off('update', this.#onDocUpdate);
    window.removeEventListener('online', this.#onNetworkChange);
    window.removeEventListener('offline', this.#onNetworkChange);
    window.removeEventListener('beforeunload', this.#onBeforeUnload);
    this.#deviceCopy.destroy();
    this.undo.destroy();
    this.#listeners.clear();
    this.#statelessListeners.clear();
    this.#resyncListeners.clear();
  }

  /** How the provider's events change what the session knows. */
  #connectionEvents(): ConnectionEvents {
    const facts = this.#facts;
    return {
      status: (connected) => {
        facts.connected = connected;
        if (!connected) facts.synced = false;
        this.#emit();
      },
      synced: (state) => {
        const resynced = state && !facts.synced;
        facts.synced = state;
        if (state) facts.everSynced = true;
        this.#checkAcknowledged();
        if (resynced) for (const listener of this.#resyncListeners) listener();
      },
      stateless: (payload) => {
        for (const listener of this.#statelessListeners) listener(payload);
      },
      unsyncedChanges: () => this.#checkAcknowledged(),
      authenticated: (scope) => {
        this.#scope = scope;
        this.#emit();
      },
      role: (role) => {
        if (role === this.#role) return;
        this.#role = role;
        this.#emit();
      },
      closed: () => {
        facts.synced = false;
        this.#emit();
      },
      reconnecting: () => {
        this.#scope = null;
        facts.connected = false;
        facts.synced = false;
        this.#emit();
      },
      attached: () => this.#emit(),
      ended: (reason) => this.#end(reason),
    };
  }

  /** Only this user's own edits are pending; the UI re-reads the document through its own observers. */
  #onDocUpdate = (_update: Uint8Array, origin: unknown) => {
    if (this.#deviceCopy.isOrigin(origin) || origin instanceof HocuspocusProvider) return;
    if (this.#facts.pendingLocal) return;
    this.#setPending(true);
    this.#emit();
  };

  /** Once the server has acknowledged everything, the device copy is no longer needed. */
  #checkAcknowledged() {
    if (this.#connection.acknowledged && this.#facts.connected) this.#setPending(false);
    this.#emit();
  }

  #onNetworkChange = () => {
    this.#facts.online = navigator.onLine;
    this.#emit();
    if (!this.#facts.online || this.#destroyed || this.#ended) return;
    this.#connection.retryNow();
  };

  /** The browser asks before closing a tab whose edits the server has not acknowledged. */
  #onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!this.#facts.pendingLocal || this.#ended) return;
    event.preventDefault();
    event.returnValue = '';
  };

  #end(reason: EndReason) {
    if (this.#ended || this.#destroyed) return;
    this.#ended = reason;
    this.#connection.stop();
    // Nothing more can be sent: drop the device copy only when access is gone for good
    // (a signed-out user's edits wait on the device for the next sign-in).
    if (reason !== 'signed-out') this.#deviceCopy.clear();
    this.#emit();
  }

  #buildSnapshot(): CollabSnapshot {
    return {
      role: this.#role,
      readOnly: isReadOnly(this.#scope, this.#role),
      status: syncStatus(this.#facts),
      everSynced: this.#facts.everSynced,
      localLoaded: this.#localLoaded,
      awareness: this.#connection.awareness,
      ended: this.#ended,
    };
  }

  #emit() {
    if (this.#destroyed) return;
    this.#snapshot = this.#buildSnapshot();
    for (const listener of this.#listeners) listener();
  }
}
