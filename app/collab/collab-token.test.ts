import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  afterClose,
  endAfterAuthFailure,
  FIRST_RETRY_DELAY,
  isReadOnly,
  nextRetryDelay,
  refreshDelay,
} from './collab-token.ts';

test('a closed document connection ends the session, reconnects with a fresh token, or waits', () => {
  assert.deepEqual(afterClose('project-deleted'), { end: 'deleted' });
  assert.deepEqual(afterClose('session-revoked'), { end: 'signed-out' });
  assert.equal(afterClose('token-expired'), 'reconnect');
  assert.equal(afterClose('access-changed'), 'reconnect');
  assert.equal(afterClose(''), 'wait');
  assert.equal(afterClose('constructor'), 'wait');
});

test('a refused authentication ends the session only for a lost membership or session', () => {
  assert.equal(endAfterAuthFailure('not-a-member'), 'no-access');
  assert.equal(endAfterAuthFailure('session-revoked'), 'signed-out');
  assert.equal(endAfterAuthFailure('token-expired'), null);
  assert.equal(endAfterAuthFailure('toString'), null);
});

test('a new token is sent three quarters through the current one, never within a second', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(refreshDelay('2026-01-01T00:04:00Z', now), 180_000);
  assert.equal(refreshDelay('2026-01-01T00:00:01Z', now), 1000);
  assert.equal(refreshDelay('2025-12-31T23:59:00Z', now), 1000);
});

test('the first token is asked again a little later each time, up to 15 s', () => {
  const delays = [FIRST_RETRY_DELAY];
  while (delays.length < 7) delays.push(nextRetryDelay(delays.at(-1)!));
  assert.deepEqual(delays, [1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
});

test('the server word on the connection decides read-only, the role until it speaks', () => {
  assert.equal(isReadOnly(null, 'viewer'), true);
  assert.equal(isReadOnly(null, 'editor'), false);
  assert.equal(isReadOnly('readonly', 'owner'), true);
  assert.equal(isReadOnly('read-write', 'viewer'), false);
});
