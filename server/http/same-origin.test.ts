import assert from 'node:assert/strict';
import { test } from 'node:test';
import { englishMessage } from '../../shared/api/api-messages.ts';
import { crossSiteRefusal as refusalOf, type WriteRequest } from './same-origin.ts';

/** The refusal's English sentence (what API clients read), or null. */
const crossSiteRefusal = (request: WriteRequest) => {
  const refusal = refusalOf(request);
  return refusal && englishMessage(refusal);
};

const OWN = 'https://montage.example';
const write = (request: Partial<WriteRequest>): WriteRequest => ({
  method: 'POST',
  fetchSite: undefined,
  origin: undefined,
  ownOrigin: OWN,
  addressedHost: 'montage.example',
  hasSessionCookie: true,
  ...request,
});

test('reads never are refused, whoever sends them', () => {
  for (const method of ['GET', 'HEAD', 'OPTIONS']) {
    assert.equal(
      crossSiteRefusal(
        write({ method, fetchSite: 'cross-site', origin: 'https://attacker.example' }),
      ),
      null,
    );
  }
});

test('a change from our own pages passes', () => {
  assert.equal(crossSiteRefusal(write({ fetchSite: 'same-origin', origin: OWN })), null);
  assert.equal(crossSiteRefusal(write({ origin: OWN })), null, 'Origin only (older browsers)');
  assert.equal(crossSiteRefusal(write({ fetchSite: 'same-origin' })), null, 'no Origin');
  assert.equal(crossSiteRefusal(write({ fetchSite: 'none' })), null, 'started by the user');
});

test('a change from another site is refused, by either header, with the reason', () => {
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    assert.match(
      crossSiteRefusal(write({ method, origin: 'https://attacker.example' }))!,
      /comes from https:\/\/attacker\.example, not from https:\/\/montage\.example/,
    );
  }
  assert.match(crossSiteRefusal(write({ fetchSite: 'cross-site' }))!, /Sec-Fetch-Site: cross-site/);
  assert.match(
    crossSiteRefusal(write({ fetchSite: 'cross-site', origin: OWN }))!,
    /another site/,
    'a forged Origin cannot outvote the browser',
  );
  assert.match(crossSiteRefusal(write({ fetchSite: 'same-site' }))!, /same-site/);
  assert.match(crossSiteRefusal(write({ origin: 'null' }))!, /comes from null/);
  assert.match(crossSiteRefusal(write({ origin: 'http://montage.example' }))!, /not from/);
  assert.ok(
    crossSiteRefusal(write({ origin: 'https://attacker.example', hasSessionCookie: false })),
    'signed out too: no sign-in or sign-up from another site',
  );
});

test('a session cookie with neither header is refused; a bearer client or curl passes', () => {
  assert.match(crossSiteRefusal(write({}))!, /must say where it comes from/);
  assert.equal(crossSiteRefusal(write({ hasSessionCookie: false })), null);
});

test('an Origin naming another host than the one addressed is refused (what Remix would answer with a 500)', () => {
  assert.match(
    crossSiteRefusal(write({ origin: OWN, addressedHost: 'internal:3000' }))!,
    /addressed to internal:3000/,
  );
  assert.match(
    crossSiteRefusal(write({ origin: OWN, addressedHost: undefined }))!,
    /addressed to no host/,
  );
});
