import { Worker } from 'node:worker_threads';
import { AnalysisInputError, type ScriptAnalysis } from '../../shared/analysis/index.ts';
import type { ApiMessage } from '../../shared/api/api-messages.ts';
import { ApiError } from '../http/errors.ts';

/**
 * Script analysis off the web process's event loop (issue 15, item 3): a
 * small pool of worker threads (ANALYSIS_WORKERS, default 1 — a second
 * thread competes with the web process for the machine's cores), each
 * analysing one script at a time. A 1 MB script takes about a second of CPU;
 * meanwhile collaboration, health checks and every other request keep being
 * answered. Tasks wait in order; past `maxQueued` the caller gets 503 at once
 * rather than an unbounded backlog. A task over `timeoutMs` ends its thread
 * (a fresh one takes its place) and answers 503. Threads start on first use.
 */

export interface AnalysisTask {
  id: number;
  text: unknown;
  options: Record<string, unknown>;
  /** Answer the analysis as JSON text, serialised in the thread (the route sends it as is). */
  serialize: boolean;
}

export type AnalysisReply =
  | { id: number; ok: true; analysis?: ScriptAnalysis; json?: string }
  | {
      id: number;
      ok: false;
      input?: { field: string; message: string; refusal: ApiMessage };
      crash?: string;
    };

interface Pending {
  task: AnalysisTask;
  resolve(result: ScriptAnalysis | string): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
  timer: ReturnType<typeof setTimeout> | null;
}

export interface AnalysisPoolOptions {
  size: number;
  maxQueued?: number;
  timeoutMs?: number;
  /** Told when a thread fails (crash or timeout). */
  onThreadError?(error: Error): void;
}

const WORKER_URL = new URL('./analysis-worker.ts', import.meta.url);

export function createAnalysisPool(options: AnalysisPoolOptions) {
  const maxQueued = options.maxQueued ?? 32;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  const unavailable = () => new ApiError('UNAVAILABLE', 'errors.api.tryAgainShortly');

  function startSlot(): Slot {
    const slot: Slot = { worker: new Worker(WORKER_URL), busy: null, timer: null };
    slot.worker.on('message', (reply: AnalysisReply) => settle(slot, reply));
    slot.worker.on('error', (error) => fail(slot, error));
    slot.worker.on('exit', (code) => {
      if (!closed) fail(slot, new Error(`analysis thread exited with code ${code}`));
    });
    // An idle thread must not keep the process alive.
    slot.worker.unref();
    slots.push(slot);
    return slot;
  }

  function settle(slot: Slot, reply: AnalysisReply) {
    const pending = slot.busy;
    if (!pending || pending.task.id !== reply.id) return;
    clearTimeout(slot.timer ?? undefined);
    slot.busy = null;
    slot.worker.unref();
    if (reply.ok) pending.resolve((pending.task.serialize ? reply.json : reply.analysis)!);
    else if (reply.input)
      pending.reject(
        new AnalysisInputError(reply.input.field, reply.input.message, reply.input.refusal),
      );
    else pending.reject(new Error(`script analysis failed: ${reply.crash}`));
    pump();
  }

  /** A thread crashed or timed out: its task fails with 503, a fresh thread replaces it. */
  function fail(slot: Slot, error: Error) {
    const index = slots.indexOf(slot);
    if (index === -1) return;
    slots.splice(index, 1);
    clearTimeout(slot.timer ?? undefined);
    options.onThreadError?.(error);
    slot.busy?.reject(unavailable());
    slot.busy = null;
    void slot.worker.terminate();
    pump();
  }

  function pump() {
    while (!closed && queue.length) {
      let slot = slots.find((s) => !s.busy);
      if (!slot && slots.length < options.size) slot = startSlot();
      if (!slot) return;
      const pending = queue.shift()!;
      slot.busy = pending;
      slot.worker.ref();
      const running = slot;
      slot.timer = setTimeout(
        () => fail(running, new Error(`script analysis took over ${timeoutMs} ms`)),
        timeoutMs,
      );
      slot.worker.postMessage(pending.task);
    }
  }

  function run(text: unknown, analyzeOptions: Record<string, unknown>, serialize: boolean) {
    if (closed || queue.length >= maxQueued) return Promise.reject(unavailable());
    return new Promise<ScriptAnalysis | string>((resolve, reject) => {
      const task = { id: nextId++, text, options: analyzeOptions, serialize };
      queue.push({ task, resolve, reject });
      pump();
    });
  }

  return {
    /** Analyses `text` with `options` in a thread; rejects as analyzeScript does, or 503. */
    analyze: (text: unknown, analyzeOptions: Record<string, unknown>) =>
      run(text, analyzeOptions, false) as Promise<ScriptAnalysis>,
    /**
     * The same, answered as JSON text serialised in the thread: a 1 MB
     * script's analysis is large, and neither copying it back as objects nor
     * stringifying it should hold the web process's event loop.
     */
    analyzeJson: (text: unknown, analyzeOptions: Record<string, unknown>) =>
      run(text, analyzeOptions, true) as Promise<string>,
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(unavailable());
      await Promise.all(slots.splice(0).map((slot) => slot.worker.terminate()));
    },
  };
}

export type AnalysisPool = ReturnType<typeof createAnalysisPool>;
