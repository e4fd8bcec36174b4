import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BELOW_PANEL_PX, fitInside, SIDE_PANEL_PX, theatreLayout } from './theatre-layout.ts';

const WIDE = { width: 1920, height: 1080 };
const TALL = { width: 1080, height: 1920 };

test('fitting keeps the aspect inside the box', () => {
  assert.deepEqual(fitInside({ width: 1000, height: 300 }, WIDE), { width: 533, height: 300 });
  assert.deepEqual(fitInside({ width: 320, height: 1000 }, WIDE), { width: 320, height: 180 });
  assert.deepEqual(fitInside({ width: -5, height: 100 }, WIDE), { width: 0, height: 0 });
  assert.deepEqual(fitInside({ width: 100, height: 100 }, { width: 0, height: 9 }), {
    width: 0,
    height: 0,
  });
});

test('a wide stage puts the chapters beside either aspect, the video taking the height', () => {
  const stage = { width: 1380, height: 560 };
  const wide = theatreLayout(stage, WIDE);
  assert.equal(wide.layout, 'side');
  assert.equal(wide.video.height, 560);
  assert.ok(wide.video.width <= stage.width - SIDE_PANEL_PX);
  const tall = theatreLayout(stage, TALL);
  assert.equal(tall.layout, 'side');
  assert.equal(tall.video.height, 560);
});

test('a narrow, tall stage puts the chapters below', () => {
  const stage = { width: 700, height: 900 };
  const wide = theatreLayout(stage, WIDE);
  assert.equal(wide.layout, 'below');
  assert.equal(wide.video.width, 700);
  assert.ok(wide.video.height <= stage.height - BELOW_PANEL_PX);
});
