import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { englishMessage } from '../../shared/api/api-messages.ts';
import type { ApiError } from './errors.ts';
import {
  destinationIssue,
  isSpecialPurposeAddress,
  resolveDestination,
  unsafeUrlIssue as issueOf,
} from './safe-url.ts';

/** The refusal's English sentence (what API clients read), or null. */
const unsafeUrlIssue = (url: string) => {
  const issue = issueOf(url);
  return issue && englishMessage(issue);
};

test('plain and percent-encoded URLs pass', () => {
  for (const url of [
    '/',
    '/api/v1/projects/abc123',
    '/projects/abc?x=1&y=%C3%A9t%C3%A9',
    '/login?redirectTo=%2Fprojects',
    '/search?q=a+b',
    '/%6cogin',
  ]) {
    assert.equal(unsafeUrlIssue(url), null, url);
  }
});

test('NUL, other controls, bidi overrides and bad encodings are refused, in path and query', () => {
  assert.match(
    unsafeUrlIssue('/api/v1/projects/%00')!,
    /path contains a control character \(U\+0000\)/,
  );
  assert.match(unsafeUrlIssue('/projects/a%0Ab')!, /path contains a line break/);
  assert.match(unsafeUrlIssue('/x?title=%E2%80%AE')!, /query contains a bidirectional override/);
  assert.match(unsafeUrlIssue('/x?a%00=1')!, /query contains a control character/);
  assert.match(unsafeUrlIssue('/projects/%E0%A4%A')!, /path is not valid percent-encoding/);
  assert.match(unsafeUrlIssue('/x?q=%ZZ')!, /query is not valid percent-encoding/);
});

describe('outgoing destinations', () => {
  test('special-purpose addresses are recognised, public ones are not', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      '::ffff:127.0.0.1',
      '64:ff9b::a00:1',
      'not-an-address',
    ]) {
      assert.equal(isSpecialPurposeAddress(address), true, address);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111']) {
      assert.equal(isSpecialPurposeAddress(address), false, address);
    }
  });

  test('only http(s) without credentials; literal private addresses refused unless allowed', () => {
    assert.equal(destinationIssue('https://example.com/hook', false), null);
    assert.equal(
      destinationIssue('ftp://example.com/', false)?.key,
      'errors.api.destinationScheme',
    );
    assert.equal(
      destinationIssue('file:///etc/passwd', false)?.key,
      'errors.api.destinationScheme',
    );
    assert.equal(
      destinationIssue('https://u:p@example.com/', false)?.key,
      'errors.api.destinationCredentials',
    );
    assert.equal(destinationIssue('not a url', false)?.key, 'errors.api.destinationInvalid');
    assert.equal(
      destinationIssue('http://[::1]:8080/', false)?.key,
      'errors.api.destinationPrivate',
    );
    assert.equal(destinationIssue('http://10.0.0.5/', false)?.key, 'errors.api.destinationPrivate');
    assert.equal(destinationIssue('http://10.0.0.5/', true), null);
  });

  test('names are checked after resolution, every address of them', async () => {
    const lookup = async (host: string) =>
      host === 'mixed.test'
        ? [
            { address: '93.184.216.34', family: 4 },
            { address: '10.0.0.1', family: 4 },
          ]
        : [{ address: '93.184.216.34', family: 4 }];
    await assert.rejects(
      resolveDestination('https://mixed.test/', false, lookup),
      (err: ApiError) => err.status === 422 && err.key === 'errors.api.destinationPrivate',
    );
    const ok = await resolveDestination('https://public.test/x', false, lookup);
    assert.deepEqual([ok.address, ok.family], ['93.184.216.34', 4]);
    await assert.rejects(
      resolveDestination('https://gone.test/', false, async () => {
        throw new Error('ENOTFOUND');
      }),
      (err: ApiError) => err.key === 'errors.api.destinationUnresolved',
    );
  });
});
