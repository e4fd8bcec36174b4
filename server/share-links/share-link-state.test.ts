import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashSecretToken, newSecretToken } from '../accounts/secret-token.ts';
import {
  linkTokenExpiry,
  looksLikeShareToken,
  sameTokenHash,
  shareLinkExpiry,
  shareLinkRefusal,
  shareLinkState,
  throughLink,
} from './share-link-state.ts';

const now = new Date('2026-12-03T14:00:00Z');

test('a link is active until it expires or is revoked; revoked wins', () => {
  assert.equal(shareLinkState({ revoked_at: null, expires_at: null }, now), 'active');
  assert.equal(
    shareLinkState({ revoked_at: null, expires_at: '2026-12-03T14:00:01Z' }, now),
    'active',
  );
  assert.equal(shareLinkState({ revoked_at: null, expires_at: now }, now), 'expired');
  assert.equal(
    shareLinkState({ revoked_at: now, expires_at: '2026-12-01T00:00:00Z' }, now),
    'revoked',
  );
});

test('refusals: none while active, 410 naming why otherwise', () => {
  assert.equal(shareLinkRefusal('active'), null);
  for (const state of ['expired', 'revoked'] as const) {
    const refusal = shareLinkRefusal(state)!;
    assert.equal(refusal.status, 410);
    assert.equal(refusal.key, `errors.api.shareLink.${state}`);
    assert.deepEqual(refusal.details, { reason: state });
  }
});

test('tokens: 256-bit base64url, matched by hash in constant time', () => {
  const token = newSecretToken();
  assert.ok(looksLikeShareToken(token));
  for (const bad of ['', 'short', `${token}x`, `${token.slice(0, 42)}/`, '../'.repeat(15)]) {
    assert.equal(looksLikeShareToken(bad), false, bad);
  }
  assert.equal(sameTokenHash(hashSecretToken(token), token), true);
  assert.equal(sameTokenHash(hashSecretToken(token), newSecretToken()), false);
  assert.equal(sameTokenHash('abcd', token), false, 'a short stored hash never matches');
});

test('expiry: seconds from now, or never', () => {
  assert.equal(shareLinkExpiry(now, null), null);
  assert.equal(shareLinkExpiry(now, undefined), null);
  assert.equal(shareLinkExpiry(now, 2)!.toISOString(), '2026-12-03T14:00:02.000Z');
});

test("a link's collab token never outlives the link", () => {
  const nowMs = now.getTime();
  const nowSec = nowMs / 1000;
  assert.equal(linkTokenExpiry(nowMs, 600, null), nowSec + 600);
  assert.equal(linkTokenExpiry(nowMs, 600, new Date(nowMs + 2000)), nowSec + 2);
  assert.equal(linkTokenExpiry(nowMs, 600, new Date(nowMs + 3_600_000)), nowSec + 600);
});

test('render URLs are rewritten to go through the link', () => {
  assert.equal(
    throughLink('/api/v1/renders/r1/video.mp4', 'r1', 'TOKEN'),
    '/api/v1/shared/TOKEN/renders/r1/video.mp4',
  );
  assert.equal(
    throughLink('/api/v1/renders/r1/thumbnails/s1.webp', 'r1', 'TOKEN'),
    '/api/v1/shared/TOKEN/renders/r1/thumbnails/s1.webp',
  );
  assert.throws(() => throughLink('/api/v1/renders/r2/video.mp4', 'r1', 'TOKEN'));
});
