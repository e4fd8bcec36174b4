import * as Y from 'yjs';
import type {
  Extension,
  onChangePayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
  afterUnloadDocumentPayload,
} from '@hocuspocus/server';
import type { Logger } from '../logger.ts';
import type { DocumentStore } from './document-store.ts';
import type { UpdateLogWriter } from './update-log-writer.ts';
import { classifyStoreFailure, StoreHealth } from './store-failure.ts';

export interface PersistenceOptions {
  store: DocumentStore;
  writer: UpdateLogWriter;
  logger: Logger;
  /** Called after a successful compaction with the document, e.g. to sync the listed title. */
  afterCompact?(documentName: string, doc: Y.Doc): Promise<void>;
  /** How long a store waits for the log before giving up (and retrying later). */
  storeTimeoutMs?: number;
  /** Failures by kind and unstorable documents, read by /metrics. */
  health?: StoreHealth;
  /** Delay before a transient failure is retried. */
  retryDelayMs?: number;
}

const isFromRedis = (origin: unknown) =>
  typeof origin === 'object' &&
  origin !== null &&
  (origin as { source?: string }).source === 'redis';

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Persistence that never loses an edit:
 * - every update received from a client goes to the update log (UpdateLogWriter,
 *   ≤ ~50 ms behind, retried on failure);
 * - on store (debounced by Hocuspocus, and when the last client leaves) the
 *   log is flushed and the state compacted into the snapshot;
 * - a document that cannot be loaded refuses the connection; it is never
 *   replaced by an empty one (Hocuspocus does not store a document whose load
 *   failed).
 * Updates arriving through Redis were logged by the instance that received them.
 *
 * A failed store is retried only when the failure is transient (database
 * down, timeout). A permanent one (the data is refused, the document is
 * corrupt) would fail forever: it is logged once, counted in /metrics, and
 * the document may unload; every edit stays in the update log.
 */
export function persistenceExtension(options: PersistenceOptions): Extension {
  const { store, writer, logger } = options;
  const storeTimeoutMs = options.storeTimeoutMs ?? 5000;
  const retryDelayMs = options.retryDelayMs ?? 2000;
  const health = options.health ?? new StoreHealth();
  const retryTimers = new Map<string, NodeJS.Timeout>();

  return {
    extensionName: 'montage-persistence',

    async onLoadDocument({ documentName, document }: onLoadDocumentPayload) {
      const state = await store.load(documentName);
      Y.applyUpdate(document, state, { source: 'local', skipStoreHooks: true });
    },

    async onChange({ documentName, update, transactionOrigin }: onChangePayload) {
      if (isFromRedis(transactionOrigin)) return;
      writer.enqueue(documentName, update);
    },

    async onStoreDocument(payload: onStoreDocumentPayload) {
      const { documentName, document, instance } = payload;
      clearTimeout(retryTimers.get(documentName));
      retryTimers.delete(documentName);
      try {
        await withTimeout(writer.flush(documentName), storeTimeoutMs, 'update log flush');
        const upTo = writer.lastWrittenId(documentName);
        await withTimeout(
          store.compact(documentName, Y.encodeStateAsUpdate(document), upTo),
          storeTimeoutMs,
          'compaction',
        );
        await options.afterCompact?.(documentName, document);
        health.stored(documentName);
      } catch (err) {
        const kind = classifyStoreFailure(err);
        if (kind === 'permanent') {
          if (health.failed(documentName, kind)) {
            logger.error(
              { err, document: documentName, projectId: documentName },
              'storing document failed permanently; not retrying (its edits stay in the update log)',
            );
          }
          // Resolving lets Hocuspocus unload the document once nobody is connected.
          return;
        }
        health.failed(documentName, kind);
        // The document stays in memory (Hocuspocus keeps it when a store fails);
        // store again later so it can still be unloaded once the database is back.
        logger.warn({ err, document: documentName }, 'storing document failed; will retry');
        retryTimers.set(
          documentName,
          setTimeout(() => {
            retryTimers.delete(documentName);
            if (instance.documents.get(documentName) === document)
              instance.storeDocumentHooks(document, payload, true);
          }, retryDelayMs),
        );
        throw err;
      }
    },

    async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
      writer.forget(documentName);
    },

    async onDestroy() {
      for (const timer of retryTimers.values()) clearTimeout(timer);
    },
  };
}
