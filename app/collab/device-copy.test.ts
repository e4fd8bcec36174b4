import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { DeviceCopy, deviceCopyName } from './device-copy.ts';

test('each user keeps a separate device copy of each project', () => {
  assert.equal(deviceCopyName('u1', 'p1'), 'montage:u1:p1');
  assert.notEqual(deviceCopyName('u1', 'p1'), deviceCopyName('u2', 'p1'));
});

test('without IndexedDB the session works online: nothing pending, nothing stored', async () => {
  const copy = new DeviceCopy();
  assert.deepEqual(await copy.open('montage:u1:p1', new Y.Doc()), { pending: false });
  copy.markPending(true);
  copy.clear();
  copy.destroy();
});
