import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { collabToken } from './collab-client.ts';

/**
 * A standard Yjs client, as a script, a desktop tool or an edge worker would
 * be: y-websocket's `WebsocketProvider` on `/yjs/<projectId>?token=…`, with
 * nothing of Montage's own code (docs/edge-sync.md).
 */
export interface YjsClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: { code: number; reason: string }[];
  /** Asks a fresh token for the next connection (y-websocket reads `params` on every connect). */
  refreshToken(): Promise<void>;
  destroy(): void;
}

export async function connectYjs(
  baseUrl: string,
  sessionToken: string,
  projectId: string,
  options: { doc?: Y.Doc; token?: string } = {},
): Promise<YjsClient> {
  const doc = options.doc ?? new Y.Doc();
  const token = options.token ?? (await collabToken(baseUrl, sessionToken, projectId));
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/yjs`, projectId, doc, {
    params: { token },
    disableBc: true,
    maxBackoffTime: 300,
  });
  const closes: { code: number; reason: string }[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    async refreshToken() {
      provider.params = { token: await collabToken(baseUrl, sessionToken, projectId) };
    },
    destroy() {
      provider.destroy();
      // The provider made this awareness; its 3 s check timer would outlive the test.
      provider.awareness.destroy();
    },
  };
}
