import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMusic } from './music-bed.ts';

test('the music track shows a bed at its volume, full volume when unreadable, or none', () => {
  assert.equal(parseMusic(null), null);
  assert.equal(parseMusic(undefined), null);
  assert.equal(parseMusic('song.mp3'), null);
  assert.deepEqual(parseMusic({ volume: 0.4 }), { volume: 0.4 });
  assert.deepEqual(parseMusic({ volume: Number.NaN }), { volume: 1 });
  assert.deepEqual(parseMusic({}), { volume: 1 });
});
