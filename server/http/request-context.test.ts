import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loggedPath } from './request-context.ts';

test('logged paths keep no query string and no invitation token', () => {
  const token = 'Ab3_-'.repeat(8) + 'xyz';
  assert.equal(loggedPath(`/invitations/${token}`), '/invitations/[token]');
  assert.equal(loggedPath(`/invitations/${token}.data?_routes=x`), '/invitations/[token]');
  assert.equal(
    loggedPath(`/api/v1/invitations/by-token/${token}/accept`),
    '/api/v1/invitations/by-token/[token]/accept',
  );
  assert.equal(
    loggedPath(`/api/v1/invitations/by-token/${token}`),
    '/api/v1/invitations/by-token/[token]',
  );
  // Invitation ids are not secrets; other paths are as they were.
  assert.equal(
    loggedPath('/api/v1/invitations/abc123/accept'),
    '/api/v1/invitations/abc123/accept',
  );
  assert.equal(loggedPath('/api/v1/projects/p1/invitations'), '/api/v1/projects/p1/invitations');
  assert.equal(loggedPath(`/login?redirectTo=%2Finvitations%2F${token}`), '/login');
  assert.equal(loggedPath('/projects'), '/projects');
});

test('logged paths keep no preview link token', () => {
  const token = 'Ab3_-'.repeat(8) + 'xyz';
  assert.equal(loggedPath(`/s/${token}`), '/s/[token]');
  assert.equal(loggedPath(`/s/${token}.data?_routes=x`), '/s/[token]');
  assert.equal(loggedPath(`/api/v1/shared/${token}`), '/api/v1/shared/[token]');
  assert.equal(
    loggedPath(`/api/v1/shared/${token}/renders/r1/video.mp4`),
    '/api/v1/shared/[token]/renders/r1/video.mp4',
  );
  assert.equal(loggedPath('/api/v1/share-links/abc'), '/api/v1/share-links/abc');
});
