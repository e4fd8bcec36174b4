import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FIT_MAX_PPS,
  MAX_PPS,
  MIN_BLOCK_PX,
  MIN_PPS,
  blockWidth,
  dropTarget,
  firstWords,
  fitPps,
  formatTime,
  initials,
  layoutBlocks,
  moveChangesOrder,
  orderAfterMove,
  ppsToSlider,
  resizedDuration,
  roundDuration,
  sceneAtTime,
  sliderToPps,
  tickSpacing,
  ticksBetween,
  timeToX,
  xToTime,
  zoomStep,
} from './timeline-math.ts';

test('block widths follow the zoom but never drop below the minimum', () => {
  assert.equal(blockWidth(5, 20), 100);
  assert.equal(blockWidth(1, 4), MIN_BLOCK_PX);
  assert.equal(blockWidth(0, 100), MIN_BLOCK_PX);
});

test('seconds and pixels convert both ways, following the block layout', () => {
  const layout = layoutBlocks([5, 10, 2.5], 10);
  assert.deepEqual(layout.starts, [0, 50, 150]);
  assert.deepEqual(layout.secStarts, [0, 5, 15]);
  assert.equal(layout.totalSec, 17.5);
  assert.equal(layout.totalPx, 178); // the last block is 25 px → the 28 px minimum
  assert.equal(timeToX(layout, 0), 0);
  assert.equal(timeToX(layout, 2.5), 25);
  assert.equal(timeToX(layout, 5), 50);
  assert.equal(timeToX(layout, 10), 100);
  assert.equal(timeToX(layout, 16.25), 164); // halfway through the widened block
  assert.equal(timeToX(layout, 20), 178 + 25); // past the end: plain zoom rate
  for (const sec of [0, 1, 4.9, 5, 7.3, 15, 16, 17.5, 30]) {
    assert.ok(Math.abs(xToTime(layout, timeToX(layout, sec)) - sec) < 1e-9, `round trip ${sec}`);
  }
  assert.equal(xToTime(layout, 75), 7.5);
  assert.equal(timeToX(layout, -1), -10);
});

test('an empty timeline maps linearly', () => {
  const layout = layoutBlocks([], 8);
  assert.equal(layout.totalPx, 0);
  assert.equal(timeToX(layout, 3), 24);
  assert.equal(xToTime(layout, 24), 3);
});

test('the drop index is the position among the blocks not moved', () => {
  const blocks = [
    { start: 0, end: 100 },
    { start: 100, end: 150 },
    { start: 150, end: 300 },
  ];
  assert.deepEqual(dropTarget(-20, blocks), { index: 0, x: 0 });
  assert.deepEqual(dropTarget(49, blocks), { index: 0, x: 0 });
  assert.deepEqual(dropTarget(51, blocks), { index: 1, x: 100 });
  assert.deepEqual(dropTarget(124, blocks), { index: 1, x: 100 });
  assert.deepEqual(dropTarget(126, blocks), { index: 2, x: 150 });
  assert.deepEqual(dropTarget(260, blocks), { index: 3, x: 300 });
  assert.deepEqual(dropTarget(9999, blocks), { index: 3, x: 300 });
  assert.deepEqual(dropTarget(40, []), { index: 0, x: 0 });
  // Blocks not moved may have gaps where the moved ones sit.
  const withGap = [
    { start: 0, end: 100 },
    { start: 180, end: 240 },
  ];
  assert.deepEqual(dropTarget(140, withGap), { index: 1, x: 100 });
});

test('moves keep the moved group in its order and detect no-op drops', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];
  assert.deepEqual(orderAfterMove(order, ['d', 'b'], 0), ['b', 'd', 'a', 'c', 'e']);
  assert.deepEqual(orderAfterMove(order, ['a'], 4), ['b', 'c', 'd', 'e', 'a']);
  assert.deepEqual(orderAfterMove(order, ['a'], 99), ['b', 'c', 'd', 'e', 'a']);
  assert.equal(moveChangesOrder(order, ['c'], 2), false);
  assert.equal(moveChangesOrder(order, ['c'], 3), true);
  assert.equal(moveChangesOrder(order, ['b', 'c'], 1), false);
  assert.equal(moveChangesOrder(order, ['b', 'd'], 1), true);
});

