import assert from 'node:assert/strict';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { contentKey } from '../content-key.ts';
import { leftoverTempFiles, temporaryStore } from './media-test-fixtures.ts';

const key = (n: number) => contentKey('test', { n });

test('produce makes an artifact once, at <2 hex>/<hash>.<ext>, then reuses it', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  let made = 0;
  const make = async (temp: string) => {
    made++;
    await writeFile(temp, 'content');
  };
  const first = await store.produce(key(1), 'txt', make);
  const second = await store.produce(key(1), 'txt', make);
  assert.equal(first.hit, false);
  assert.equal(second.hit, true);
  assert.equal(made, 1);
  assert.equal(first.path, `${store.root}/${key(1).slice(0, 2)}/${key(1)}.txt`);
  assert.equal(await readFile(first.path, 'utf8'), 'content');
  assert.equal(await store.locate(key(1)), first.path);
  assert.equal(await store.locate(key(2)), null);
});

test('concurrent producers of one artifact share one make', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  let made = 0;
  const make = async (temp: string) => {
    made++;
    await new Promise((r) => setTimeout(r, 20));
    await writeFile(temp, 'x');
  };
  const results = await Promise.all([1, 2, 3].map(() => store.produce(key(3), 'txt', make)));
  assert.equal(made, 1);
  assert.deepEqual(
    results.map((r) => r.hit),
    [false, true, true],
  );
});

test('a failed make leaves neither the artifact nor a temporary file', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  await assert.rejects(
    store.produce(key(4), 'txt', async (temp) => {
      await writeFile(temp, 'half');
      throw new Error('engine broke');
    }),
    /engine broke/,
  );
  assert.equal(await store.has(key(4), 'txt'), false);
  assert.deepEqual(await leftoverTempFiles(store), []);
});

test('a caller still running makes the artifact when the producer it joined was cancelled', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const cancelled = new AbortController();
  const first = store.produce(
    key(5),
    'txt',
    async () => {
      await new Promise((r) => setTimeout(r, 10));
      cancelled.abort();
      cancelled.signal.throwIfAborted();
    },
    { signal: cancelled.signal },
  );
  const second = store.produce(key(5), 'txt', (temp) => writeFile(temp, 'mine'), {
    signal: new AbortController().signal,
  });
  await assert.rejects(first, { name: 'AbortError' });
  const made = await second;
  assert.equal(await readFile(made.path, 'utf8'), 'mine');
});

test('importFile stores uploads under the hash of their bytes', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const source = `${store.root}/upload.bin`;
  await writeFile(source, 'abc');
  const hash = await store.importFile(source, 'bin');
  assert.equal(hash, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(await readFile(store.pathFor(hash, 'bin'), 'utf8'), 'abc');
});

test('garbageCollect removes unreferenced artifacts older than the grace period, and stale temp files', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const old = new Date(Date.now() - 2 * 3600_000);
  for (const n of [10, 11, 12]) {
    const { path } = await store.produce(key(n), 'txt', (temp) => writeFile(temp, String(n)));
    if (n !== 12) await utimes(path, old, old);
  }
  const scratch = await store.createScratch();
  await writeFile(scratch.file('stale.tmp'), 'x');
  await utimes(scratch.path, old, old);

  const report = await store.garbageCollect(new Set([key(10)]), { graceMs: 3600_000 });
  assert.equal(report.removed, 1);
  assert.equal(await store.has(key(10), 'txt'), true, 'referenced');
  assert.equal(await store.has(key(11), 'txt'), false, 'unreferenced and old');
  assert.equal(
    await store.has(key(12), 'txt'),
    true,
    'unreferenced but recent: a render may be using it',
  );
  assert.deepEqual(await leftoverTempFiles(store), []);
});

test('a reused artifact is protected again by the grace period', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const old = new Date(Date.now() - 2 * 3600_000);
  const { path } = await store.produce(key(20), 'txt', (temp) => writeFile(temp, 'x'));
  await utimes(path, old, old);
  await store.produce(key(20), 'txt', () => Promise.reject(new Error('not called')));
  const report = await store.garbageCollect(new Set(), { graceMs: 3600_000 });
  assert.equal(report.removed, 0);
});

test('produceRecorded stores the record beside its asset; a failed make leaves neither', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const record = (hash: string) => ({
    hash,
    kind: 'picture' as const,
    engine: { id: 'procedural', version: 'p-1' },
    seed: 7,
    provider: 'none' as const,
    device: 'cpu',
    nodeId: store.owner,
    durationMs: 12,
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  const made = await store.produceRecorded(key(40), 'png', async (temp) => {
    await writeFile(temp, 'png');
    return record(key(40));
  });
  assert.equal(made.hit, false);
  assert.deepEqual(await store.readRecord(key(40)), record(key(40)));
  // The record is never taken for the asset (uploads are located by hash alone).
  assert.equal(await store.locate(key(40)), made.path);
  await assert.rejects(
    store.produceRecorded(key(41), 'png', async (temp) => {
      await writeFile(temp, 'png');
      throw new Error('engine failed');
    }),
    /engine failed/,
  );
  assert.equal(await store.readRecord(key(41)), null);
  assert.equal(await store.has(key(41), 'png'), false);
  // A record naming another hash is refused: a record always describes its own asset.
  await assert.rejects(
    store.produceRecorded(key(42), 'png', async (temp) => {
      await writeFile(temp, 'png');
      return record(key(43));
    }),
    /names/,
  );
  assert.equal(await store.has(key(42), 'png'), false);
  assert.equal(await store.readRecord('../../etc/passwd'), null);
  assert.deepEqual(await leftoverTempFiles(store), []);
  // Garbage collection takes the record with its asset.
  const report = await store.garbageCollect(new Set(), { graceMs: 0, now: Date.now() + 1000 });
  assert.equal(report.removed, 2);
  assert.equal(await store.readRecord(key(40)), null);
});
