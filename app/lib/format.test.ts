import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatClock, formatDuration, formatRelativeTime } from './format.ts';

/** Intl may use (narrow) no-break spaces, in French especially. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

test('durations under a minute show tenths only when needed', () => {
  assert.equal(formatDuration(4, 'en'), '4 s');
  assert.equal(formatDuration(4, 'fr'), '4 s');
  assert.equal(formatDuration(4.5, 'en'), '4.5 s');
  assert.equal(formatDuration(4.5, 'fr'), '4,5 s');
  assert.equal(formatDuration(12.04, 'en'), '12 s');
  assert.equal(formatDuration(0, 'en'), '0 s');
  assert.equal(formatDuration(-3, 'fr'), '0 s');
  assert.equal(formatDuration(Number.NaN, 'en'), '0 s');
});

test('durations of minutes and hours', () => {
  for (const locale of ['en', 'fr']) {
    assert.equal(formatDuration(59.96, locale), '1 min 00 s');
    assert.equal(formatDuration(125, locale), '2 min 05 s');
    assert.equal(formatDuration(125.4, locale), '2 min 05 s');
    assert.equal(formatDuration(3599, locale), '59 min 59 s');
    assert.equal(formatDuration(3600, locale), '1 h 00 min');
    assert.equal(formatDuration(3725, locale), '1 h 02 min');
    assert.equal(formatDuration(36_000 + 59 * 60, locale), '10 h 59 min');
  }
});

test('clocks are m:ss or h:mm:ss', () => {
  for (const locale of ['en', 'fr']) {
    assert.equal(formatClock(0, locale), '0:00');
    assert.equal(formatClock(4.9, locale), '0:04');
    assert.equal(formatClock(65, locale), '1:05');
    assert.equal(formatClock(600, locale), '10:00');
    assert.equal(formatClock(3723, locale), '1:02:03');
    assert.equal(formatClock(-1, locale), '0:00');
  }
});

test('relative times in English', () => {
  const now = new Date('2025-11-21T12:00:00Z');
  const rel = (iso: string) => plain(formatRelativeTime(iso, now, 'en'));
  assert.equal(rel('2025-11-21T12:00:00Z'), 'now');
  assert.equal(rel('2025-11-21T12:00:20Z'), 'now'); // a little ahead: clock skew
  assert.equal(rel('2025-11-21T11:59:30Z'), '30 seconds ago');
  assert.equal(rel('2025-11-21T11:58:00Z'), '2 minutes ago');
  assert.equal(rel('2025-11-21T11:57:01Z'), '2 minutes ago');
  assert.equal(rel('2025-11-21T11:59:00Z'), '1 minute ago');
  assert.equal(rel('2025-11-21T09:00:00Z'), '3 hours ago');
  assert.equal(rel('2025-11-20T11:00:00Z'), 'yesterday');
  assert.equal(rel('2025-11-17T12:00:00Z'), '4 days ago');
  assert.equal(rel('2025-11-21T14:00:00Z'), 'in 2 hours');
  assert.equal(rel('2025-11-01T12:00:00Z'), 'Nov 1, 2025');
  assert.equal(rel('not a date'), 'not a date');
});

test('relative times in French', () => {
  const now = new Date('2025-11-21T12:00:00Z');
  const rel = (iso: string) => plain(formatRelativeTime(iso, now, 'fr'));
  assert.equal(rel('2025-11-21T12:00:00Z'), 'maintenant');
  assert.equal(rel('2025-11-21T11:59:30Z'), 'il y a 30 secondes');
  assert.equal(rel('2025-11-21T11:58:00Z'), 'il y a 2 minutes');
  assert.equal(rel('2025-11-21T09:00:00Z'), 'il y a 3 heures');
  assert.equal(rel('2025-11-20T11:00:00Z'), 'hier');
  assert.equal(rel('2025-11-17T12:00:00Z'), 'il y a 4 jours');
  assert.equal(rel('2025-11-01T12:00:00Z'), '1 nov. 2025');
  assert.equal(
    formatRelativeTime('2025-11-01T12:00:00Z', now, 'fr'),
    new Intl.DateTimeFormat('fr', { dateStyle: 'medium' }).format(new Date('2025-11-01T12:00:00Z')),
  );
});