test('resized durations are rounded to 0.5 s and clamped to 1..600', () => {
  assert.equal(roundDuration(4.26), 4.5);
  assert.equal(roundDuration(4.24), 4);
  assert.equal(roundDuration(0.2), 1);
  assert.equal(roundDuration(-3), 1);
  assert.equal(roundDuration(1000), 600);
  assert.equal(roundDuration(Number.NaN), 1);
  assert.equal(resizedDuration(4, 30, 20), 5.5);
  assert.equal(resizedDuration(4, -200, 20), 1);
  assert.equal(resizedDuration(599, 400, 20), 600);
});

test('ruler ticks stay readable at every zoom', () => {
  assert.deepEqual(tickSpacing(160), { major: 1, minor: 0.5 });
  assert.deepEqual(tickSpacing(40), { major: 2, minor: 0.5 });
  assert.deepEqual(tickSpacing(24), { major: 5, minor: 1 });
  assert.deepEqual(tickSpacing(4), { major: 30, minor: 5 });
  for (let pps = MIN_PPS; pps <= MAX_PPS; pps += 0.7) {
    const { major, minor } = tickSpacing(pps);
    assert.ok(major * pps >= 72, `major spacing at ${pps}`);
    assert.ok(minor * pps >= 16 || minor === major, `minor spacing at ${pps}`);
    assert.equal(major % minor, 0);
  }
  const ticks = ticksBetween(0, 10, 24);
  assert.equal(ticks.length, 11);
  assert.deepEqual(
    ticks.filter((t) => t.major).map((t) => t.sec),
    [0, 5, 10],
  );
  assert.deepEqual(
    ticksBetween(-5, 2, 160).map((t) => t.sec),
    [0, 0.5, 1, 1.5, 2],
  );
});

test('times read as m:ss', () => {
  assert.equal(formatTime(0), '0:00');
  assert.equal(formatTime(4.9), '0:04');
  assert.equal(formatTime(65), '1:05');
  assert.equal(formatTime(600), '10:00');
  assert.equal(formatTime(3725), '1:02:05');
  assert.equal(formatTime(-3), '0:00');
});

test('zoom: steps, log slider and fitting the project in view', () => {
  assert.equal(zoomStep(24, 1), 36);
  assert.equal(zoomStep(24, -1), 16);
  assert.equal(zoomStep(MAX_PPS, 1), MAX_PPS);
  assert.equal(zoomStep(MIN_PPS, -1), MIN_PPS);
  assert.equal(ppsToSlider(MIN_PPS), 0);
  assert.equal(ppsToSlider(MAX_PPS), 100);
  assert.equal(sliderToPps(0), MIN_PPS);
  assert.equal(sliderToPps(100), MAX_PPS);
  for (const v of [0, 13, 50, 77, 100]) assert.equal(ppsToSlider(sliderToPps(v)), v);

  assert.equal(fitPps([60], 1000 + 48), 1000 / 60 - ((1000 / 60) % 0.1));
  const fitted = fitPps([10, 20, 30, 1], 848);
  const width = layoutBlocks([10, 20, 30, 1], fitted).totalPx;
  assert.ok(width <= 800 && width > 780, `fits: ${width}`);
  assert.equal(fitPps([1, 1], 5000), FIT_MAX_PPS);
  assert.equal(fitPps(Array(300).fill(5), 1000), MIN_PPS);
  assert.equal(fitPps([], 1000), 24);
});

test('narration previews and initials', () => {
  assert.equal(firstWords('  The lighthouse keeper   wakes '), 'The lighthouse keeper wakes');
  assert.equal(firstWords('one two three four five', 3), 'one two three…');
  assert.equal(firstWords(''), '');
  assert.equal(initials('Ada Lovelace'), 'AL');
  assert.equal(initials('grace'), 'GR');
  assert.equal(initials('Jean de la Fontaine'), 'JF');
  assert.equal(initials(''), '?');
});

test('the scene at a time on the timeline, and how far into it', () => {
  const layout = layoutBlocks([2, 4, 0], 10);
  assert.deepEqual(sceneAtTime(layout, 0), { index: 0, fraction: 0 });
  assert.deepEqual(sceneAtTime(layout, 1), { index: 0, fraction: 0.5 });
  assert.deepEqual(sceneAtTime(layout, 3), { index: 1, fraction: 0.25 });
  // A zero-length last scene starts where the total ends: the end is its start.
  assert.deepEqual(sceneAtTime(layout, 6), { index: 2, fraction: 0 });
  assert.equal(sceneAtTime(layout, 6.5), null);
  assert.equal(sceneAtTime(layout, -1), null);
  assert.equal(sceneAtTime(layoutBlocks([], 10), 0), null);
});
