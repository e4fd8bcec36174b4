import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sceneDuration } from './scene-duration.ts';
import { estimateDuration, MIN_SCENE_SEC } from './analysis/scene/duration.ts';
import { MAX_SCENE_SEC } from './api/limits.ts';

const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ');

test('a set duration wins', () => {
  assert.deepEqual(sceneDuration(words(500), 'en', 4.5), { sec: 4.5, auto: false });
  assert.deepEqual(sceneDuration('', 'fr', 12), { sec: 12, auto: false });
});

test('an empty narration lasts the minimum', () => {
  assert.deepEqual(sceneDuration('', 'en', null), { sec: MIN_SCENE_SEC, auto: true });
  assert.deepEqual(sceneDuration('  \n\n …  ', 'fr', null), { sec: MIN_SCENE_SEC, auto: true });
});

test('automatic durations follow the language narration speed', () => {
  // 150 words a minute in English: 150 words = 60 s + 1 s lead.
  assert.deepEqual(sceneDuration(words(150), 'en', null), { sec: 61, auto: true });
  // 135 words a minute in French.
  assert.deepEqual(sceneDuration(words(135), 'fr', null), { sec: 61, auto: true });
  assert.ok(sceneDuration(words(150), 'fr', null).sec > sceneDuration(words(150), 'en', null).sec);
  // Short texts never go under the minimum, long ones never over the maximum.
  assert.equal(sceneDuration('Hi.', 'en', null).sec, MIN_SCENE_SEC);
  assert.equal(sceneDuration(words(5000), 'en', null).sec, MAX_SCENE_SEC);
});

test('paragraphs add a pause, like the script analysis', () => {
  const one = sceneDuration(`${words(60)} ${words(60)}`, 'en', null).sec;
  const two = sceneDuration(`${words(60)}\n\n${words(60)}`, 'en', null).sec;
  assert.equal(
    two,
    estimateDuration(
      {
        narrationWords: 120,
        dialogueWords: 0,
        dialogueLines: 0,
        paragraphs: 2,
        explicit: null,
        format: 'prose',
      },
      150,
    ),
  );
  assert.ok(two >= one);
  // 120 words: 48 s + 1 s lead + 0.3 s pause, rounded to the half second.
  assert.equal(one, 49);
  assert.equal(two, 49.5);
});
