import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  expiryFrom,
  invitationLink,
  invitationState,
  looksLikeInvitationToken,
  refusalFor,
} from './invitation-state.ts';
import { newSecretToken } from '../accounts/secret-token.ts';

const now = new Date('2026-01-10T12:00:00Z');

test('a pending invitation expires at its expiry, not a moment before', () => {
  const expires = expiryFrom(now, 7);
  assert.equal(expires.toISOString(), '2026-01-17T12:00:00.000Z');
  const row = { status: 'pending' as const, expires_at: expires };
  assert.equal(invitationState(row, now), 'pending');
  assert.equal(invitationState(row, new Date(expires.getTime() - 1)), 'pending');
  assert.equal(invitationState(row, expires), 'expired');
});

test('accepted, declined and revoked are final, whatever the expiry', () => {
  const future = expiryFrom(now, 1);
  for (const status of ['accepted', 'declined', 'revoked'] as const) {
    assert.equal(invitationState({ status, expires_at: future }, now), status);
  }
});

test('only a pending invitation may be used; the others answer 410 naming why', () => {
  assert.equal(refusalFor('pending'), null);
  for (const state of ['expired', 'revoked', 'accepted', 'declined'] as const) {
    const refusal = refusalFor(state);
    assert.equal(refusal?.status, 410);
    assert.equal(refusal?.code, 'GONE');
    assert.deepEqual(refusal?.details, { reason: state });
  }
  assert.match(refusalFor('expired')!.message, /expired/);
  assert.match(refusalFor('accepted')!.message, /already been used/);
});

test('links carry a token of the secret-token shape; other strings are not looked up', () => {
  const token = newSecretToken();
  assert.equal(looksLikeInvitationToken(token), true);
  assert.equal(invitationLink(token), `/invitations/${token}`);
  for (const bad of ['', 'abc', `${token}x`, `${token.slice(0, 42)}/`, `${token.slice(0, 42)}=`]) {
    assert.equal(looksLikeInvitationToken(bad), false, bad);
  }
});
