import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { fairPriorities } from '../fair-priority.ts';
import { fairShareKey } from '../render/render-queue.ts';

/** How long a user's last priority is remembered in a queue that never empties. */
const REMEMBER_SEC = 24 * 3600;

/**
 * Hands out fair BullMQ priorities (shared/fair-priority.ts) for render jobs:
 * the head of a queue is read from BullMQ, each user's last priority is kept
 * in one Redis hash per queue, and the hash is dropped whenever the queue is
 * found empty, so numbering starts again from 1 for everyone.
 *
 * Reservations of one process run one after another. Two processes reserving
 * for the same user at the same instant may give both batches the same
 * numbers: that user then gets two turns per round for a while; nobody is
 * starved and every job still runs.
 */
export function createFairPriorities(redis: Redis, prefix: string) {
  let previous: Promise<unknown> = Promise.resolve();

  async function reserve(queue: Queue, user: string, count: number): Promise<number[]> {
    const key = fairShareKey(prefix, queue.name);
    const [head] = await queue.getPrioritized(0, 0);
    if (!head) await redis.del(key);
    const last = Number((await redis.hget(key, user)) ?? 0);
    const next = fairPriorities({ head: head?.priority ?? 0, last, count });
    await redis.multi().hset(key, user, next.last).expire(key, REMEMBER_SEC).exec();
    return next.priorities;
  }

  /** Priorities for `count` jobs `user` is adding to `queue`, in the order they are added. */
  return function reserveFor(queue: Queue, user: string, count: number): Promise<number[]> {
    const reserved = previous.then(() => reserve(queue, user, count));
    previous = reserved.catch(() => undefined);
    return reserved;
  };
}
