import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, isReadOnlyRole } from './roles.ts';

test('roles grant actions by rank', () => {
  assert.equal(can('viewer', 'view'), true);
  assert.equal(can('viewer', 'edit'), false);
  assert.equal(can('editor', 'edit'), true);
  assert.equal(can('editor', 'delete'), false);
  assert.equal(can('owner', 'manageMembers'), true);
  assert.equal(can(null, 'view'), false);
  assert.equal(isReadOnlyRole('viewer'), true);
  assert.equal(isReadOnlyRole('editor'), false);
});
