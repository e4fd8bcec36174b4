import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as Y from 'yjs';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import crossws from 'crossws/adapters/node';
import { Redis } from 'ioredis';
import { initProjectDoc, projectMap } from '../../shared/project-doc.ts';
import type { Language } from '../../shared/timeline.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Role } from '../../shared/api/roles.ts';
import type { Logger } from '../logger.ts';
import type { ProjectDocuments } from '../projects/projects.ts';
import { AUTH_TIMEOUT, authDeadline } from './auth-deadline.ts';
import { authExtension, type CollabContext } from './auth-extension.ts';
import { createDocumentStore } from './document-store.ts';
import { limitsExtension } from './limits-extension.ts';
import { persistenceExtension } from './persistence-extension.ts';
import { StoreHealth } from './store-failure.ts';
import { UpdateLogWriter } from './update-log-writer.ts';
import { clientAddress } from '../http/client-address.ts';
import { ApiError } from '../http/errors.ts';
import { rateLimited, type RateLimits } from '../http/rate-limit.ts';
import { presenceExtension, removeLeftPresence } from './presence-extension.ts';
import { crossSiteUpgrade, refuseUpgrade } from './upgrade-gate.ts';
import { CollabTokenError, verifyCollabToken } from './tokens.ts';
import {
  authMessage,
  bridgeSocket,
  fromYjsClient,
  YJS_PATH,
  yjsDocumentName,
} from './yjs-bridge.ts';

export const COLLAB_PATH = '/collab';

/** The client address the upgrade gate found, carried to the hooks (set by the gate, never the client). */
const ADDRESS_HEADER = 'x-montage-client-address';

