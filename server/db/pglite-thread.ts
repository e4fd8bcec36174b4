import { Worker } from 'node:worker_threads';
import type { PGlite as KyselyPGlite, PGliteQueryResults, PGliteTransaction } from 'kysely';

interface Reply {
  id: number;
  ready?: boolean;
  rows?: unknown[];
  affectedRows?: number;
  error?: { message: string; code?: string; detail?: string };
}

class PGliteThreadError extends Error {
  readonly code: string | undefined;
  readonly detail: string | undefined;
  constructor(error: NonNullable<Reply['error']>) {
    super(error.message);
    this.name = 'PGliteError';
    this.code = error.code;
    this.detail = error.detail;
  }
}

/**
 * A PGlite living in a worker thread (pglite-worker.ts), shaped as the PGlite
 * interface Kysely's PGliteDialect expects. Kysely serialises access to a
 * single-connection dialect, so a transaction is plain BEGIN … COMMIT.
 */
export function startPGliteThread(dataDir: string | undefined): KyselyPGlite {
  const worker = new Worker(new URL('./pglite-worker.ts', import.meta.url), {
    workerData: { dataDir },
  });
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let closed = false;
  let ready = false;

  const waitReady = new Promise<void>((resolve, reject) => {
    pending.set(0, {
      resolve: (reply) => {
        ready = true;
        resolve(reply as never);
      },
      reject,
    });
  });

  worker.on('message', (reply: Reply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.error) waiter.reject(new PGliteThreadError(reply.error));
    else waiter.resolve(reply);
  });
  worker.on('error', (err) => {
    for (const waiter of pending.values()) waiter.reject(err);
    pending.clear();
  });
  worker.on('exit', () => {
    closed = true;
    for (const waiter of pending.values()) waiter.reject(new Error('PGlite worker exited'));
    pending.clear();
  });

  function send(message: Record<string, unknown>): Promise<Reply> {
    if (closed) return Promise.reject(new Error('PGlite is closed'));
    const id = nextId++;
    return new Promise<Reply>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  }

  async function query<T>(sql: string, params: unknown[] = []): Promise<PGliteQueryResults<T>> {
    await waitReady;
    const reply = await send({ sql, params });
    return {
      rows: (reply.rows ?? []) as T[],
      fields: [],
      ...(reply.affectedRows !== undefined ? { affectedRows: reply.affectedRows } : {}),
    };
  }

  return {
    get closed() {
      return closed;
    },
    get ready() {
      return ready;
    },
    waitReady,
    query,
    async transaction<T>(callback: (tx: PGliteTransaction) => Promise<T>): Promise<T> {
      await query('begin');
      let rolledBack = false;
      const tx: PGliteTransaction = {
        query,
        rollback: async () => {
          rolledBack = true;
          await query('rollback');
        },
      };
      try {
        const result = await callback(tx);
        if (!rolledBack) await query('commit');
        return result;
      } catch (err) {
        if (!rolledBack) await query('rollback');
        throw err;
      }
    },
    async close() {
      if (closed) return;
      await send({ close: true }).catch(() => {});
      closed = true;
      await worker.terminate();
    },
  };
}
