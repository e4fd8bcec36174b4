import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accepted, ANSWER_EXCERPT_MAX, answerExcerpt, nextAttemptAt } from './delivery-policy.ts';

const settings = { retryBaseMs: 1000, retryMaxDelayMs: 8000, retryForSec: 60 };

test('retries back off exponentially up to the maximum delay', () => {
  const created = new Date(0);
  const delays = [1, 2, 3, 4, 5, 6].map(
    (n) => nextAttemptAt(settings, n, created, new Date(1000))!.getTime() - 1000,
  );
  assert.deepEqual(delays, [1000, 2000, 4000, 8000, 8000, 8000]);
});

test('no retry is scheduled past the retry window', () => {
  const created = new Date(0);
  assert.equal(nextAttemptAt(settings, 1, created, new Date(59_500)), null);
  assert.ok(nextAttemptAt(settings, 1, created, new Date(58_000)));
});

test('answer excerpts are bounded and hold no control or bidi characters', () => {
  assert.equal(answerExcerpt('  ok \n'), 'ok');
  assert.equal(answerExcerpt(''), null);
  assert.equal(answerExcerpt('a\u0000b\u202ec'), 'a?b?c');
  const long = answerExcerpt('x'.repeat(1000))!;
  assert.equal(long.length, ANSWER_EXCERPT_MAX);
  assert.ok(long.endsWith('…'));
});

test('only 2xx answers are accepted', () => {
  assert.equal(accepted(200), true);
  assert.equal(accepted(204), true);
  assert.equal(accepted(301), false);
  assert.equal(accepted(503), false);
});
