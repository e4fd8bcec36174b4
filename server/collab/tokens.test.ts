import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CollabTokenError } from './tokens.ts';
import { issueCollabToken, verifyCollabToken } from './tokens.ts';

const secret = 'x'.repeat(32);
const claims = {
  userId: 'u',
  name: 'Ursula',
  document: 'p',
  sessionId: 's',
  exp: Math.floor(Date.now() / 1000) + 60,
};

test('a token verifies with its secret and returns its claims', () => {
  assert.deepEqual(verifyCollabToken(secret, issueCollabToken(secret, claims)), claims);
});

test('tampered, foreign and expired tokens are refused with a reason', () => {
  const token = issueCollabToken(secret, claims);
  const [body, sig] = token.split('.');
  const forged = Buffer.from(JSON.stringify({ ...claims, document: 'other' })).toString(
    'base64url',
  );
  const reasonOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return (e as CollabTokenError).reason;
    }
    return 'accepted';
  };
  assert.equal(
    reasonOf(() => verifyCollabToken(secret, `${forged}.${sig}`)),
    'bad-signature',
  );
  assert.equal(
    reasonOf(() => verifyCollabToken('y'.repeat(32), token)),
    'bad-signature',
  );
  assert.equal(
    reasonOf(() => verifyCollabToken(secret, `${body}`)),
    'malformed',
  );
  assert.equal(
    reasonOf(() => verifyCollabToken(secret, token, (claims.exp + 1) * 1000)),
    'expired',
  );
  // The display name is part of every token: presence shows it, not what a client claims.
  const { name: _name, ...nameless } = claims;
  assert.equal(
    reasonOf(() => verifyCollabToken(secret, issueCollabToken(secret, nameless as typeof claims))),
    'malformed',
  );
});

test("a preview link's token carries its link id; a malformed one is refused", () => {
  const link = { ...claims, userId: 'link:l1', sessionId: '', shareLinkId: 'l1' };
  assert.deepEqual(verifyCollabToken(secret, issueCollabToken(secret, link)), link);
  const bad = issueCollabToken(secret, { ...link, shareLinkId: 42 as unknown as string });
  assert.throws(
    () => verifyCollabToken(secret, bad),
    (err: CollabTokenError) => err.reason === 'malformed',
  );
});
