/**
 * Fair scheduling of render jobs between users (issue 9, item 8), as BullMQ
 * priorities: lower runs sooner, equal priorities run first in, first out,
 * and a job without a priority would jump every prioritized one, so every
 * render job gets one.
 *
 * Start-time fair queueing: each user's new jobs are numbered on from the
 * last number that user was given, but never below the priority of the job
 * at the head of the queue. So a user's batch of 20 takes 20 consecutive
 * numbers, and another user's first job, numbered from the head, runs after
 * at most one job of each user already waiting: one person's batch never
 * starves another's render, and a user who arrives late shares the queue from
 * that moment on instead of jumping a batch already half done.
 */

/** BullMQ's largest priority (its PRIORITY_LIMIT, 2^21 − 1). */
export const MAX_JOB_PRIORITY = 2 ** 21 - 1;

export interface FairPriorityInput {
  /** Priority of the job at the head of the queue; 0 when nothing waits. */
  head: number;
  /** The last priority this user was given in this queue; 0 when none is remembered. */
  last: number;
  /** How many jobs are being added. */
  count: number;
}

/**
 * Priorities for a user's `count` new jobs, and the new `last` to remember.
 * An empty queue starts everyone again from 1, so numbers only grow while the
 * queue is never empty; past the limit they stay at it (plain FIFO there).
 */
export function fairPriorities({ head, last, count }: FairPriorityInput): {
  priorities: number[];
  last: number;
} {
  const first = head > 0 ? Math.max(head, last + 1) : 1;
  const priorities = Array.from({ length: count }, (_, i) => Math.min(first + i, MAX_JOB_PRIORITY));
  return { priorities, last: Math.min(first + count - 1, MAX_JOB_PRIORITY) };
}
