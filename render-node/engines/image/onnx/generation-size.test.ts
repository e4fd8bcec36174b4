import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generationSize } from './generation-size.ts';

test('a 512 model: the project aspects', () => {
  assert.deepEqual(generationSize('16:9', 512), { width: 768, height: 432 });
  assert.deepEqual(generationSize('1:1', 512), { width: 512, height: 512 });
  assert.deepEqual(generationSize('9:16', 512), { width: 432, height: 768 });
  assert.deepEqual(generationSize('4:5', 512), { width: 512, height: 640 });
});

test('an output size gives its shape', () => {
  assert.deepEqual(generationSize({ width: 1920, height: 1080 }, 512), { width: 768, height: 432 });
  assert.deepEqual(generationSize({ width: 1080, height: 1080 }, 512), { width: 512, height: 512 });
});

test('multiples of 8 within the area bound for any shape and native size', () => {
  for (const native of [256, 512, 768, 1024]) {
    for (const [w, h] of [
      [1000, 333],
      [333, 1000],
      [1280, 720],
      [4, 3],
      [21, 9],
    ] as const) {
      const size = generationSize({ width: w, height: h }, native);
      assert.equal(size.width % 8, 0);
      assert.equal(size.height % 8, 0);
      assert.ok(size.width * size.height <= native * native * 1.27, `${w}×${h} @${native}`);
      assert.ok(Math.min(size.width, size.height) <= native);
      assert.equal(size.width >= size.height, w >= h);
    }
  }
});

test('bad sizes are clear errors', () => {
  assert.throws(() => generationSize({ width: 0, height: 10 }, 512), /must be positive/);
  assert.throws(() => generationSize('1:1', 500), /multiple of 8/);
});
