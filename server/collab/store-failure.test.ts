import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CorruptDocumentError } from './document-store.ts';
import { classifyStoreFailure, StoreHealth } from './store-failure.ts';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

test('refused data and corrupt documents are permanent; outages and timeouts are transient', () => {
  for (const code of ['22021', '22P05', '22001', '23514', '23502', '23505']) {
    assert.equal(classifyStoreFailure(pgError(code)), 'permanent', code);
  }
  assert.equal(classifyStoreFailure(new CorruptDocumentError('p', new Error('x'))), 'permanent');
  for (const code of ['08006', '40001', '40P01', '57P01', '53300', 'ECONNREFUSED']) {
    assert.equal(classifyStoreFailure(pgError(code)), 'transient', code);
  }
  assert.equal(classifyStoreFailure(new Error('compaction timed out after 5000 ms')), 'transient');
  assert.equal(classifyStoreFailure(null), 'transient');
});

test('StoreHealth counts failures and reports a permanent one once per document', () => {
  const health = new StoreHealth();
  assert.equal(health.failed('a', 'transient'), false);
  assert.equal(health.failed('a', 'permanent'), true);
  assert.equal(health.failed('a', 'permanent'), false);
  assert.deepEqual(health.failures, { permanent: 2, transient: 1 });
  assert.equal(health.unstorableCount, 1);
  health.stored('a');
  assert.equal(health.isUnstorable('a'), false);
  assert.equal(health.unstorableCount, 0);
});
