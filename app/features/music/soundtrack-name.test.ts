import { test } from 'node:test';
import assert from 'node:assert/strict';
import { i18n } from '../../i18n/index.ts';
import { keyName, parseTempo, soundtrackName } from './soundtrack-name.ts';

const record = { mood: 'calm', genre: 'ambient', key: 'D minor', tempoBpm: 72 } as const;

test('a kept soundtrack is named by mood, genre, key and tempo in the page language', () => {
  assert.equal(soundtrackName(i18n('en'), record), 'Calm ambient · D minor · 72 bpm');
  assert.equal(soundtrackName(i18n('fr'), record), 'Ambient calme · ré mineur · 72 bpm');
  assert.equal(
    soundtrackName(i18n('en'), {
      mood: 'playful',
      genre: 'lo-fi',
      key: 'F# major',
      tempoBpm: 96.4,
    }),
    'Playful lo-fi · F♯ major · 96 bpm',
  );
});

test('keys read in each language; anything else is shown as it is', () => {
  assert.equal(keyName(i18n('fr'), 'F# major'), 'fa dièse majeur');
  assert.equal(keyName(i18n('fr'), 'Bb minor'), 'si bémol mineur');
  assert.equal(keyName(i18n('en'), 'Eb major'), 'E♭ major');
  assert.equal(keyName(i18n('en'), 'H dorian'), 'H dorian');
});

test('the tempo field: empty is automatic, whole numbers in bounds pass, the rest is an error', () => {
  assert.deepEqual(parseTempo(''), { tempo: undefined });
  assert.deepEqual(parseTempo(' 96 '), { tempo: 96 });
  assert.deepEqual(parseTempo('50'), { tempo: 50 });
  assert.deepEqual(parseTempo('180'), { tempo: 180 });
  for (const bad of ['49', '181', '12.5', 'fast', '-60', '1e2']) {
    assert.deepEqual(parseTempo(bad), { error: true }, bad);
  }
});
