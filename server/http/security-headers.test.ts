import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentSecurityPolicy } from './security-headers.ts';

const directives = (policy: string) =>
  new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));

test('scripts only from us or with the nonce; nothing that runs strings as code', () => {
  const policy = directives(contentSecurityPolicy('abc123', 'https://montage.example'));
  assert.deepEqual(policy.get('script-src'), ["'self'", "'nonce-abc123'"]);
  assert.deepEqual(policy.get('style-src'), ["'self'", "'nonce-abc123'"], 'styles too');
  assert.doesNotMatch(contentSecurityPolicy('n', 'https://m.example'), /unsafe-eval/);
  assert.deepEqual(
    [...policy].filter(([, sources]) => sources.includes("'unsafe-inline'")).map(([name]) => name),
    ['style-src-attr'],
    'only style attributes may be inline',
  );
  assert.deepEqual(policy.get('object-src'), ["'none'"]);
  assert.deepEqual(policy.get('base-uri'), ["'none'"]);
  assert.deepEqual(policy.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(policy.get('form-action'), ["'self'"]);
});

test('the collaboration socket of our own origin may be reached', () => {
  const secure = directives(contentSecurityPolicy('n', 'https://montage.example'));
  assert.deepEqual(secure.get('connect-src'), ["'self'", 'wss://montage.example']);
  const local = directives(contentSecurityPolicy('n', 'http://127.0.0.1:3000'));
  assert.deepEqual(local.get('connect-src'), ["'self'", 'ws://127.0.0.1:3000']);
});
