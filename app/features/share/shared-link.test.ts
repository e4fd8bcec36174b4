import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkEndOf, parseSharedHash } from './shared-link.ts';

test('#t= seeks, #scene= names a scene; anything else is ignored', () => {
  assert.deepEqual(parseSharedHash('#t=12.5'), { t: 12.5, scene: null });
  assert.deepEqual(parseSharedHash('#scene=abc123'), { t: null, scene: 'abc123' });
  assert.deepEqual(parseSharedHash('#t=3&scene=s1'), { t: 3, scene: 's1' });
  assert.deepEqual(parseSharedHash(''), { t: null, scene: null });
  for (const hash of ['#t=-1', '#t=abc', '#t=1e9999', '#t=Infinity', '#t=']) {
    assert.equal(parseSharedHash(hash).t, null, hash);
  }
  assert.equal(parseSharedHash('#scene=<img src=x>').scene, null);
  assert.equal(parseSharedHash('#scene=a"b').scene, null);
});

test('a refusal names why the link ended', () => {
  const gone = (reason: string) => ({ error: { code: 'GONE', details: { reason } } });
  assert.equal(linkEndOf(gone('revoked')), 'revoked');
  assert.equal(linkEndOf(gone('expired')), 'expired');
  assert.equal(linkEndOf(gone('constructor')), 'unknown');
  assert.equal(linkEndOf({ error: { code: 'NOT_FOUND' } }), 'unknown');
  assert.equal(linkEndOf(null), 'unknown');
});
