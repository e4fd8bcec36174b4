import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UpdateLogWriter } from './update-log-writer.ts';

const u = (n: number) => new Uint8Array([n]);

test('updates are appended in batches, in order', async () => {
  const written: number[][] = [];
  let id = 0;
  const writer = new UpdateLogWriter({
    flushDelayMs: 5,
    append: async (_doc, updates) => {
      written.push(updates.map((x) => x[0]!));
      id += updates.length;
      return id;
    },
  });
  for (let i = 0; i < 5; i++) writer.enqueue('d', u(i));
  await writer.flush('d');
  assert.deepEqual(written.flat(), [0, 1, 2, 3, 4]);
  assert.equal(writer.lastWrittenId('d'), 5);
  assert.equal(writer.hasPending('d'), false);
});

test('a failing append is retried and nothing is dropped or reordered', async () => {
  const written: number[] = [];
  let failuresLeft = 2;
  const writer = new UpdateLogWriter({
    flushDelayMs: 1,
    maxBackoffMs: 5,
    append: async (_doc, updates) => {
      if (failuresLeft-- > 0) throw new Error('database unavailable');
      written.push(...updates.map((x) => x[0]!));
      return written.length;
    },
  });
  writer.enqueue('d', u(1));
  writer.enqueue('d', u(2));
  await assert.rejects(writer.flush('d'), /database unavailable/);
  writer.enqueue('d', u(3));
  assert.ok(writer.lagMs() >= 0);
  // The writer retries on its own; wait for it.
  for (let i = 0; i < 200 && writer.hasPending('d'); i++)
    await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(written, [1, 2, 3]);
  assert.equal(writer.pendingCount(), 0);
  assert.equal(writer.lagMs(), 0);
});
