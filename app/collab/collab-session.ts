import {
  HocuspocusProvider,
  HocuspocusProviderWebsocket,
  WebSocketStatus,
} from '@hocuspocus/provider';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Role } from '../../server/db/schema.ts';
import { DRAFTS_ORIGIN, localDrafts, type LocalDrafts } from './local-drafts.ts';
import { colorFor, peopleIn, type PresenceUser } from './presence.ts';
import { syncStatus, type ConnectionFacts, type SyncStatus } from './sync-status.ts';

/**
 * Transaction origin of a script import (applyAnalysis): tracked by the
 * session's undo manager, so one undo reverts the whole import.
 */
export const IMPORT_ORIGIN = Symbol('import');

/** Why the live document closed for good (the page then says so and stops). */
export type EndReason = 'deleted' | 'no-access' | 'signed-out';

export interface CollabSnapshot {
  role: Role;
  /** The server's word on this connection ('readonly' for viewers); the role until it speaks. */
  readOnly: boolean;
  status: SyncStatus;
  everSynced: boolean;
  people: PresenceUser[];
  ended: EndReason | null;
  /** Bumped on every change of the document, local or remote: the UI re-reads it. */
  revision: number;
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
  readonly #drafts: LocalDrafts;
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
  #revision = 0;
  #snapshot: CollabSnapshot;

  constructor(options: { projectId: string; user: { id: string; name: string }; role: Role }) {
    this.#projectId = options.projectId;
    this.#user = { ...options.user, color: colorFor(options.user.id) };
    this.#role = options.role;
    this.#drafts = localDrafts(this.doc, `montage:drafts:${options.user.id}:${options.projectId}`);
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

  get awareness() {
    return this.#provider?.awareness ?? null;
  }

  start() {
    if (this.#drafts.restore()) this.#facts.pendingLocal = true;
    this.doc.on('update', this.#onDocUpdate);
    window.addEventListener('online', this.#onNetworkChange);
    window.addEventListener('offline', this.#onNetworkChange);
    window.addEventListener('pagehide', this.#onPageHide);
    void this.#open();
  }

  destroy() {
    this.#destroyed = true;
    this.#teardownProvider();
    this.#clearTimers();
    this.doc.off('update', this.#onDocUpdate);
    window.removeEventListener('online', this.#onNetworkChange);
    window.removeEventListener('offline', this.#onNetworkChange);
    window.removeEventListener('pagehide', this.#onPageHide);
    if (this.#facts.pendingLocal) this.#drafts.saveNow();
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
          provider.setAwarenessField('user', this.#user);
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
      onAwarenessChange: () => {
        if (provider === this.#provider) this.#emit();
      },
    });
    this.#provider = provider;
    this.#socket = socket;
    provider.setAwarenessField('user', this.#user);
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

  #onDocUpdate = (_update: Uint8Array, origin: unknown) => {
    this.#revision++;
    if (origin !== DRAFTS_ORIGIN && !(origin instanceof HocuspocusProvider)) {
      this.#facts.pendingLocal = true;
      this.#drafts.schedule();
    }
    this.#emit();
  };

  /** Once the server has acknowledged everything, the device copy is no longer needed. */
  #checkAcknowledged() {
    const provider = this.#provider;
    if (provider?.isSynced && !provider.hasUnsyncedChanges && this.#facts.connected) {
      if (this.#facts.pendingLocal) this.#drafts.clear();
      this.#facts.pendingLocal = false;
    }
    this.#emit();
  }

  #onNetworkChange = () => {
    this.#facts.online = navigator.onLine;
    if (this.#facts.pendingLocal) this.#drafts.saveNow();
    this.#emit();
  };

  #onPageHide = () => {
    if (this.#facts.pendingLocal) this.#drafts.saveNow();
  };

  #end(reason: EndReason) {
    if (this.#ended || this.#destroyed) return;
    this.#ended = reason;
    this.#teardownProvider();
    this.#clearTimers();
    // Nothing more can be sent: drop the device copy only when access is gone for good.
    if (reason !== 'signed-out') this.#drafts.clear();
    else if (this.#facts.pendingLocal) this.#drafts.saveNow();
    this.#emit();
  }

  #teardownProvider() {
    const provider = this.#provider;
    const socket = this.#socket;
    this.#provider = null;
    this.#socket = null;
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
      people: peopleIn(this.awareness, this.#user.id),
      ended: this.#ended,
      revision: this.#revision,
    };
  }

  #emit() {
    if (this.#destroyed) return;
    this.#snapshot = this.#buildSnapshot();
    for (const listener of this.#listeners) listener();
  }
}
