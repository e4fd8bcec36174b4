import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIELD_ERROR_KEYS } from '../../shared/api/field-errors.ts';
import { API_MESSAGES, type ApiMessageKey } from '../../shared/api/api-messages.ts';
import { en } from './en.ts';
import { fr as frCatalogue } from './fr.ts';
import { i18n, pickLocale } from './index.ts';

test('the locale follows Accept-Language, q-values and regions included', () => {
  assert.equal(pickLocale('fr-FR,fr;q=0.9,en;q=0.8'), 'fr');
  assert.equal(pickLocale('de-DE,en;q=0.5,fr;q=0.9'), 'fr');
  assert.equal(pickLocale('en-GB'), 'en');
  assert.equal(pickLocale('fr;q=0,en;q=0.1'), 'en');
  assert.equal(pickLocale('de, ja'), 'en');
  assert.equal(pickLocale(null), 'en');
});

test('messages fill placeholders, pick plural forms and translate server messages', () => {
  const fr = i18n('fr');
  const en = i18n('en');
  assert.equal(en.t('projects.deleteTitle', { title: 'Moon' }), 'Delete “Moon”?');
  assert.equal(en.plural('project.presence', 1), '1 person here');
  assert.equal(en.plural('project.presence', 3), '3 people here');
  assert.equal(fr.plural('project.presence', 0), '0 personne ici'); // French: 0 is singular
  assert.equal(
    fr.field({ key: 'errors.title.required', params: {} }, 'Enter a title'),
    'Saisissez un titre',
  );
  assert.equal(fr.sent({ message: 'Some new server message' }), 'Some new server message');
  assert.equal(
    fr.sent({ message: 'x', key: 'errors.api.lastOwner' }),
    'Un projet doit garder au moins un propriétaire',
  );
});

test('every field error key reads in English and in French', () => {
  const fr = i18n('fr');
  for (const key of FIELD_ERROR_KEYS) {
    assert.ok(Object.hasOwn(en, key), `English for ${key}`);
    assert.ok(Object.hasOwn(frCatalogue, key), `French for ${key}`);
    const error = { key, params: { max: 200, min: 10, codePoint: 'U+0000', position: 1 } };
    assert.notEqual(fr.field(error, 'x'), i18n('en').field(error, 'x'), `French for ${key}`);
  }
  // The password refusals, with the server's parameters.
  assert.equal(
    fr.field({ key: 'errors.password.tooShort', params: { min: 10 } }, ''),
    'Le mot de passe doit comporter au moins 10 caractères',
  );
  // Without a key, the server's sentence as it came.
  assert.equal(fr.field(undefined, 'Some new server message'), 'Some new server message');
});

test('every API refusal the server can send reads in English and in French, by its key', () => {
  const fr = i18n('fr');
  const en = i18n('en');
  for (const key of Object.keys(API_MESSAGES) as ApiMessageKey[]) {
    const params = { reason: 'r', detail: 'd', codePoint: 'U+0000', position: 1, field: 'f' };
    assert.equal(en.sent({ message: 'x', key, params }).length > 0, true, key);
    assert.notEqual(fr.sent({ message: 'x', key, params }), 'x', `French for ${key}`);
    assert.notEqual(
      fr.sent({ message: 'x', key, params }),
      en.sent({ message: 'x', key, params }),
      `French for ${key} differs from the English`,
    );
  }
});
