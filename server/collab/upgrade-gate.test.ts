import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { crossSiteUpgrade } from './upgrade-gate.ts';

const isCrossSiteUpgrade = (headers: IncomingHttpHeaders, publicUrl: string | undefined) =>
  crossSiteUpgrade(headers, publicUrl) !== null;

const host = 'montage.example:3000';

test('an upgrade without Origin (not a browser) is not judged cross-site', () => {
  assert.equal(isCrossSiteUpgrade({ host }, undefined), false);
});

test('without PUBLIC_URL, the Origin host must be the Host header, whatever the scheme', () => {
  assert.equal(
    isCrossSiteUpgrade({ host, origin: 'http://montage.example:3000' }, undefined),
    false,
  );
  assert.equal(
    isCrossSiteUpgrade({ host, origin: 'https://montage.example:3000' }, undefined),
    false,
  );
  assert.equal(
    isCrossSiteUpgrade(
      { host: 'MONTAGE.example:3000', origin: 'http://montage.example:3000' },
      undefined,
    ),
    false,
  );
  assert.equal(
    isCrossSiteUpgrade(
      { host: 'montage.example', origin: 'https://montage.example:443' },
      undefined,
    ),
    false,
  );
  for (const origin of [
    'https://attacker.example',
    'http://montage.example:3001',
    'http://montage.example.attacker.example:3000',
    'null',
    'file://',
    'not a url',
  ])
    assert.equal(isCrossSiteUpgrade({ host, origin }, undefined), true, origin);
  assert.equal(isCrossSiteUpgrade({ origin: 'http://montage.example:3000' }, undefined), true);
});

test('with PUBLIC_URL, the Origin must be its origin exactly', () => {
  const publicUrl = 'https://montage.example/app';
  assert.equal(
    isCrossSiteUpgrade({ host: 'internal:3000', origin: 'https://montage.example' }, publicUrl),
    false,
  );
  assert.equal(
    isCrossSiteUpgrade({ host: 'internal:3000', origin: 'http://montage.example' }, publicUrl),
    true,
  );
  assert.equal(
    isCrossSiteUpgrade({ host: 'internal:3000', origin: 'http://internal:3000' }, publicUrl),
    true,
  );
});

test('Sec-Fetch-Site: cross-site is refused even with a matching Origin', () => {
  assert.equal(
    isCrossSiteUpgrade(
      { host, origin: 'http://montage.example:3000', 'sec-fetch-site': 'cross-site' },
      undefined,
    ),
    true,
  );
  assert.equal(
    isCrossSiteUpgrade(
      { host, origin: 'http://montage.example:3000', 'sec-fetch-site': 'same-origin' },
      undefined,
    ),
    false,
  );
});

test('a refused upgrade answers CROSS_SITE_REQUEST, the code of every cross-site refusal', () => {
  const refusal = crossSiteUpgrade({ host, origin: 'https://attacker.example' }, undefined);
  assert.equal(refusal?.code, 'CROSS_SITE_REQUEST');
  assert.equal(refusal?.status, 403);
  assert.match(refusal!.message, /comes from https:\/\/attacker\.example/);
});

test('Sec-Fetch-Site: same-site is refused like any other site (as for writes)', () => {
  assert.equal(
    isCrossSiteUpgrade(
      { host, origin: 'http://montage.example:3000', 'sec-fetch-site': 'same-site' },
      undefined,
    ),
    true,
  );
});
