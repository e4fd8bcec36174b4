import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/**
 * Runs PGlite (PostgreSQL compiled to WASM) on its own thread. PGlite executes
 * queries synchronously inside WASM; on the web process's main thread every
 * write would stall collaboration traffic. Messages: { id, sql, params } in,
 * { id, rows, affectedRows } or { id, error } out; { id, close: true } closes.
 */
interface Request {
  id: number;
  sql?: string;
  params?: unknown[];
  close?: boolean;
}

const port = parentPort!;
const { dataDir } = workerData as { dataDir?: string };
const db = dataDir ? new PGlite(dataDir) : new PGlite();

db.waitReady.then(
  () => port.postMessage({ id: 0, ready: true }),
  (err: Error) => port.postMessage({ id: 0, error: { message: err.message } }),
);

port.on('message', async (request: Request) => {
  try {
    if (request.close) {
      await db.close();
      port.postMessage({ id: request.id, rows: [] });
      return;
    }
    const result = await db.query(request.sql!, request.params ?? [], { rowMode: 'object' });
    port.postMessage({ id: request.id, rows: result.rows, affectedRows: result.affectedRows });
  } catch (err) {
    const e = err as Error & { code?: string; detail?: string };
    port.postMessage({
      id: request.id,
      error: { message: e.message, code: e.code, detail: e.detail },
    });
  }
});
