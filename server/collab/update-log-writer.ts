import type { Logger } from '../logger.ts';

/**
 * Buffers incoming document updates and appends them to the update log in
 * small batches, at most `flushDelayMs` behind. A failed append keeps the
 * batch and retries with backoff: an update is never dropped.
 */
export interface UpdateLogWriterOptions {
  append(document: string, updates: Uint8Array[]): Promise<number>;
  flushDelayMs?: number;
  maxBatch?: number;
  maxBackoffMs?: number;
  logger?: Logger;
}

interface DocumentQueue {
  pending: Uint8Array[];
  /** Updates handed to an append that has not returned yet. */
  inFlight: Uint8Array[];
  lastWrittenId: number | null;
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  failures: number;
  oldestPendingAt: number | null;
}

export class UpdateLogWriter {
  readonly #options: Required<Omit<UpdateLogWriterOptions, 'logger'>> & { logger?: Logger };
  readonly #queues = new Map<string, DocumentQueue>();
  #closed = false;

  constructor(options: UpdateLogWriterOptions) {
    this.#options = { flushDelayMs: 50, maxBatch: 500, maxBackoffMs: 5000, ...options };
  }

  #queue(document: string): DocumentQueue {
    let q = this.#queues.get(document);
    if (!q) {
      q = {
        pending: [],
        inFlight: [],
        lastWrittenId: null,
        timer: null,
        running: null,
        failures: 0,
        oldestPendingAt: null,
      };
      this.#queues.set(document, q);
    }
    return q;
  }

  enqueue(document: string, update: Uint8Array) {
    const q = this.#queue(document);
    q.pending.push(update);
    q.oldestPendingAt ??= Date.now();
    if (!q.timer && !q.running) this.#schedule(document, q, this.#options.flushDelayMs);
  }

  #schedule(document: string, q: DocumentQueue, delay: number) {
    q.timer = setTimeout(() => {
      q.timer = null;
      void this.#run(document, q);
    }, delay);
  }

  #run(document: string, q: DocumentQueue): Promise<void> {
    if (q.running) return q.running;
    q.running = (async () => {
      while (q.pending.length > 0) {
        q.inFlight = q.pending.splice(0, this.#options.maxBatch);
        try {
          q.lastWrittenId = await this.#options.append(document, q.inFlight);
          q.inFlight = [];
          q.failures = 0;
        } catch (err) {
          // Put the batch back in front, in order, and retry later.
          q.pending.unshift(...q.inFlight);
          q.inFlight = [];
          q.failures++;
          const backoff = Math.min(this.#options.maxBackoffMs, 100 * 2 ** Math.min(q.failures, 10));
          this.#options.logger?.warn(
            { err, document, pending: q.pending.length, retryInMs: backoff },
            'update log append failed; retrying',
          );
          if (!this.#closed || q.failures < 3) this.#schedule(document, q, backoff);
          throw err;
        }
      }
      q.oldestPendingAt = null;
    })().finally(() => {
      q.running = null;
    });
    // Errors are retried by the scheduled run; flush() callers see them.
    q.running.catch(() => {});
    return q.running;
  }

  /** Writes everything pending for a document (or all documents) now. Rejects if a write fails. */
  async flush(document?: string): Promise<void> {
    const names = document ? [document] : [...this.#queues.keys()];
    await Promise.all(
      names.map(async (name) => {
        const q = this.#queues.get(name);
        if (!q) return;
        if (q.timer) {
          clearTimeout(q.timer);
          q.timer = null;
        }
        if (q.running) await q.running;
        if (q.pending.length) await this.#run(name, q);
      }),
    );
  }

  /** Highest log id this writer has written for the document, or null. */
  lastWrittenId(document: string): number | null {
    return this.#queues.get(document)?.lastWrittenId ?? null;
  }

  hasPending(document: string): boolean {
    const q = this.#queues.get(document);
    return !!q && (q.pending.length > 0 || q.inFlight.length > 0);
  }

  /** Forgets a document once it is unloaded and nothing is pending. */
  forget(document: string) {
    if (!this.hasPending(document)) this.#queues.delete(document);
  }

  /** Age in ms of the oldest update not yet in the log (0 when none): the update-log lag. */
  lagMs(now = Date.now()): number {
    let oldest: number | null = null;
    for (const q of this.#queues.values()) {
      if (q.oldestPendingAt !== null && (oldest === null || q.oldestPendingAt < oldest))
        oldest = q.oldestPendingAt;
    }
    return oldest === null ? 0 : now - oldest;
  }

  pendingCount(): number {
    let n = 0;
    for (const q of this.#queues.values()) n += q.pending.length + q.inFlight.length;
    return n;
  }

  close() {
    this.#closed = true;
  }
}
