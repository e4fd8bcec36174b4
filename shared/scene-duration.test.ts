import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  durationMismatch,
  estimateNarrationSec,
  measuredNarrationSec,
  NARRATION_PAUSES,
  narrationFingerprint,
  narrationFitSec,
  narrationLength,
  sceneDuration,
} from './scene-duration.ts';
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

test('a measured narration replaces the estimate, only for the text it spoke', () => {
  const text = words(150);
  const measured = { sec: 40, fingerprint: narrationFingerprint(text) };
  // lead 0.25 + 40 + tail 0.35
  assert.deepEqual(sceneDuration(text, 'en', null, measured), { sec: 40.6, auto: true });
  assert.deepEqual(narrationLength(text, 'en', measured), { sec: 40, measured: true });
  // Spacing around the text does not change what was spoken.
  assert.equal(measuredNarrationSec(`  ${text}\n`, measured), 40);
  // An edited narration falls back to the estimate.
  const edited = `${text} more`;
  assert.equal(measuredNarrationSec(edited, measured), null);
  assert.deepEqual(sceneDuration(edited, 'en', null, measured), sceneDuration(edited, 'en', null));
  assert.equal(narrationLength(edited, 'en', measured).measured, false);
  // A set duration still wins over a measurement.
  assert.deepEqual(sceneDuration(text, 'en', 12, measured), { sec: 12, auto: false });
  // Broken measurements are ignored.
  assert.equal(
    measuredNarrationSec(text, { sec: Number.NaN, fingerprint: measured.fingerprint }),
    null,
  );
  assert.equal(measuredNarrationSec(text, null), null);
});

test('the narration estimate is the analysis speed without the lead or rounding', () => {
  assert.equal(estimateNarrationSec('', 'en'), 0);
  assert.equal(estimateNarrationSec(words(150), 'en'), 60);
  assert.equal(estimateNarrationSec(words(135), 'fr'), 60);
  // 60 + 60 words, two paragraphs: 48 s + 0.3 s pause.
  assert.ok(Math.abs(estimateNarrationSec(`${words(60)}\n\n${words(60)}`, 'en') - 48.3) < 1e-9);
  assert.equal(narrationFitSec(10), 10 + NARRATION_PAUSES.leadSec + NARRATION_PAUSES.tailSec);
});

const spoken = (sec: number, measured = true) => ({ sec, measured });

test('a set duration much longer than its narration is flagged long', () => {
  // 4 s of words need 4.6 s; 12 s leaves 7.4 s of silence.
  assert.deepEqual(durationMismatch(12, spoken(4)), {
    kind: 'long',
    fitSec: 4.6,
    offSec: 7.4,
    measured: true,
  });
  // The 9 s of silence of issue 11: a 2 s line in a 12 s scene.
  assert.equal(durationMismatch(12, spoken(2, false))?.kind, 'long');
  assert.equal(durationMismatch(12, spoken(2, false))?.measured, false);
});

test('a set duration much shorter than its narration is flagged short', () => {
  const short = durationMismatch(4, spoken(10));
  assert.equal(short?.kind, 'short');
  assert.equal(short?.fitSec, 10.6);
  assert.equal(short?.offSec, -6.6);
});

test('durations close to the narration are fine', () => {
  // Within 1.5 s.
  assert.equal(durationMismatch(5.5, spoken(4)), null);
  assert.equal(durationMismatch(3.5, spoken(4)), null);
  // More than 1.5 s but within 40% of a long narration.
  assert.equal(durationMismatch(33, spoken(30)), null);
  assert.equal(durationMismatch(27, spoken(30)), null);
  // Just past both bounds.
  assert.ok(durationMismatch(30.6 * 1.41, spoken(30)));
});

test('automatic and wordless scenes are never flagged', () => {
  assert.equal(durationMismatch(null, spoken(4)), null);
  assert.equal(durationMismatch(null, spoken(40)), null);
  assert.equal(durationMismatch(30, spoken(0)), null, 'a silent scene asked for its duration');
  assert.equal(durationMismatch(30, spoken(Number.NaN)), null);
});
