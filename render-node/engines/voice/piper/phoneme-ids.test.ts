import assert from 'node:assert/strict';
import { test } from 'node:test';
import { phonemeIds, sentencePhonemes, splitSentences } from './phoneme-ids.ts';
import { resample } from './resample.ts';

test('text is cut into sentences in its language', () => {
  assert.deepEqual(splitSentences('Hello there. How are you?  Fine!', 'en_US'), [
    'Hello there.',
    'How are you?',
    'Fine!',
  ]);
  assert.deepEqual(splitSentences("  Bonjour. C'est M. Dupont ?\n", 'fr_FR').length >= 2, true);
  assert.deepEqual(splitSentences('   ', 'en_US'), []);
});

test('espeak clauses become one phoneme string with the sentence’s punctuation, ties dropped', () => {
  assert.equal(sentencePhonemes('həlˈo\u200dʊ\nwˈɜːld\n', 'Hello, world!'), 'həlˈoʊ wˈɜːld!');
  assert.equal(sentencePhonemes('hˈaɪ\n', 'Hi'), 'hˈaɪ.');
  assert.equal(sentencePhonemes('\n', '...'), '');
});

test('phoneme ids: "^" first, "_" after each id, "$" last, unknown codepoints skipped', () => {
  const map = { _: [0], '^': [1], $: [2], a: [5], b: [6, 7] };
  assert.deepEqual(phonemeIds('abz', map), [1, 0, 5, 0, 6, 7, 0, 2]);
  assert.deepEqual(phonemeIds('', map), [1, 0, 2]);
});

test('resampling keeps a tone’s frequency and the length ratio', () => {
  const from = 16000;
  const to = 48000;
  const tone = Float32Array.from({ length: 1600 }, (_, i) =>
    Math.sin((2 * Math.PI * 440 * i) / from),
  );
  const up = resample(tone, from, to);
  assert.equal(up.length, 4800);
  // Away from the edges, the resampled signal is the same tone sampled at the new rate.
  for (let i = 200; i < 4600; i += 37) {
    assert.ok(Math.abs(up[i]! - Math.sin((2 * Math.PI * 440 * i) / to)) < 0.02, `sample ${i}`);
  }
  const down = resample(up, to, 22050);
  assert.equal(down.length, Math.round(4800 * (22050 / 48000)));
  assert.deepEqual(resample(tone, from, from), tone);
});
