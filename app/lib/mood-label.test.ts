import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MOODS } from '../../shared/analysis/types.ts';
import { en } from '../i18n/en.ts';
import { fr as frCatalogue } from '../i18n/fr.ts';
import { i18n } from '../i18n/index.ts';
import { MOOD_MESSAGE_KEYS, moodForDisplay, moodFromInput } from './mood-label.ts';

test('every analysis mood reads in English and in French', () => {
  for (const mood of MOODS) {
    const key = MOOD_MESSAGE_KEYS[mood];
    assert.ok(Object.hasOwn(en, key), `English for ${mood}`);
    assert.ok(Object.hasOwn(frCatalogue, key), `French for ${mood}`);
    assert.equal(moodForDisplay(mood, i18n('en')), mood);
    assert.notEqual(moodForDisplay(mood, i18n('fr')), mood, `French for ${mood}`);
  }
  assert.equal(moodForDisplay('tense', i18n('fr')), 'tendue');
});

test('a mood nobody knows shows as written, and free text stays free', () => {
  const fr = i18n('fr');
  assert.equal(moodForDisplay('dreamy fog', fr), 'dreamy fog');
  assert.equal(moodForDisplay('', fr), '');
  assert.equal(moodFromInput('brumeuse', fr), 'brumeuse');
  // Typing on after a label keeps what was typed, so the field never rewrites under the caret.
  assert.equal(moodFromInput('calme ', fr), 'calme ');
  assert.equal(moodFromInput('Calme', fr), 'Calme');
});

test('a translated mood label typed in the field is stored as the English mood', () => {
  const fr = i18n('fr');
  for (const mood of MOODS) {
    assert.equal(moodFromInput(moodForDisplay(mood, fr), fr), mood);
    assert.equal(moodFromInput(mood, i18n('en')), mood);
  }
  assert.equal(moodFromInput('sombre', fr), 'somber');
});
