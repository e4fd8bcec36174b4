import * as Y from 'yjs';
import type {
  Extension,
  afterLoadDocumentPayload,
  beforeHandleMessagePayload,
  afterUnloadDocumentPayload,
} from '@hocuspocus/server';

/** Close code and reason a provider receives when a document would outgrow its limit. */
export const DOCUMENT_TOO_LARGE = { code: 4413, reason: 'document-too-large' } as const;

/**
 * Refuses messages that would grow a document past `maxDocumentBytes`. The
 * size is tracked as an upper bound (stored size + incoming message bytes) and
 * measured exactly only when that bound crosses the limit, so the common
 * message costs one addition. (Message size itself is capped by the WebSocket
 * server's maxPayload: close code 1009.)
 */
export function limitsExtension(options: { maxDocumentBytes: number }): Extension {
  const sizeBound = new Map<string, number>();
  return {
    extensionName: 'montage-limits',
    async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload) {
      sizeBound.set(documentName, Y.encodeStateAsUpdate(document).byteLength);
    },
    async beforeHandleMessage({ documentName, document, update }: beforeHandleMessagePayload) {
      let bound = (sizeBound.get(documentName) ?? 0) + update.byteLength;
      if (bound > options.maxDocumentBytes) {
        bound = Y.encodeStateAsUpdate(document).byteLength + update.byteLength;
        if (bound > options.maxDocumentBytes) throw { ...DOCUMENT_TOO_LARGE };
      }
      sizeBound.set(documentName, bound);
    },
    async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
      sizeBound.delete(documentName);
    },
  };
}
