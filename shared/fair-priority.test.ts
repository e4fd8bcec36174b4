import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fairPriorities, MAX_JOB_PRIORITY } from './fair-priority.ts';

/** Simulates a queue served in (priority, arrival) order, as BullMQ serves prioritized jobs. */
function serve(jobs: { user: string; priority: number }[]) {
  return jobs
    .map((job, arrival) => ({ ...job, arrival }))
    .sort((a, b) => a.priority - b.priority || a.arrival - b.arrival)
    .map((job) => job.user);
}

test('an empty queue numbers from 1, whatever the user was given before', () => {
  assert.deepEqual(fairPriorities({ head: 0, last: 0, count: 3 }), {
    priorities: [1, 2, 3],
    last: 3,
  });
  assert.deepEqual(fairPriorities({ head: 0, last: 40, count: 2 }).priorities, [1, 2]);
});

test('a user’s next batch follows their last one', () => {
  assert.deepEqual(fairPriorities({ head: 2, last: 20, count: 3 }), {
    priorities: [21, 22, 23],
    last: 23,
  });
});

test('a newcomer is numbered from the head: their first job runs after one of each waiting user', () => {
  // A queued 20 scenes (1..20); A's first two started, the head is now 3.
  const a = fairPriorities({ head: 0, last: 0, count: 20 });
  const b = fairPriorities({ head: 3, last: 0, count: 1 });
  assert.deepEqual(b.priorities, [3]);
  const waiting = [
    ...a.priorities.slice(2).map((priority) => ({ user: 'A', priority })),
    ...b.priorities.map((priority) => ({ user: 'B', priority })),
  ];
  assert.deepEqual(serve(waiting).slice(0, 2), ['A', 'B']);
});

test('a user who falls behind the head is numbered from the head, not from their old number', () => {
  assert.deepEqual(fairPriorities({ head: 250, last: 7, count: 2 }).priorities, [250, 251]);
});

test('two batches queued together are served round-robin, the late one sharing from its arrival', () => {
  const a = fairPriorities({ head: 0, last: 0, count: 6 });
  const b = fairPriorities({ head: 1, last: 0, count: 6 });
  const order = serve([
    ...a.priorities.map((priority) => ({ user: 'A', priority })),
    ...b.priorities.map((priority) => ({ user: 'B', priority })),
  ]);
  assert.deepEqual(order, ['A', 'B', 'A', 'B', 'A', 'B', 'A', 'B', 'A', 'B', 'A', 'B']);
});

test('numbers never pass BullMQ’s limit', () => {
  const next = fairPriorities({ head: MAX_JOB_PRIORITY - 1, last: MAX_JOB_PRIORITY - 1, count: 3 });
  assert.deepEqual(next.priorities, [MAX_JOB_PRIORITY, MAX_JOB_PRIORITY, MAX_JOB_PRIORITY]);
  assert.equal(next.last, MAX_JOB_PRIORITY);
  assert.equal(MAX_JOB_PRIORITY, 2 ** 21 - 1);
});
