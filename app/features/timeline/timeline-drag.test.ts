import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AUTO_SCROLL_EDGE_PX,
  AUTO_SCROLL_STEP_PX,
  autoScrollBy,
  draggedIds,
  dragTarget,
} from './timeline-drag.ts';
import { layoutBlocks } from './timeline-math.ts';

const order = ['a', 'b', 'c', 'd'];

test('dragging a selected block moves the selection in board order; any other block moves alone', () => {
  assert.deepEqual(draggedIds(order, 'c', new Set(['d', 'c', 'a'])), ['a', 'c', 'd']);
  assert.deepEqual(draggedIds(order, 'b', new Set(['a', 'c'])), ['b']);
  assert.deepEqual(draggedIds(order, 'c', new Set(['c'])), ['c']);
  assert.deepEqual(draggedIds(order, 'c', new Set()), ['c']);
});

test('the drop lands among the blocks that stay, the dragged ones left out', () => {
  // Four 10 s blocks at 10 px/s: a 0-100, b 100-200, c 200-300, d 300-400.
  const layout = layoutBlocks([10, 10, 10, 10], 10);
  assert.deepEqual(dragTarget(order, layout, ['a'], 0), { index: 0, x: 100 });
  assert.deepEqual(dragTarget(order, layout, ['a'], 260), { index: 2, x: 300 });
  assert.deepEqual(dragTarget(order, layout, ['a'], 999), { index: 3, x: 400 });
  assert.deepEqual(dragTarget(order, layout, ['b', 'c'], 360), { index: 2, x: 400 });
  assert.deepEqual(dragTarget(order, layout, order, 50), { index: 0, x: 0 });
});

test('near an edge of the track the drag scrolls it, elsewhere not', () => {
  const edges = { left: 100, right: 900 };
  assert.equal(autoScrollBy(100 + AUTO_SCROLL_EDGE_PX - 1, edges), -AUTO_SCROLL_STEP_PX);
  assert.equal(autoScrollBy(900 - AUTO_SCROLL_EDGE_PX + 1, edges), AUTO_SCROLL_STEP_PX);
  assert.equal(autoScrollBy(500, edges), 0);
});
