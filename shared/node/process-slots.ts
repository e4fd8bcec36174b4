import { availableParallelism } from 'node:os';

/**
 * The render node's budget of heavy child processes (ffmpeg, the SVG
 * rasteriser): at most `limit` run at once in this process, whoever asks,
 * in the order they asked. The pipeline can queue work freely; this keeps
 * the cores busy without oversubscribing them and bounds peak memory (each
 * 1080p encoder holds ~250 MB). Default: one per core.
 */

let limit = Math.max(1, availableParallelism());
let running = 0;
/** Waiters, highest priority first, first come first served within a priority. */
const waiting: { priority: number; take: () => void }[] = [];

export function setProcessLimit(value: number) {
  limit = Math.max(1, Math.floor(value));
  grant();
}

export function processLimit() {
  return limit;
}

function grant() {
  while (running < limit && waiting.length > 0) {
    running++;
    waiting.shift()!.take();
  }
}

function acquire(signal: AbortSignal, priority: number): Promise<void> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  if (running < limit) {
    running++;
    return Promise.resolve();
  }
  return new Promise<void>((resolve, reject) => {
    const waiter = {
      priority,
      take: () => {
        signal.removeEventListener('abort', leave);
        resolve();
      },
    };
    const leave = () => {
      waiting.splice(waiting.indexOf(waiter), 1);
      reject(abortReason(signal));
    };
    const before = waiting.findIndex((w) => w.priority < priority);
    waiting.splice(before < 0 ? waiting.length : before, 0, waiter);
    signal.addEventListener('abort', leave, { once: true });
  });
}

/**
 * Runs `work` holding a slot; cancelling while waiting for one leaves the
 * queue at once. `priority` (default 0) lets work on a render's critical
 * path (the audio bed, the final mux) pass work nobody waits for (stills).
 */
export async function withProcessSlot<T>(
  signal: AbortSignal,
  work: () => Promise<T>,
  priority = 0,
): Promise<T> {
  await acquire(signal, priority);
  try {
    return await work();
  } finally {
    running--;
    grant();
  }
}

export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
