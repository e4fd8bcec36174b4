import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bedName, parseMusic } from './music-bed.ts';

const asset = 'a'.repeat(64);

test('the music track shows a bed at its volume, full volume when unreadable, or none', () => {
  assert.equal(parseMusic(null), null);
  assert.equal(parseMusic(undefined), null);
  assert.equal(parseMusic('song.mp3'), null);
  assert.deepEqual(parseMusic({ volume: 0.4 }), {
    asset: null,
    volume: 0.4,
    name: null,
    duck: true,
    generated: false,
  });
  assert.equal(parseMusic({ volume: Number.NaN })?.volume, 1);
  assert.equal(parseMusic({})?.volume, 1);
});

test('a bed keeps its name and its ducking; ducking is on unless turned off', () => {
  assert.deepEqual(parseMusic({ asset, volume: 0.35, name: 'Theme.mp3', duck: false }), {
    asset,
    volume: 0.35,
    name: 'Theme.mp3',
    duck: false,
    generated: false,
  });
  assert.equal(parseMusic({ asset, volume: 0.35 })?.duck, true);
  assert.equal(parseMusic({ asset, volume: 0.35, duck: 'no' })?.duck, true);
  assert.equal(parseMusic({ asset, volume: 0.35, name: '  ' })?.name, null);
  assert.equal(parseMusic({ asset: 'x', volume: 0.35 })?.asset, null);
});

test('a generated soundtrack is marked, with or without its preview', () => {
  assert.equal(
    parseMusic({ volume: 0.35, generated: { seed: 1, followStory: true } })?.generated,
    true,
  );
  assert.equal(parseMusic({ asset, volume: 0.35, generated: { seed: 1 } })?.generated, true);
  assert.equal(parseMusic({ asset, volume: 0.35, generated: null })?.generated, false);
});

test('a bed without a name is called what it is', () => {
  const t = (key: string) => key;
  assert.equal(bedName(parseMusic({ asset, volume: 1, name: 'Theme.mp3' })!, t), 'Theme.mp3');
  assert.equal(bedName(parseMusic({ asset, volume: 1 })!, t), 'music.lane.unnamed');
  assert.equal(
    bedName(parseMusic({ volume: 1, generated: { seed: 1 } })!, t),
    'music.lane.generatedPending',
  );
});
