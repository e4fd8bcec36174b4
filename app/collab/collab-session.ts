import {
  HocuspocusProvider,
  HocuspocusProviderWebsocket,
  WebSocketStatus,
} from '@hocuspocus/provider';
import { Awareness } from 'y-protocols/awareness';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import type { Role } from '../../shared/api/roles.ts';
import { presenceUser, USER_FIELD, type PresenceUser } from '../../shared/presence.ts';
import { FOCUS_FIELD } from './presence.ts';
import { projectMap } from '../../shared/project-doc.ts';
import { syncStatus, type ConnectionFacts, type SyncStatus } from './sync-status.ts';

/**
 * Transaction origin of a script import (applyAnalysis): tracked by the
 * session's undo manager, so one undo reverts the whole import.
 */
export const IMPORT_ORIGIN = Symbol('import');

/** Key in the device copy's metadata: edits the server has not acknowledged yet. */
const PENDING_KEY = 'pending';

/** Why the live document closed for good (the page then says so and stops). */
export type EndReason = 'deleted' | 'no-access' | 'signed-out';

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

/** POST /api/v1/projects/:id/collab-token */
interface CollabToken {
  token: string;
  url: string;
  document: string;
  role: Role;
  expiresAt: string;
}

class AccessEnded extends Error {
  readonly reason: EndReason;
  constructor(reason: EndReason) {
    super(`collab access ended: ${reason}`);
    this.reason = reason;
  }
}

async function fetchCollabToken(projectId: string): Promise<CollabToken> {
  const res = await fetch(`/api/v1/projects/${encodeURIComponent(projectId)}/collab-token`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  });
  if (res.status === 401) throw new AccessEnded('signed-out');
  if (res.status === 403 || res.status === 404) throw new AccessEnded('no-access');
  if (!res.ok) throw new Error(`collab token request failed (${res.status})`);
  return (await res.json()) as CollabToken;
}

/** Reasons the server gives when it closes a document connection (server/collab CLOSE). */
const ENDING_CLOSES: Record<string, EndReason> = {
  'project-deleted': 'deleted',
  'session-revoked': 'signed-out',
};
const ENDING_AUTH_FAILURES: Record<string, EndReason> = {
  'not-a-member': 'no-access',
  'session-revoked': 'signed-out',
};

/**
 * One browser's live connection to a project document: a Hocuspocus provider
 * with a fresh collab token on every (re)connect and before each expiry,
 * presence in awareness, edits not yet acknowledged kept on the device, and
 * a snapshot of it all for the UI (`subscribe` / `getSnapshot`).
 */
