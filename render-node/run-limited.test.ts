import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withProcessSlot, processLimit, setProcessLimit } from '../shared/node/process-slots.ts';
import { runLimited } from './run-limited.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

test('runLimited keeps at most `limit` tasks running and returns results in order', async () => {
  let running = 0;
  let most = 0;
  const results = await runLimited(
    [1, 2, 3, 4, 5].map((n) => async () => {
      most = Math.max(most, ++running);
      await tick();
      running--;
      return n * 10;
    }),
    2,
    new AbortController().signal,
  );
  assert.deepEqual(results, [10, 20, 30, 40, 50]);
  assert.equal(most, 2);
});

test('the first failure aborts the other tasks and is thrown once all have settled', async () => {
  const settled: string[] = [];
  await assert.rejects(
    runLimited(
      [
        async () => {
          await tick();
          throw new Error('first');
        },
        async (signal: AbortSignal) => {
          await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
          settled.push('sibling saw the abort');
          signal.throwIfAborted();
        },
        async () => {
          settled.push('never started');
        },
      ],
      2,
      new AbortController().signal,
    ),
    /first/,
  );
  assert.deepEqual(settled, ['sibling saw the abort']);
});

test('process slots queue work beyond the limit; cancelling a waiter leaves the queue', async () => {
  const before = processLimit();
  setProcessLimit(1);
  try {
    const order: string[] = [];
    const first = withProcessSlot(new AbortController().signal, async () => {
      await tick();
      order.push('first');
    });
    const cancelled = new AbortController();
    const waiting = withProcessSlot(cancelled.signal, async () => order.push('cancelled one ran'));
    const third = withProcessSlot(new AbortController().signal, async () => order.push('third'));
    cancelled.abort();
    await assert.rejects(waiting, { name: 'AbortError' });
    await Promise.all([first, third]);
    assert.deepEqual(order, ['first', 'third']);
  } finally {
    setProcessLimit(before);
  }
});
