import { CorruptDocumentError } from './document-store.ts';

/**
 * Whether storing a document failed for good or for now (pure).
 *
 * - permanent: the data itself is refused, so the same write fails however
 *   often it is retried: a corrupt document, SQLSTATE class 22 (data
 *   exception: 22021 invalid byte sequence, 22P05 untranslatable character,
 *   22001 value too long …) and class 23 (integrity constraints: check,
 *   not-null, unique).
 * - transient: everything else (connection errors, timeouts, serialization
 *   failures and deadlocks, a server shutting down): retrying may succeed.
 */
export type StoreFailureKind = 'permanent' | 'transient';

const PERMANENT_SQLSTATE_CLASSES = ['22', '23'];

export function classifyStoreFailure(err: unknown): StoreFailureKind {
  if (err instanceof CorruptDocumentError) return 'permanent';
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    return PERMANENT_SQLSTATE_CLASSES.includes(code.slice(0, 2)) ? 'permanent' : 'transient';
  }
  return 'transient';
}

/**
 * What the store hook has seen, for /metrics and the logs: failures by kind,
 * and the documents whose last store failed for good (they are not retried;
 * their edits stay in the update log).
 */
export class StoreHealth {
  readonly failures: Record<StoreFailureKind, number> = { permanent: 0, transient: 0 };
  readonly #unstorable = new Set<string>();

  /** Records a failure; true the first time a document fails permanently (log it once). */
  failed(documentName: string, kind: StoreFailureKind): boolean {
    this.failures[kind]++;
    if (kind !== 'permanent' || this.#unstorable.has(documentName)) return false;
    this.#unstorable.add(documentName);
    return true;
  }

  stored(documentName: string) {
    this.#unstorable.delete(documentName);
  }

  isUnstorable(documentName: string): boolean {
    return this.#unstorable.has(documentName);
  }

  get unstorableCount(): number {
    return this.#unstorable.size;
  }
}
