import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareOrdered, orderBetween, orderForIndex, orderKeys } from './ordering.ts';

test('keys generated between neighbours sort between them', () => {
  const [a, b] = orderKeys(2);
  assert.ok(a && b && a < b);
  const mid = orderBetween(a!, b!);
  assert.ok(a! < mid && mid < b!);
});

test('inverted or equal neighbours still produce a key after the first', () => {
  const k = orderBetween('a1', 'a1');
  assert.ok(k > 'a1');
  const k2 = orderBetween('a2', 'a1');
  assert.ok(k2 > 'a2');
});

test('orderForIndex places an item at every position', () => {
  const items = orderKeys(3).map((order, i) => ({ id: `s${i}`, order }));
  for (let index = 0; index <= items.length; index++) {
    const order = orderForIndex(items, index);
    const next = [...items, { id: 'new', order }].sort(compareOrdered);
    assert.equal(
      next.findIndex((s) => s.id === 'new'),
      index,
    );
  }
});

test('equal keys are ordered by id so every replica agrees', () => {
  const sorted = [
    { id: 'b', order: 'a0' },
    { id: 'a', order: 'a0' },
  ].sort(compareOrdered);
  assert.deepEqual(
    sorted.map((s) => s.id),
    ['a', 'b'],
  );
});
