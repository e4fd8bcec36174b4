import { Worker, type Processor } from 'bullmq';
import { capabilityQueuesKey } from '../../shared/render/render-queue.ts';
import type { CapabilityQueues, WorkerContext } from './worker-context.ts';

/**
 * Capability queues (issue 14): a job that needs model-backed engines goes
 * to `capabilityQueue(base, needs)` ('render-scene@onnx.sd-turbo'), and the
 * queues in use are registered in the Redis hash `capabilityQueuesKey`
 * (queue → JSON of its needs) by whoever adds such a job, who also publishes
 * the queue's name on `renderChannels(prefix).capabilityQueues`. A node
 * serves `base` and every registered queue of that base whose needs are all
 * among its usable engine keys; it looks again on start, on each message
 * and on each heartbeat, so a queue registered while the message was lost
 * is served within a heartbeat. A node without a model never has a worker
 * on its queues, so it never takes (or locks) such a job.
 *
 * One budget per base: all the workers of one base share `concurrency`
 * slots (a job waits for a slot inside its processor). Each worker may hold
 * up to `concurrency` jobs, so a node busy with one queue can hold a few
 * jobs of another while they wait for a slot; BullMQ keeps their locks
 * renewed and cancellation reaches them (the processor checks the cancel
 * mark when it starts), so this costs latency, never correctness.
 */

export interface ServedQueue {
  base: string;
  processor: Processor;
  concurrency: number;
  slots: Slots;
  workers: Map<string, Worker>;
}

/** Parses the registry hash: queue name → needs, skipping malformed entries. */
export function registeredQueues(hash: Record<string, string>): Map<string, string[]> {
  const queues = new Map<string, string[]>();
  for (const [queue, value] of Object.entries(hash)) {
    try {
      const needs: unknown = JSON.parse(value);
      if (Array.isArray(needs) && needs.every((n) => typeof n === 'string')) {
        queues.set(queue, needs);
      }
    } catch {
      // Not ours: never served.
    }
  }
  return queues;
}

/** The registered queues of `base` that a node with `keys` can serve. */
export function servableQueues(
  registry: ReadonlyMap<string, string[]>,
  base: string,
  keys: ReadonlySet<string>,
): string[] {
  return [...registry]
    .filter(([queue, needs]) => queue.startsWith(`${base}@`) && needs.every((n) => keys.has(n)))
    .map(([queue]) => queue);
}

export function createCapabilityQueues(
  ctx: WorkerContext,
  keys: ReadonlySet<string>,
  onWorker: (worker: Worker) => void,
): CapabilityQueues {
  const bases = new Map<string, ServedQueue>();
  let closed = false;
  let refreshing: Promise<void> = Promise.resolve();

  const start = (served: ServedQueue, queue: string) => {
    const worker = new Worker(
      queue,
      async (job, token) => {
        const release = await served.slots.acquire();
        try {
          return await served.processor(job, token);
        } finally {
          release();
        }
      },
      { ...ctx.workerOptions, connection: ctx.redis(), concurrency: served.concurrency },
    );
    served.workers.set(queue, worker);
    onWorker(worker);
    return worker;
  };

  const refreshNow = async () => {
    if (closed || !bases.size) return;
    const registry = registeredQueues(await ctx.commands.hgetall(capabilityQueuesKey(ctx.prefix)));
    for (const served of bases.values()) {
      for (const queue of servableQueues(registry, served.base, keys)) {
        if (!closed && !served.workers.has(queue)) start(served, queue);
      }
    }
  };

  return {
    async serve<Data, Result>(
      base: string,
      processor: Processor<Data, Result>,
      concurrency: number,
    ) {
      const served: ServedQueue = {
        base,
        processor: processor as Processor,
        concurrency,
        slots: createSlots(concurrency),
        workers: new Map(),
      };
      bases.set(base, served);
      const worker = start(served, base);
      await this.refresh();
      return worker as unknown as Worker<Data, Result>;
    },
    refresh() {
      // One refresh at a time: a message and a heartbeat at once start one worker per queue.
      refreshing = refreshing.then(refreshNow, refreshNow);
      return refreshing;
    },
    served: () => [...bases.values()].flatMap((s) => [...s.workers.keys()]),
    async close() {
      closed = true;
      await refreshing.catch(() => undefined);
      await Promise.all(
        [...bases.values()].flatMap((s) => [...s.workers.values()].map((w) => w.close())),
      );
    },
  };
}

export interface Slots {
  /** Resolves with a release function once one of the slots is free (first come, first served). */
  acquire(): Promise<() => void>;
}

/** A counting semaphore: `limit` holders at once. */
export function createSlots(limit: number): Slots {
  let held = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else held--;
  };
  return {
    acquire() {
      if (held < limit) {
        held++;
        return Promise.resolve(once(release));
      }
      return new Promise((resolve) => waiting.push(() => resolve(once(release))));
    },
  };
}

const once = (fn: () => void) => {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
};

/**
 * How a node's worker for jobs of kind `base` takes them from `base` and
 * from every capability queue of `base` it can serve, within one budget of
 * `concurrency` jobs (scene jobs; image jobs plug in the same way).
 */
export function serveCapabilityQueues<Data, Result>(
  ctx: Pick<WorkerContext, 'capabilities'>,
  base: string,
  processor: Processor<Data, Result>,
  concurrency: number,
): Promise<Worker<Data, Result>> {
  return ctx.capabilities.serve(base, processor, concurrency);
}
