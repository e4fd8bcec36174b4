import type { Processor, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { MediaStore } from '../../shared/node/media-store.ts';
import type { RenderEngines } from '../render-context.ts';
import type { RenderPlan } from '../stages/plan.ts';
import type { CancelSignals } from './cancel-signals.ts';
import type { PublishEvent } from './node-events.ts';

/** What every worker of a node shares: made once by render-workers.ts. */
export interface WorkerContext {
  prefix: string;
  /** This node's id: its heartbeat's field, its workers' name (a job's `processedBy`). */
  nodeId: string;
  store: MediaStore;
  engines: RenderEngines;
  /** A shared connection for plain commands (cancel marks, fair priorities, publishing). */
  commands: Redis;
  /** A new Redis connection (BullMQ wants one per worker). */
  redis(): Redis;
  /** BullMQ worker options common to the three workers (prefix, locks, stalls). */
  workerOptions: {
    prefix: string;
    lockDuration: number;
    stalledInterval: number;
    maxStalledCount: number;
    /** The node id: BullMQ records it as each job's `processedBy`. */
    name?: string;
  };
  /** Serves a base queue and the capability queues of it this node can (capability-queues.ts). */
  capabilities: CapabilityQueues;
  publish: PublishEvent;
  signals: CancelSignals;
  loadPlan(hash: string): Promise<RenderPlan>;
}

/** A node's workers over a base queue and its capability queues (capability-queues.ts). */
export interface CapabilityQueues {
  /**
   * Serves `base` and its capability queues with `processor`, `concurrency`
   * jobs at once over all of them. Returns the base queue's worker.
   */
  serve<Data, Result>(
    base: string,
    processor: Processor<Data, Result>,
    concurrency: number,
  ): Promise<Worker<Data, Result>>;
  /** Reads the registry and starts workers for newly servable queues. */
  refresh(): Promise<void>;
  /** Every queue this node serves now, base queues included. */
  served(): string[];
  close(): Promise<void>;
}
