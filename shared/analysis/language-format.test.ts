import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectFormat, detectLanguage } from './index.ts';
import { ownFixture, sharedFixture } from './test-support.ts';

test('language: French and English by their frequent words', () => {
  assert.equal(detectLanguage(sharedFixture('le-prince.fr.md')).language, 'fr');
  assert.equal(detectLanguage(sharedFixture('lighthouse.en.md')).language, 'en');
  assert.equal(detectLanguage(ownFixture('la-boulangerie.fr.fountain')).language, 'fr');
  assert.equal(
    detectLanguage('Il pleuvait sur la ville et elle attendait le train.').language,
    'fr',
  );
  assert.equal(
    detectLanguage('It was raining on the town and she waited for the train.').language,
    'en',
  );
  const unsure = detectLanguage('🌊 Ωμέγα 海 42');
  assert.equal(unsure.confidence, 0);
  assert.equal(detectLanguage('🌊 Ωμέγα', 'fr').language, 'fr', 'the fallback is used when unsure');
});

test('format: screenplay, storyboard, markdown and prose from their line shapes', () => {
  assert.equal(detectFormat(sharedFixture('night-market.fountain')).format, 'screenplay');
  assert.equal(detectFormat(sharedFixture('explainer.en.md')).format, 'storyboard');
  assert.equal(detectFormat(sharedFixture('lighthouse.en.md')).format, 'prose');
  assert.equal(detectFormat(ownFixture('the-clockmaker.en.txt')).format, 'markdown');
  assert.equal(detectFormat(ownFixture('panneaux.fr.txt')).format, 'storyboard');
  assert.equal(detectFormat(ownFixture('la-boulangerie.fr.fountain')).format, 'screenplay');
  assert.equal(
    detectFormat('Scène 1 : Accroche\nVisuel : un phare.\n\nScène 2 : Fin\nVisuel : la mer.')
      .format,
    'storyboard',
  );
  assert.equal(detectFormat('INT. KITCHEN - DAY\n\nShe waits.').format, 'screenplay');
  assert.equal(detectFormat('Once upon a time.\n\n***\n\nThe end.').format, 'prose');
});
