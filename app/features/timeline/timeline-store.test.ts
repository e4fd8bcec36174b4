import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DurationStore, PreviewStore } from './timeline-store.ts';

test('the duration store notifies only on real changes', () => {
  const store = new DurationStore();
  let calls = 0;
  const stop = store.subscribe(() => calls++);
  const v0 = store.getVersion();
  store.set('a', 4);
  store.set('a', 4);
  assert.equal(calls, 1);
  assert.equal(store.get('a'), 4);
  assert.notEqual(store.getVersion(), v0);
  store.set('a', 5.5);
  store.delete('a');
  store.delete('a');
  assert.equal(calls, 3);
  assert.equal(store.get('a'), undefined);
  stop();
  store.set('b', 1);
  assert.equal(calls, 3);
});

test('the preview store holds one scene being resized', () => {
  const store = new PreviewStore();
  let calls = 0;
  store.subscribe(() => calls++);
  store.set('a', 3);
  store.set('a', 3);
  assert.equal(store.get('a'), 3);
  assert.equal(store.get('b'), null);
  store.set('b', 2);
  assert.equal(store.get('a'), null);
  store.clear();
  store.clear();
  assert.equal(store.current, null);
  assert.equal(calls, 3);
});
