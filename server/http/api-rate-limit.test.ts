import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rateLimitHeaders, rateLimitKey } from './api-rate-limit.ts';

test('requests count per token, else per session, else per address', () => {
  assert.equal(rateLimitKey({ tokenId: 't1', sessionId: 's1', address: '1.2.3.4' }), 'token:t1');
  assert.equal(rateLimitKey({ tokenId: null, sessionId: 's1', address: '1.2.3.4' }), 'session:s1');
  assert.equal(
    rateLimitKey({ tokenId: null, sessionId: null, address: '1.2.3.4' }),
    'address:1.2.3.4',
  );
});

test('the headers say the limit, what is left and the seconds until the reset', () => {
  assert.deepEqual(rateLimitHeaders({ limit: 10, remaining: 3, resetSec: 42, windowSec: 60 }), {
    'X-RateLimit-Limit': '10',
    'X-RateLimit-Remaining': '3',
    'X-RateLimit-Reset': '42',
  });
});
