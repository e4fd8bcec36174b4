import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { api } from './web-server.ts';

/** A collab token for `projectId`, as the editor page asks for one; throws unless it is issued. */
export async function collabToken(baseUrl: string, sessionToken: string, projectId: string) {
  const res = await api(baseUrl, 'POST', `/api/v1/projects/${projectId}/collab-token`, {
    token: sessionToken,
  });
  if (res.status !== 200) throw new Error(`collab-token ${res.status}`);
  return res.body.token as string;
}

/**
 * A real Hocuspocus provider in Node (global WebSocket), as a browser would
 * use it: it fetches a collab token from the API on every (re)connect.
 */
export interface CollabClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  closes: { code: number; reason: string }[];
  authFailures: string[];
  /** Resolves when every local change has been acknowledged by the server. */
  settled(): Promise<void>;
  destroy(): void;
}

export async function connectClient(
  baseUrl: string,
  sessionToken: string,
  projectId: string,
  /** `token`: where tokens come from instead of the member route (a preview link's, say). */
  options: { doc?: Y.Doc; token?: () => Promise<string> } = {},
): Promise<CollabClient> {
  const doc = options.doc ?? new Y.Doc();
  const closes: { code: number; reason: string }[] = [];
  const authFailures: string[] = [];
  const wsUrl = `${baseUrl.replace(/^http/, 'ws')}/collab`;
  const socket = new HocuspocusProviderWebsocket({
    url: wsUrl,
    // Reconnect quickly in tests (the library's minDelay must stay below maxDelay).
    delay: 50,
    minDelay: 20,
    factor: 1.5,
    maxDelay: 500,
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: projectId,
    document: doc,
    token: options.token ?? (() => collabToken(baseUrl, sessionToken, projectId)),
    onClose: ({ event }) => closes.push({ code: event.code, reason: event.reason }),
    onAuthenticationFailed: ({ reason }) => authFailures.push(reason),
  });
  provider.attach();
  return {
    doc,
    provider,
    socket,
    closes,
    authFailures,
    settled: () =>
      waitFor(() => provider.isSynced && !provider.hasUnsyncedChanges, 'client settled'),
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Polls `condition` until true; fails with `what` after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
