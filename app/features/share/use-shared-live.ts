import {
  HocuspocusProvider,
  HocuspocusProviderWebsocket,
  WebSocketStatus,
} from '@hocuspocus/provider';
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import {
  fetchLinkCollabToken,
  LinkEnded,
  REVOKED_CLOSE,
  type LinkCollabToken,
  type LinkEnd,
} from './shared-link.ts';
import type { CommentFeedSource } from '../comments/use-comments.ts';

/** The listeners of a link's connection: relayed messages and resyncs. */
class Relay implements CommentFeedSource {
  #messages = new Set<(payload: string) => void>();
  #resyncs = new Set<() => void>();

  onStateless = (listener: (payload: string) => void) => {
    this.#messages.add(listener);
    return () => void this.#messages.delete(listener);
  };

  onResync = (listener: () => void) => {
    this.#resyncs.add(listener);
    return () => void this.#resyncs.delete(listener);
  };

  relayed(payload: string) {
    for (const listener of this.#messages) listener(payload);
  }

  resynced() {
    for (const listener of this.#resyncs) listener();
  }
}

export type LiveStatus = 'connecting' | 'live';

/**
 * The shared page's read-only live copy of the project: a Hocuspocus provider
 * whose tokens come through the link. Any close or refused token asks the
 * link again; once it answers 404/410 (or the server says it was revoked) the
 * connection stops for good and `ended` says why.
 */
export function useSharedLive(linkToken: string): {
  doc: Y.Doc | null;
  status: LiveStatus;
  ended: LinkEnd | null;
  /** Changes on every update of the document (for re-reading it). */
  version: number;
  /**
   * What the server relays on the document (comment changes) and each
   * (re)sync, after which what was relayed meanwhile may have been missed;
   * the same object for the page's life.
   */
  relay: CommentFeedSource;
} {
  const [doc, setDoc] = useState<Y.Doc | null>(null);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [ended, setEnded] = useState<LinkEnd | null>(null);
  const [version, setVersion] = useState(0);
  const [relay] = useState(() => new Relay());

  useEffect(() => {
    const ydoc = new Y.Doc();
    let provider: HocuspocusProvider | null = null;
    let socket: HocuspocusProviderWebsocket | null = null;
    let prefetched: LinkCollabToken | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;

    const teardown = () => {
      // Detached first: the closes that destroying fires are not this connection's any more.
      const [oldProvider, oldSocket] = [provider, socket];
      provider = null;
      socket = null;
      oldProvider?.destroy();
      oldSocket?.destroy();
    };
    const stop = (reason: LinkEnd) => {
      if (stopped) return;
      stopped = true;
      if (retry) clearTimeout(retry);
      teardown();
      setEnded(reason);
    };
    /** Asks the link for a token; a link that ended stops everything. */
    const nextToken = async (): Promise<LinkCollabToken> => {
      try {
        return await fetchLinkCollabToken(linkToken);
      } catch (err) {
        if (err instanceof LinkEnded) setTimeout(() => stop(err.reason), 0);
        throw err;
      }
    };
    /** After a close: the link may be gone (stop) or the token stale (a fresh connection). */
    const recheck = async () => {
      if (stopped) return;
      try {
        prefetched = await nextToken();
      } catch {
        return; // ended (stop runs), or offline: the provider's socket keeps retrying
      }
      teardown();
      connect();
    };
    const connect = () => {
      const first = prefetched;
      if (stopped || !first) return;
      socket = new HocuspocusProviderWebsocket({ url: first.url, maxDelay: 15_000 });
      const current = new HocuspocusProvider({
        websocketProvider: socket,
        name: first.document,
        document: ydoc,
        token: async () => {
          const token = prefetched ?? (await nextToken());
          prefetched = null;
          return token.token;
        },
        onStatus: ({ status: s }) => {
          if (current === provider && s !== WebSocketStatus.Connected) setStatus('connecting');
        },
        onSynced: ({ state }) => {
          if (current !== provider) return;
          setStatus(state ? 'live' : 'connecting');
          if (state) relay.resynced();
        },
        onStateless: ({ payload }) => {
          if (current === provider) relay.relayed(payload);
        },
        onAuthenticationFailed: () => {
          if (current === provider) void recheck();
        },
        onClose: ({ event }) => {
          if (current !== provider) return;
          setStatus('connecting');
          if (event.reason === REVOKED_CLOSE) stop('revoked');
          else void recheck();
        },
      });
      provider = current;
      current.attach();
    };
    const start = async () => {
      try {
        prefetched = await nextToken();
        connect();
      } catch (err) {
        // Offline or the server restarting: try again shortly.
        if (!(err instanceof LinkEnded) && !stopped) retry = setTimeout(() => void start(), 2000);
      }
    };

    const onUpdate = () => setVersion((v) => v + 1);
    ydoc.on('update', onUpdate);
    setDoc(ydoc);
    void start();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      ydoc.off('update', onUpdate);
      teardown();
      ydoc.destroy();
    };
  }, [linkToken]);

  return { doc, status, ended, version, relay };
}
