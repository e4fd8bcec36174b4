import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expiryInSeconds } from './share-expiry.ts';

const now = new Date(2026, 11, 3, 14, 0, 0);

test('presets are their seconds; never is null', () => {
  assert.equal(expiryInSeconds('1h', '', now), 3600);
  assert.equal(expiryInSeconds('1d', '', now), 86_400);
  assert.equal(expiryInSeconds('7d', '', now), 604_800);
  assert.equal(expiryInSeconds('30d', '', now), 2_592_000);
  assert.equal(expiryInSeconds('never', '', now), null);
});

test('a date lasts until the end of that day, local time', () => {
  assert.equal(expiryInSeconds('date', '2026-12-03', now), 9 * 3600 + 59 * 60 + 59);
  assert.equal(expiryInSeconds('date', '2026-12-04', now), 86_400 + 9 * 3600 + 59 * 60 + 59);
});

test('a past, malformed, impossible or too distant date is invalid', () => {
  for (const date of ['2026-12-02', '', '03/12/2026', '2026-02-30', '2040-01-01']) {
    assert.equal(expiryInSeconds('date', date, now), 'invalid', date);
  }
});
