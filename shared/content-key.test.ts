import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { contentKey, isContentHash, sha256Hex } from './content-key.ts';

test('sha256Hex matches node:crypto on text of every length around the block boundaries', () => {
  for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
    const text = 'é€x'.repeat(length).slice(0, length);
    const expected = createHash('sha256').update(text, 'utf8').digest('hex');
    assert.equal(sha256Hex(text), expected, `length ${length}`);
  }
});

test('sha256Hex hashes bytes', () => {
  const bytes = new Uint8Array([0, 1, 2, 255]);
  assert.equal(sha256Hex(bytes), createHash('sha256').update(bytes).digest('hex'));
});

test('contentKey ignores key order and separates kinds', () => {
  const a = contentKey('segment', { frames: 10, picture: 'p', options: { x: 1, y: 2 } });
  const b = contentKey('segment', { options: { y: 2, x: 1 }, picture: 'p', frames: 10 });
  assert.equal(a, b);
  assert.ok(isContentHash(a));
  assert.notEqual(
    a,
    contentKey('transition', { frames: 10, picture: 'p', options: { x: 1, y: 2 } }),
  );
  assert.notEqual(a, contentKey('segment', { frames: 11, picture: 'p', options: { x: 1, y: 2 } }));
});