export class CollabSession {
  readonly doc = new Y.Doc();
  readonly undo: Y.UndoManager;
  readonly #projectId: string;
  readonly #user: PresenceUser;
  readonly #localName: string;
  #local: IndexeddbPersistence | null = null;
  #localLoaded = false;
  /** The scene this user works on (awareness FOCUS_FIELD), carried across reconnects. */
  #focusScene: string | null = null;
  #provider: HocuspocusProvider | null = null;
  #socket: HocuspocusProviderWebsocket | null = null;
  #url = '';
  #prefetched: CollabToken | null = null;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #retryDelay = 1000;
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
    this.#projectId = options.projectId;
    this.#user = presenceUser(options.user);
    this.#role = options.role;
    this.#localName = `montage:${options.user.id}:${options.projectId}`;
    this.#facts = {
      online: typeof navigator === 'undefined' ? true : navigator.onLine,
      connected: false,
      synced: false,
      everSynced: false,
      pendingLocal: false,
    };
    // Only this user's own edits are undoable (remote and restored ones are not).
    // Script and cast are in scope so that an import (IMPORT_ORIGIN) undoes as one step.
    this.undo = new Y.UndoManager(
      [
        this.doc.getMap('project'),
        this.doc.getMap('scenes'),
        this.doc.getText('script'),
        this.doc.getMap('cast'),
      ],
      { trackedOrigins: new Set([null, IMPORT_ORIGIN]) },
    );
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
   * ("Saved"), false after `ms`: a commit must contain what the user sees.
   */
  whenSaved(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      let unsubscribe = () => {};
      let settled = false;
      const finish = (saved: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        unsubscribe();
        resolve(saved);
      };
      const timer = setTimeout(() => finish(false), ms);
      const check = () => {
        if (this.#snapshot.status === 'saved') finish(true);
      };
      unsubscribe = this.subscribe(check);
      check();
    });
  }

  get awareness() {
    return this.#provider?.awareness ?? null;
  }

  start() {
    this.doc.on('update', this.#onDocUpdate);
    window.addEventListener('online', this.#onNetworkChange);
    window.addEventListener('offline', this.#onNetworkChange);
    window.addEventListener('beforeunload', this.#onBeforeUnload);
    void this.#openLocal();
    void this.#open();
  }

  /**
   * The device copy (IndexedDB, ADR 0012): every update is stored as it
   * happens, so a reload shows the project at once and edits made offline
   * survive a closed tab; they merge with the server's copy on reconnection.
   */
  async #openLocal() {
    if (typeof indexedDB === 'undefined') return this.#markLocalLoaded();
    try {
      const local = new IndexeddbPersistence(this.#localName, this.doc);
      this.#local = local;
      await local.whenSynced;
      const pending: unknown = await local.get(PENDING_KEY);
      if (this.#destroyed) return;
      if (pending === 1) this.#facts.pendingLocal = true;
    } catch {
      // Storage refused (private mode, quota): the session still works online.
    }
    this.#markLocalLoaded();
  }

  #markLocalLoaded() {
    this.#localLoaded = projectMap(this.doc).has('schemaVersion');
    this.#emit();
  }

  #setPending(pending: boolean) {
    if (this.#facts.pendingLocal === pending) return;
    this.#facts.pendingLocal = pending;
    void this.#local?.set(PENDING_KEY, pending ? 1 : 0).catch(() => {});
  }

  destroy() {
    this.#destroyed = true;
    this.#teardownProvider();
    this.#clearTimers();
    this.doc.off('update', this.#onDocUpdate);
    window.removeEventListener('online', this.#onNetworkChange);
    window.removeEventListener('offline', this.#onNetworkChange);
    window.removeEventListener('beforeunload', this.#onBeforeUnload);
    void this.#local?.destroy();
    this.undo.destroy();
    this.#listeners.clear();
    this.#statelessListeners.clear();
    this.#resyncListeners.clear();
  }

  /** First token (it also tells the socket URL and the role), then the provider. */
  async #open() {
    try {
      const first = await fetchCollabToken(this.#projectId);
      if (this.#destroyed) return;
      this.#prefetched = first;
      this.#url = first.url;
      this.#retryDelay = 1000;
      this.#connect();
    } catch (err) {
      if (this.#destroyed) return;
      if (err instanceof AccessEnded) return this.#end(err.reason);
      // Offline or the server is restarting: try again, a little later each time.
      this.#retryTimer = setTimeout(() => void this.#open(), this.#retryDelay);
      this.#retryDelay = Math.min(this.#retryDelay * 2, 15_000);
    }
  }

  #connect() {
    const socket = new HocuspocusProviderWebsocket({ url: this.#url, maxDelay: 15_000 });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: this.#projectId,
      document: this.doc,
      awareness: new Awareness(this.doc),
      token: () => this.#nextToken(),
      onStatus: ({ status }) => {
        if (provider !== this.#provider) return;
        this.#facts.connected = status === WebSocketStatus.Connected;
        if (!this.#facts.connected) this.#facts.synced = false;
        this.#emit();
      },
      onSynced: ({ state }) => {
        if (provider !== this.#provider) return;
        const resynced = state && !this.#facts.synced;
        this.#facts.synced = state;
        if (state) {
          this.#facts.everSynced = true;
          // Peers dropped our presence when the previous socket closed; a fresh
          // awareness clock makes them accept it again at once.
          provider.setAwarenessField(USER_FIELD, this.#user);
          if (this.#focusScene) provider.setAwarenessField(FOCUS_FIELD, this.#focusScene);
        }
        this.#checkAcknowledged();
        if (resynced) for (const listener of this.#resyncListeners) listener();
      },
      onStateless: ({ payload }) => {
        if (provider !== this.#provider) return;
        for (const listener of this.#statelessListeners) listener(payload);
      },
      onUnsyncedChanges: () => {
        if (provider === this.#provider) this.#checkAcknowledged();
      },
      onAuthenticated: ({ scope }) => {
        if (provider !== this.#provider) return;
        this.#scope = scope;
        this.#emit();
      },
      onAuthenticationFailed: ({ reason }) => {
        if (provider !== this.#provider) return;
        const ending = ENDING_AUTH_FAILURES[reason];
        if (ending) this.#end(ending);
      },
      onClose: ({ event }) => {
        if (provider !== this.#provider) return;
        this.#facts.synced = false;
        const ending = ENDING_CLOSES[event.reason];
        if (ending) return this.#end(ending);
        // The server detached this document but may keep the socket (token
        // expired, role changed): start a new connection with a fresh token.
        if (event.reason === 'token-expired' || event.reason === 'access-changed') {
          this.#reconnect();
        } else {
          this.#emit();
        }
      },
    });
    this.#provider = provider;
    this.#socket = socket;
    provider.setAwarenessField(USER_FIELD, this.#user);
    if (this.#focusScene) provider.setAwarenessField(FOCUS_FIELD, this.#focusScene);
    provider.attach();
    this.#emit();
  }

  #reconnect() {
    this.#teardownProvider();
    this.#scope = null;
    this.#facts.connected = false;
    this.#facts.synced = false;
    this.#emit();
    // Yield first: this runs inside the old provider's event handler.
    setTimeout(() => {
      if (!this.#destroyed && !this.#ended) this.#connect();
    }, 0);
  }

  /** The provider asks on every (re)connect and on `sendToken()`: always a fresh token. */
  async #nextToken(): Promise<string> {
    let token = this.#prefetched;
    this.#prefetched = null;
    try {
      token ??= await fetchCollabToken(this.#projectId);
    } catch (err) {
      if (err instanceof AccessEnded) setTimeout(() => this.#end(err.reason), 0);
      throw err;
    }
    if (token.role !== this.#role) {
      this.#role = token.role;
      this.#emit();
    }
    this.#scheduleRefresh(token.expiresAt);
    return token.token;
  }

  /** Sends a new token (the server's onTokenSync) well before the current one expires. */
  #scheduleRefresh(expiresAt: string) {
    if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
    const lifetime = new Date(expiresAt).getTime() - Date.now();
    this.#refreshTimer = setTimeout(
      () => {
        this.#refreshTimer = null;
        if (this.#facts.connected) void this.#provider?.sendToken();
      },
      Math.max(1000, lifetime * 0.75),
    );
  }

  /** Only this user's own edits are pending; the UI re-reads the document through its own observers. */
  #onDocUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === this.#local || origin instanceof HocuspocusProvider) return;
    if (this.#facts.pendingLocal) return;
    this.#setPending(true);
    this.#emit();
  };

  /** Once the server has acknowledged everything, the device copy is no longer needed. */
  #checkAcknowledged() {
    const provider = this.#provider;
    if (provider?.isSynced && !provider.hasUnsyncedChanges && this.#facts.connected) {
      this.#setPending(false);
    }
    this.#emit();
  }

  #onNetworkChange = () => {
    this.#facts.online = navigator.onLine;
    this.#emit();
    // Back online: connect now rather than when the backoff of the failed attempts ends.
    if (!this.#facts.online || this.#destroyed || this.#ended) return;
    if (this.#retryTimer) {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
      this.#retryDelay = 1000;
      void this.#open();
    } else if (this.#socket && !this.#facts.connected) {
      void this.#socket.connect();
    }
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
    this.#teardownProvider();
    this.#clearTimers();
    // Nothing more can be sent: drop the device copy only when access is gone for good
    // (a signed-out user's edits wait on the device for the next sign-in).
    if (reason !== 'signed-out') {
      void this.#local?.clearData().catch(() => {});
      this.#local = null;
    }
    this.#emit();
  }

  #teardownProvider() {
    const provider = this.#provider;
    const socket = this.#socket;
    this.#provider = null;
    this.#socket = null;
    // The focused scene carries over to the next connection's awareness.
    const focus: unknown = provider?.awareness?.getLocalState()?.[FOCUS_FIELD];
    this.#focusScene = typeof focus === 'string' ? focus : null;
    provider?.destroy();
    socket?.destroy();
  }

  #clearTimers() {
    if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#refreshTimer = null;
    this.#retryTimer = null;
  }

  #buildSnapshot(): CollabSnapshot {
    return {
      role: this.#role,
      readOnly: this.#scope ? this.#scope === 'readonly' : this.#role === 'viewer',
      status: syncStatus(this.#facts),
      everSynced: this.#facts.everSynced,
      localLoaded: this.#localLoaded,
      awareness: this.#provider?.awareness ?? null,
      ended: this.#ended,
    };
  }

  #emit() {
    if (this.#destroyed) return;
    this.#snapshot = this.#buildSnapshot();
    for (const listener of this.#listeners) listener();
  }
}
