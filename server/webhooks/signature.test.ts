import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { signatureHeader, verifySignature } from './signature.ts';

test('the signature is HMAC-SHA256 of "<t>.<body>" in hex, with its timestamp', () => {
  const body = '{"id":"e1","type":"render.succeeded"}';
  const header = signatureHeader('s3cret-s3cret-s3cret', body, 1_700_000_000);
  const expected = createHmac('sha256', 's3cret-s3cret-s3cret')
    .update(`1700000000.${body}`)
    .digest('hex');
  assert.equal(header, `t=1700000000,v1=${expected}`);
});

test('verification accepts the body as signed and refuses any change, other secret or old time', () => {
  const body = '{"a":1}';
  const header = signatureHeader('secret-one-secret', body, 1000);
  assert.equal(verifySignature('secret-one-secret', body, header, 1010), true);
  assert.equal(verifySignature('secret-one-secret', '{"a":2}', header, 1010), false);
  assert.equal(verifySignature('secret-two-secret', body, header, 1010), false);
  assert.equal(verifySignature('secret-one-secret', body, header, 1000 + 301), false);
  assert.equal(verifySignature('secret-one-secret', body, 't=1000,v1=zz', 1000), false);
  assert.equal(verifySignature('secret-one-secret', body, 'garbage', 1000), false);
});
