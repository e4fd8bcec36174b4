import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analysisWarning } from '../../../shared/analysis/warnings.ts';
import { en } from '../../i18n/en.ts';
import { fr as frCatalogue } from '../../i18n/fr.ts';
import { i18n } from '../../i18n/index.ts';
import { ANALYSIS_WARNING_CODES, analysisWarningKey, analysisWarningText } from './warning-text.ts';

const PARAMS = {
  language: 'fr',
  languageName: 'French',
  format: 'screenplay',
  detected: 'prose',
  count: 3,
  leftOut: 4,
  kept: 12,
  maxWords: 300,
  made: 2,
  target: 5,
};

test('every analysis warning code reads in English and in French', () => {
  assert.ok(ANALYSIS_WARNING_CODES.length >= 13);
  for (const code of ANALYSIS_WARNING_CODES) {
    const key = analysisWarningKey(code);
    assert.ok(Object.hasOwn(en, key), `English for ${code}`);
    assert.ok(Object.hasOwn(frCatalogue, key), `French for ${code}`);
    const warning = analysisWarning(code, PARAMS);
    const french = analysisWarningText(warning, i18n('fr'));
    const english = analysisWarningText(warning, i18n('en'));
    assert.notEqual(french, english, `French for ${code} differs from the English`);
    assert.doesNotMatch(french, /\{\w+\}/, `every placeholder of ${code} filled in French`);
    assert.doesNotMatch(english, /\{\w+\}/, `every placeholder of ${code} filled in English`);
  }
});

test('a warning names its language and formats in the reader’s language', () => {
  const guessed = analysisWarning('languageGuessed', { language: 'en', languageName: 'English' });
  assert.match(analysisWarningText(guessed, i18n('fr')), /langue supposée : Anglais/);
  assert.match(analysisWarningText(guessed, i18n('en')), /English was assumed/);
  const overridden = analysisWarning('formatOverridden', {
    format: 'screenplay',
    detected: 'prose',
  });
  assert.equal(
    analysisWarningText(overridden, i18n('fr')),
    'Lu comme « Scénario » à votre demande, bien que le texte ressemble à « Histoire ».',
  );
  assert.equal(
    analysisWarningText(analysisWarning('tooFewScenes', { made: 2, target: 5 }), i18n('fr')),
    'Scènes possibles : 2 sur les 5 demandées ; le texte est trop court.',
  );
});

test('a warning code this UI does not know shows the analysis’s English sentence', () => {
  const unknown = { code: 'somethingNew', params: {}, message: 'Something new happened.' };
  assert.equal(
    analysisWarningText(unknown as unknown as ReturnType<typeof analysisWarning>, i18n('fr')),
    'Something new happened.',
  );
});
