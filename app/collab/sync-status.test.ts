import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syncStatus, type ConnectionFacts } from './sync-status.ts';

const facts = (overrides: Partial<ConnectionFacts>): ConnectionFacts => ({
  online: true,
  connected: true,
  synced: true,
  everSynced: true,
  pendingLocal: false,
  ...overrides,
});

test('what the user is told about their edits', () => {
  assert.equal(syncStatus(facts({})), 'saved');
  assert.equal(syncStatus(facts({ pendingLocal: true })), 'syncing');
  assert.equal(syncStatus(facts({ synced: false })), 'syncing');
  assert.equal(
    syncStatus(facts({ connected: false, synced: false, everSynced: false })),
    'connecting',
  );
  assert.equal(syncStatus(facts({ connected: false, synced: false })), 'reconnecting');
  assert.equal(
    syncStatus(facts({ connected: false, synced: false, pendingLocal: true })),
    'offline',
  );
  assert.equal(syncStatus(facts({ online: false, connected: false, synced: false })), 'offline');
  assert.equal(syncStatus(facts({ online: false })), 'offline');
});
