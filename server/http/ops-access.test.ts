import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLoopback, opsAccess } from './ops-access.ts';

const TOKEN = 'a-metrics-token-of-some-length';

test('without a token, only callers on this machine are operators', () => {
  for (const address of ['127.0.0.1', '127.8.0.1', '::1', '::ffff:127.0.0.1']) {
    assert.equal(
      opsAccess({ authorization: undefined, address, metricsToken: undefined }),
      'granted',
    );
  }
  for (const address of ['10.0.0.2', '::ffff:10.0.0.2', '2001:db8::1', 'unknown']) {
    assert.equal(
      opsAccess({ authorization: `Bearer ${TOKEN}`, address, metricsToken: undefined }),
      'no-credentials',
    );
  }
});

test('with a token, the token is needed, from anywhere (loopback too: a local proxy is loopback)', () => {
  const check = (authorization: string | undefined, address = '127.0.0.1') =>
    opsAccess({ authorization, address, metricsToken: TOKEN });
  assert.equal(check(`Bearer ${TOKEN}`, '203.0.113.7'), 'granted');
  assert.equal(check(undefined), 'no-credentials');
  assert.equal(check(`Basic ${TOKEN}`), 'no-credentials');
  assert.equal(check('Bearer not-the-token'), 'wrong-token');
  assert.equal(check(`Bearer ${TOKEN}x`), 'wrong-token');
});

test('loopback addresses', () => {
  assert.ok(isLoopback('127.0.0.1'));
  assert.ok(!isLoopback('128.0.0.1'));
  assert.ok(!isLoopback('::2'));
  assert.ok(!isLoopback('::ffff:192.168.0.1'));
});
