import { test } from 'node:test';
import assert from 'node:assert/strict';
import { monthStart, nextMonthStart } from './usage.ts';

test('monthly quotas count from the first of the month (UTC) and reset on the next first', () => {
  const now = new Date('2026-12-03T17:00:00Z');
  assert.equal(monthStart(now).toISOString(), '2026-12-01T00:00:00.000Z');
  assert.equal(nextMonthStart(now).toISOString(), '2027-01-01T00:00:00.000Z');
  assert.equal(
    nextMonthStart(new Date('2026-01-31T23:59:59Z')).toISOString(),
    '2026-02-01T00:00:00.000Z',
  );
});
