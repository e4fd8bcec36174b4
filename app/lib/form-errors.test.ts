import { test } from 'node:test';
import assert from 'node:assert/strict';
import { i18n } from '../i18n/index.ts';
import { failureMessage, type ActionFailure } from './form-errors.ts';

const failure = (code: string, extra: Partial<ActionFailure> = {}): ActionFailure => ({
  ok: false,
  code,
  message: 'Too many attempts; try again in 900 s',
  fields: {},
  values: {},
  ...extra,
});

test('a rate-limited form says how long to wait, in the reader’s language', () => {
  const limited = failure('RATE_LIMITED', { retryAfterSec: 900 });
  assert.equal(failureMessage(i18n('en'), limited), 'Too many attempts. Try again in 15 min 00 s.');
  assert.equal(
    failureMessage(i18n('fr'), limited),
    'Trop de tentatives. Réessayez dans 15 min 00 s.',
  );
  // Without a known wait, the general sentence.
  assert.equal(
    failureMessage(i18n('en'), failure('RATE_LIMITED')),
    'Too many attempts. Wait a minute and try again.',
  );
});