/** A header of an upgrade request, as Node gives it or as a web `Request` view of it. */
function headerOf(request: { headers: unknown }, name: string): string | undefined {
  const headers = request.headers as Headers | Record<string, string | string[] | undefined>;
  const value =
    typeof (headers as Headers).get === 'function'
      ? (headers as Headers).get(name)
      : (headers as Record<string, string | string[] | undefined>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** A socket's Hocuspocus connection and, for a y-websocket client, its one document. */
interface BridgedPeer {
  _hocuspocus?: { handleMessage(m: Uint8Array): void };
  _yjsDocument?: string;
}

/** Close codes and reasons a provider can receive from Montage. */
export const CLOSE = {
  tokenExpired: { code: 4401, reason: 'token-expired' },
  sessionRevoked: { code: 4401, reason: 'session-revoked' },
  accessChanged: { code: 4403, reason: 'access-changed' },
  projectDeleted: { code: 4404, reason: 'project-deleted' },
  shareLinkRevoked: { code: 4410, reason: 'share-link-revoked' },
  authTimeout: AUTH_TIMEOUT,
} as const;

/**
 * Rate limits of the collab endpoints. Only failures count per client
 * address (COLLAB_FAILED_CONNECTIONS_PER_MINUTE: refused tokens, sockets that
 * never authenticate), so an office of colleagues behind one NAT reloading at
 * once is never banned; authenticated connections count per person or
 * preview link (COLLAB_CONNECTIONS_PER_MINUTE).
 */
export type CollabLimit = 'failedUpgradesByAddress' | 'connectionsByUser';

type ControlMessage =
  | { type: 'disconnect'; document: string; userId?: string }
  | { type: 'revoke-session'; sessionId: string }
  | { type: 'revoke-share-link'; linkId: string }
  | { type: 'presence-left'; document: string; clientIds: number[] };

export interface CollabDependencies {
  config: Config;
  db: Db;
  logger: Logger;
  roleOf(userId: string, projectId: string): Promise<Role | null>;
  isSessionLive(sessionId: string): Promise<boolean>;
  /** Whether a preview link still opens a document (server/share-links). */
  isShareLinkLive(linkId: string, documentName: string): Promise<boolean>;
  /** Failed attempts per client address, authenticated connections per person. */
  limits: RateLimits<CollabLimit>;
  onDocumentStored?(documentName: string, title: string): Promise<void>;
}

/**
 * Live collaboration: Hocuspocus inside the web process at /collab, with
 * Montage's auth, persistence and limits extensions, the Redis extension so
 * several web instances share documents, and a Redis control channel that
 * closes sockets on every instance when access changes.
 */
export function createCollabServer(deps: CollabDependencies) {
  const { config, logger } = deps;
  const store = createDocumentStore(deps.db, config.instanceId);
  const writer = new UpdateLogWriter({
    append: (doc, updates) => store.append(doc, updates),
    logger,
  });
  const storeHealth = new StoreHealth();
  const controlChannel = `${config.redisPrefix}:collab-control`;
  const publisher = new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: null });
  const subscriber = new Redis(config.redisUrl, { maxRetriesPerRequest: null });

  // Sockets not authenticated yet, per client address, on this instance: an
  // address may hold COLLAB_PENDING_PER_ADDRESS at once (failures only count
  // once they fail, at the auth deadline; this bounds what is open meanwhile).
  const pendingByAddress = new Map<string, number>();
  const pendingAddress = new WeakMap<object, string>();
  const unauthenticated = authDeadline(config.collabAuthTimeoutMs, (request) => {
    const address = pendingAddress.get(request);
    if (address === undefined) return;
    pendingAddress.delete(request);
    const left = (pendingByAddress.get(address) ?? 1) - 1;
    if (left > 0) pendingByAddress.set(address, left);
    else pendingByAddress.delete(address);
  });

  /**
   * A failed attempt from the request's client address (a refused token, no
   * auth in time). The gate works out the address from the upgrade request
   * and writes it into this header, always (a client's own value never
   * survives); Hocuspocus later hands hooks a web `Request` view of that
   * request, where the socket is no longer at hand.
   */
  async function countFailure(request: { headers: unknown }) {
    const address = headerOf(request, ADDRESS_HEADER);
    try {
      await deps.limits.consume('failedUpgradesByAddress', address ?? 'unknown');
    } catch {
      // Already over the limit: the next upgrade from there is refused at the gate.
    }
  }

  const extensions: Extension[] = [
    authExtension({
      secret: config.secret,
      roleOf: deps.roleOf,
      isSessionLive: deps.isSessionLive,
      isShareLinkLive: deps.isShareLinkLive,
      throttle: {
        refused: (request) => countFailure(request),
        admitted: (claims) =>
          deps.limits.consume(
            'connectionsByUser',
            claims.shareLinkId ? `link:${claims.shareLinkId}` : claims.userId,
          ),
      },
    }),
    unauthenticated.extension,
    presenceExtension({
      ...config.presence,
      onLeft: (document, clientIds) =>
        void publishControl({ type: 'presence-left', document, clientIds }).catch((err) =>
          logger.warn({ err }, 'collab presence removal not published'),
        ),
    }),
    limitsExtension({ maxDocumentBytes: config.maxDocumentBytes }),
    persistenceExtension({
      store,
      writer,
      logger,
      health: storeHealth,
      afterCompact: async (name, doc) => {
        const title = projectMap(doc).get('title');
        if (typeof title === 'string') await deps.onDocumentStored?.(name, title);
      },
    }),
    new RedisExtension({
      createClient: () => new Redis(config.redisUrl, { maxRetriesPerRequest: null }),
      prefix: `${config.redisPrefix}:hocuspocus`,
      identifier: config.instanceId,
    } as ConstructorParameters<typeof RedisExtension>[0]),
  ];

  const hocuspocus = new Hocuspocus<CollabContext>({
    name: config.instanceId,
    quiet: true,
    // The update log makes every edit durable within ~50 ms; compaction can wait.
    debounce: 10_000,
    maxDebounce: 60_000,
    extensions,
  });

  const ws = crossws({
    serverOptions: { maxPayload: config.maxMessageBytes },
    hooks: {
      open(peer) {
        const address = headerOf(peer.request, ADDRESS_HEADER) ?? 'unknown';
        pendingAddress.set(peer.request, address);
        pendingByAddress.set(address, (pendingByAddress.get(address) ?? 0) + 1);
        unauthenticated.watch(peer.request, (code, reason) => {
          void countFailure(peer.request);
          peer.close(code, reason);
        });
        const url = new URL(peer.request.url ?? '/', 'http://localhost');
        const yjsDocument = yjsDocumentName(url.pathname);
        const socket = yjsDocument
          ? bridgeSocket(peer.websocket as unknown as Parameters<typeof bridgeSocket>[0])
          : peer.websocket;
        const connection = hocuspocus.handleConnection(
          socket as unknown as WebSocket,
          peer.request as Request,
        );
        const state = peer as unknown as BridgedPeer;
        state._hocuspocus = connection;
        if (yjsDocument) {
          // A y-websocket client authenticates by its URL: the token it came with (checked at the gate).
          state._yjsDocument = yjsDocument;
          connection.handleMessage(authMessage(yjsDocument, url.searchParams.get('token') ?? ''));
        }
      },
      message(peer, message) {
        const state = peer as unknown as BridgedPeer;
        const bytes = message.uint8Array();
        if (state._yjsDocument === undefined) {
          state._hocuspocus?.handleMessage(bytes);
          return;
        }
        let translated: Uint8Array | null;
        try {
          translated = fromYjsClient(state._yjsDocument, bytes);
        } catch {
          peer.close(1002, 'malformed-message');
          return;
        }
        if (translated) state._hocuspocus?.handleMessage(translated);
      },
      close(peer, event) {
        unauthenticated.clear(peer.request);
        (
          peer as unknown as {
            _hocuspocus?: { handleClose(e: { code?: number; reason?: string }): void };
          }
        )._hocuspocus?.handleClose({
          code: event.code ?? 1000,
          reason: event.reason ?? '',
        });
      },
      error(peer, error) {
        logger.warn({ err: error, peer: peer.id }, 'collab socket error');
      },
    },
  });

  /**
   * Closes matching connections and their sockets. Closing the socket (not only
   * the document channel) makes the provider reconnect and fetch a fresh
   * token, which is refused when access is gone.
   */
  function closeWhere(
    predicate: (documentName: string, context: CollabContext) => boolean,
    event: { code: number; reason: string },
  ) {
    for (const document of hocuspocus.documents.values()) {
      for (const connection of document.getConnections()) {
        if (!predicate(document.name, connection.context as CollabContext)) continue;
        connection.close(event);
        connection.webSocket.close(event.code, event.reason);
      }
    }
  }

  function applyControl(message: ControlMessage) {
    if (message.type === 'presence-left') {
      const document = hocuspocus.documents.get(message.document);
      if (document) removeLeftPresence(document, message.clientIds);
    } else if (message.type === 'disconnect') {
      const event = message.userId ? CLOSE.accessChanged : CLOSE.projectDeleted;
      closeWhere(
        (doc, ctx) =>
          doc === message.document && (!message.userId || ctx.userId === message.userId),
        event,
      );
    } else if (message.type === 'revoke-share-link') {
      closeWhere((_doc, ctx) => ctx?.shareLinkId === message.linkId, CLOSE.shareLinkRevoked);
    } else {
      closeWhere((_doc, ctx) => ctx.sessionId === message.sessionId, CLOSE.sessionRevoked);
    }
  }

  subscriber
    .subscribe(controlChannel)
    .catch((err) => logger.error({ err }, 'collab control subscribe failed'));
  subscriber.on('message', (channel, raw) => {
    if (channel !== controlChannel) return;
    try {
      applyControl(JSON.parse(raw) as ControlMessage);
    } catch (err) {
      logger.warn({ err }, 'bad collab control message');
    }
  });

  async function publishControl(message: ControlMessage) {
    applyControl(message); // at once here; other instances through Redis
    await publisher.publish(controlChannel, JSON.stringify(message));
  }

  // A token nearing expiry is refreshed in place (the provider answers a token
  // request through onTokenSync); one that expires anyway closes the socket.
  const refreshRequested = new WeakSet<object>();
  const sweep = setInterval(() => {
    const now = Date.now();
    const refreshWindowMs = (config.collabTokenTtlSec * 1000) / 3;
    for (const document of hocuspocus.documents.values()) {
      for (const connection of document.getConnections()) {
        const ctx = connection.context as CollabContext | undefined;
        if (!ctx?.exp) continue;
        const left = ctx.exp * 1000 - now;
        if (left > refreshWindowMs) refreshRequested.delete(ctx);
        else if (left > 0 && !refreshRequested.has(ctx)) {
          refreshRequested.add(ctx);
          connection.requestToken();
        }
      }
    }
    closeWhere((_doc, ctx) => !!ctx?.exp && ctx.exp * 1000 <= now, CLOSE.tokenExpired);
  }, 1000);
  const sessionSweep = setInterval(async () => {
    const sessions = new Set<string>();
    for (const document of hocuspocus.documents.values()) {
      for (const c of document.getConnections())
        if (c.context?.sessionId) sessions.add(c.context.sessionId);
    }
    for (const sessionId of sessions) {
      try {
        if (!(await deps.isSessionLive(sessionId)))
          applyControl({ type: 'revoke-session', sessionId });
      } catch (err) {
        logger.warn({ err }, 'session sweep failed');
      }
    }
  }, 15_000);
  sweep.unref();
  sessionSweep.unref();

  /**
   * A y-websocket URL's token, checked before the handshake and before any
   * document is read: signed by us, not expired, for this very document.
   * Roles and live sessions are checked by the auth extension as for /collab.
   */
  function yjsTokenProblem(url: URL): ApiError | null {
    const document = yjsDocumentName(url.pathname);
    if (!document) return new ApiError('NOT_FOUND', 'errors.api.collabPathUnknown');
    const token = url.searchParams.get('token');
    if (!token) return new ApiError('UNAUTHENTICATED', 'errors.api.collabTokenInvalid');
    try {
      const claims = verifyCollabToken(config.secret, token);
      if (claims.document !== document)
        return new ApiError('FORBIDDEN', 'errors.api.collabTokenOtherProject');
    } catch (err) {
      if (err instanceof CollabTokenError)
        return new ApiError('UNAUTHENTICATED', 'errors.api.collabTokenInvalid', {
          reason: `token-${err.reason}`,
        });
      throw err;
    }
    return null;
  }

  /**
   * Every upgrade passes the gate before the WebSocket handshake: a page on
   * another site is refused (403), an address that failed too often lately
   * is refused (429), and a y-websocket URL without a valid token for its
   * document is refused (401/403) before any document is read.
   */
  async function admitUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    // The client may hang up while we ask Redis; an unhandled socket error would end the process.
    socket.on('error', () => socket.destroy());
    try {
      const crossSite = crossSiteUpgrade(request.headers, config.publicUrl);
      if (crossSite) throw crossSite;
      const address = clientAddress(request, config.trustProxy);
      request.headers[ADDRESS_HEADER] = address;
      if ((pendingByAddress.get(address) ?? 0) >= config.collabPendingPerAddress)
        throw rateLimited(config.collabAuthTimeoutMs);
      await deps.limits.check('failedUpgradesByAddress', address);
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname.startsWith(YJS_PATH)) {
        const refused = yjsTokenProblem(url);
        if (refused) {
          await countFailure(request);
          throw refused;
        }
      }
    } catch (err) {
      if (!(err instanceof ApiError)) logger.error({ err }, 'collab upgrade check failed');
      refuseUpgrade(
        socket,
        err instanceof ApiError ? err : new ApiError('UNAVAILABLE', 'errors.api.tryAgainShortly'),
      );
      return;
    }
    if (socket.destroyed) return;
    try {
      await ws.handleUpgrade(request, socket, head);
    } catch (err) {
      logger.warn({ err }, 'collab upgrade failed');
      socket.destroy();
    }
  }

  /** The current state of a project document: in memory if loaded here, else from storage. */
  async function readDocument(name: string): Promise<Y.Doc> {
    const loaded = hocuspocus.documents.get(name);
    const doc = new Y.Doc();
    if (loaded) {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(loaded));
    } else {
      Y.applyUpdate(doc, await store.load(name));
    }
    return doc;
  }

  /** Changes a document through Hocuspocus so connected clients see it and it is logged. */
  async function changeDocument(name: string, change: (doc: Y.Doc) => void) {
    const connection = await hocuspocus.openDirectConnection(name, {} as CollabContext);
    try {
      await connection.transact(change);
    } finally {
      await connection.disconnect();
    }
  }

  const documents: ProjectDocuments & { read: typeof readDocument; change: typeof changeDocument } =
    {
      async create(
        projectId: string,
        init: { title: string; language: Language },
        build?: (doc: Y.Doc) => void,
      ) {
        const doc = new Y.Doc();
        initProjectDoc(doc, init);
        build?.(doc);
        await store.createInitial(projectId, Y.encodeStateAsUpdate(doc));
      },
      async duplicate(fromId: string, toId: string, title: string) {
        const doc = await readDocument(fromId);
        projectMap(doc).set('title', title);
        await store.createInitial(toId, Y.encodeStateAsUpdate(doc));
      },
      async setTitle(projectId: string, title: string) {
        await changeDocument(projectId, (doc) => projectMap(doc).set('title', title));
      },
      async disconnect(projectId: string, userId?: string) {
        await publishControl(
          userId
            ? { type: 'disconnect', document: projectId, userId }
            : { type: 'disconnect', document: projectId },
        );
      },
      read: readDocument,
      change: changeDocument,
    };

  return {
    hocuspocus,
    documents,
    writer,
    store,

    /** Handles an HTTP upgrade; returns false when the path is not ours. */
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname !== COLLAB_PATH && !url.pathname.startsWith(YJS_PATH)) return false;
      void admitUpgrade(request, socket, head);
      return true;
    },

    /** Sends a stateless message to every client of a document connected to this instance. */
    broadcast(documentName: string, payload: unknown) {
      hocuspocus.documents.get(documentName)?.broadcastStateless(JSON.stringify(payload));
    },

    revokeSession(sessionId: string) {
      return publishControl({ type: 'revoke-session', sessionId });
    },

    /** Closes a revoked preview link's sockets, here at once and on every other instance. */
    revokeShareLink(linkId: string) {
      return publishControl({ type: 'revoke-share-link', linkId });
    },

    /** Writes every pending update and stores every loaded document (SIGTERM). */
    async flushAll() {
      await writer.flush().catch((err) => logger.error({ err }, 'final update log flush failed'));
      const stores = [...hocuspocus.documents.values()].map((document) =>
        hocuspocus.storeDocumentHooks(
          document,
          {
            clientsCount: document.getConnectionsCount(),
            document,
            documentName: document.name,
            instance: hocuspocus,
            lastContext: {},
            lastTransactionOrigin: { source: 'local' },
          },
          true,
        ),
      );
      await Promise.allSettled(stores);
    },

    async close() {
      clearInterval(sweep);
      clearInterval(sessionSweep);
      await this.flushAll();
      hocuspocus.closeConnections();
      await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
      writer.close();
      subscriber.disconnect();
      publisher.disconnect();
    },

    metrics() {
      return {
        connections: hocuspocus.getConnectionsCount(),
        documents: hocuspocus.getDocumentsCount(),
        updateLogLagMs: writer.lagMs(),
        updateLogPending: writer.pendingCount(),
        storeFailures: { ...storeHealth.failures },
        documentsUnstorable: storeHealth.unstorableCount,
      };
    },
  };
}

export type CollabServer = ReturnType<typeof createCollabServer>;
