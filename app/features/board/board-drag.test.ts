import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { boardDropTarget, DROP_LINE_OUTSIDE_PX, type CardBox } from './board-drag.ts';

// Three 100 px cards with 20 px gaps: a 0–100, b 120–220, c 240–340.
const cards: CardBox[] = [
  { id: 'a', top: 0, bottom: 100 },
  { id: 'b', top: 120, bottom: 220 },
  { id: 'c', top: 240, bottom: 340 },
];
const none = new Set<string>();

describe('boardDropTarget', () => {
  test('above the first card’s middle lands first, the line just above it', () => {
    assert.deepEqual(boardDropTarget(cards, none, 10), { index: 0, y: -DROP_LINE_OUTSIDE_PX });
    assert.deepEqual(boardDropTarget(cards, none, -500), { index: 0, y: -DROP_LINE_OUTSIDE_PX });
  });

  test('between two middles lands between those cards, the line centred in their gap', () => {
    assert.deepEqual(boardDropTarget(cards, none, 60), { index: 1, y: 110 });
    assert.deepEqual(boardDropTarget(cards, none, 170), { index: 1, y: 110 });
    assert.deepEqual(boardDropTarget(cards, none, 171), { index: 2, y: 230 });
  });

  test('past the last card’s middle lands at the end, the line just below it', () => {
    assert.deepEqual(boardDropTarget(cards, none, 300), {
      index: 3,
      y: 340 + DROP_LINE_OUTSIDE_PX,
    });
  });

  test('the moving cards do not count: the index is among the cards that stay', () => {
    // Dragging c above a: the pointer over a's upper half gives index 0 among [a, b].
    assert.deepEqual(boardDropTarget(cards, new Set(['c']), 20), {
      index: 0,
      y: -DROP_LINE_OUTSIDE_PX,
    });
    // Dragging b: over b's own place, the gap it leaves is between a and c.
    assert.deepEqual(boardDropTarget(cards, new Set(['b']), 170), { index: 1, y: 170 });
    // A multi-selection (a and c) over b's lower half: after b, the only card left.
    assert.deepEqual(boardDropTarget(cards, new Set(['a', 'c']), 200), {
      index: 1,
      y: 220 + DROP_LINE_OUTSIDE_PX,
    });
  });

  test('nowhere to land when every card moves', () => {
    assert.equal(boardDropTarget(cards, new Set(['a', 'b', 'c']), 50), null);
    assert.equal(boardDropTarget([], none, 50), null);
  });
});
