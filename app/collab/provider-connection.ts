import {
  HocuspocusProvider,
  HocuspocusProviderWebsocket,
  WebSocketStatus,
} from '@hocuspocus/provider';
import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Role } from '../../shared/api/roles.ts';
import { USER_FIELD, type PresenceUser } from '../../shared/presence.ts';
import {
  AccessEnded,
  afterClose,
  endAfterAuthFailure,
  fetchCollabToken,
  FIRST_RETRY_DELAY,
  nextRetryDelay,
  refreshDelay,
  type CollabToken,
  type EndReason,
} from './collab-token.ts';
import { FOCUS_FIELD } from './presence.ts';

/** What the connection tells the session; each fires only for the current provider. */
export interface ConnectionEvents {
  /** The socket connected or dropped. */
  status(connected: boolean): void;
  /** The document was (or stopped being) exchanged with the server on this connection. */
  synced(state: boolean): void;
  stateless(payload: string): void;
  /** The provider's count of edits the server has not acknowledged changed. */
  unsyncedChanges(): void;
  /** The server's word on this connection. */
  authenticated(scope: 'readonly' | 'read-write'): void;
  /** Each token carries the current role (it may have changed since the page loaded). */
  role(role: Role): void;
  /** The server detached the document. */
  closed(): void;
  /** A new provider is being set up after the server asked for a fresh token. */
  reconnecting(): void;
  /** A provider is attached (awareness changed). */
  attached(): void;
  /** Access is gone for good. */
  ended(reason: EndReason): void;
}

/**
 * The Hocuspocus provider and its token: the first token (it also tells the
 * socket URL and the role) with backoff while offline, a fresh token on every
 * (re)connect and before each expiry, a new provider when the server detaches
 * the document, and this user's presence carried across providers.
 */
export class ProviderConnection {
  readonly #doc: Y.Doc;
  readonly #projectId: string;
  readonly #user: PresenceUser;
  readonly #events: ConnectionEvents;
  readonly #isConnected: () => boolean;
  #provider: HocuspocusProvider | null = null;
  #socket: HocuspocusProviderWebsocket | null = null;
  #url = '';
  #prefetched: CollabToken | null = null;
  #refreshTimer: ReturnType<typeof setTimeout> | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #retryDelay = FIRST_RETRY_DELAY;
  /** The scene this user works on (awareness FOCUS_FIELD), carried across reconnects. */
  #focusScene: string | null = null;
  #stopped = false;

  constructor(options: {
    doc: Y.Doc;
    projectId: string;
    user: PresenceUser;
    events: ConnectionEvents;
    /** The session's fact: a token refresh or a reconnect now is only worth it with(out) a socket. */
    isConnected: () => boolean;
  }) {
    this.#doc = options.doc;
    this.#projectId = options.projectId;
    this.#user = options.user;
    this.#events = options.events;
    this.#isConnected = options.isConnected;
  }

  get awareness() {
    return this.#provider?.awareness ?? null;
  }

  /** Whether the server has acknowledged every edit sent on the current provider. */
  get acknowledged() {
    const provider = this.#provider;
    return Boolean(provider?.isSynced && !provider.hasUnsyncedChanges);
  }

  /** First token, then the provider. */
  async open() {
    try {
      const first = await fetchCollabToken(this.#projectId);
      if (this.#stopped) return;
      this.#prefetched = first;
      this.#url = first.url;
      this.#retryDelay = FIRST_RETRY_DELAY;
      this.#connect();
    } catch (err) {
      if (this.#stopped) return;
      if (err instanceof AccessEnded) return this.#events.ended(err.reason);
      // Offline or the server is restarting: try again, a little later each time.
      this.#retryTimer = setTimeout(() => void this.open(), this.#retryDelay);
      this.#retryDelay = nextRetryDelay(this.#retryDelay);
    }
  }

  /** Back online: connect now rather than when the backoff of the failed attempts ends. */
  retryNow() {
    if (this.#stopped) return;
    if (this.#retryTimer) {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
      this.#retryDelay = FIRST_RETRY_DELAY;
      void this.open();
    } else if (this.#socket && !this.#isConnected()) {
      void this.#socket.connect();
    }
  }

  /** Closes the provider and stops every timer; nothing connects again. */
  stop() {
    this.#stopped = true;
    this.#teardownProvider();
    if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#refreshTimer = null;
    this.#retryTimer = null;
  }

  #connect() {
    const events = this.#events;
    const socket = new HocuspocusProviderWebsocket({ url: this.#url, maxDelay: 15_000 });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: this.#projectId,
      document: this.#doc,
      awareness: new Awareness(this.#doc),
      token: () => this.#nextToken(),
      onStatus: ({ status }) => {
        if (provider === this.#provider) events.status(status === WebSocketStatus.Connected);
      },
      onSynced: ({ state }) => {
        if (provider !== this.#provider) return;
        // Peers dropped our presence when the previous socket closed; a fresh
        // awareness clock makes them accept it again at once.
        if (state) this.#setPresence(provider);
        events.synced(state);
      },
      onStateless: ({ payload }) => {
        if (provider === this.#provider) events.stateless(payload);
      },
      onUnsyncedChanges: () => {
        if (provider === this.#provider) events.unsyncedChanges();
      },
      onAuthenticated: ({ scope }) => {
        if (provider === this.#provider) events.authenticated(scope);
      },
      onAuthenticationFailed: ({ reason }) => {
        if (provider !== this.#provider) return;
        const ending = endAfterAuthFailure(reason);
        if (ending) events.ended(ending);
      },
      onClose: ({ event }) => {
        if (provider !== this.#provider) return;
        events.closed();
        const next = afterClose(event.reason);
        if (typeof next === 'object') return events.ended(next.end);
        // The server detached this document but may keep the socket (token
        // expired, role changed): start a new connection with a fresh token.
        if (next === 'reconnect') this.#reconnect();
      },
    });
    this.#provider = provider;
    this.#socket = socket;
    this.#setPresence(provider);
    provider.attach();
    events.attached();
  }

  #setPresence(provider: HocuspocusProvider) {
    provider.setAwarenessField(USER_FIELD, this.#user);
    if (this.#focusScene) provider.setAwarenessField(FOCUS_FIELD, this.#focusScene);
  }

  #reconnect() {
    this.#teardownProvider();
    this.#events.reconnecting();
    // Yield first: this runs inside the old provider's event handler.
    setTimeout(() => {
      if (!this.#stopped) this.#connect();
    }, 0);
  }

  /** The provider asks on every (re)connect and on `sendToken()`: always a fresh token. */
  async #nextToken(): Promise<string> {
    let token = this.#prefetched;
    this.#prefetched = null;
    try {
      token ??= await fetchCollabToken(this.#projectId);
    } catch (err) {
      if (err instanceof AccessEnded) setTimeout(() => this.#events.ended(err.reason), 0);
      throw err;
    }
    this.#events.role(token.role);
    this.#scheduleRefresh(token.expiresAt);
    return token.token;
  }

  /** Sends a new token (the server's onTokenSync) well before the current one expires. */
  #scheduleRefresh(expiresAt: string) {
    if (this.#refreshTimer) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(
      () => {
        this.#refreshTimer = null;
        if (this.#isConnected()) void this.#provider?.sendToken();
      },
      refreshDelay(expiresAt, Date.now()),
    );
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
}
