import assert from 'node:assert/strict';
import { test } from 'node:test';
import { englishMessage } from '../../shared/api/api-messages.ts';
import { unsafeUrlIssue as issueOf } from './safe-url.ts';

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
