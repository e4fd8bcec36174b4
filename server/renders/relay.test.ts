import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRelay, newRelayState, relayWait, type RenderUpdateMessage } from './relay.ts';
import type { RenderRecord } from '../../shared/api/renders.ts';

test('an update waits out the rest of the 250 ms since the last one', () => {
  assert.ok(relayWait(0, 10_000) <= 0, 'never relayed: at once');
  assert.equal(relayWait(10_000, 10_100), 150);
  assert.ok(relayWait(10_000, 10_250) <= 0);
});

test('a record goes to its project’s collaborators; nothing for no record', () => {
  const sent: [string, RenderUpdateMessage][] = [];
  const relay = createRelay((projectId, message) => sent.push([projectId, message]));
  const record = { id: 'r1', projectId: 'p1' } as RenderRecord;
  relay.relay(null);
  relay.relay(record);
  assert.deepEqual(sent, [['p1', { type: 'render', render: record }]]);
});

test('throttled updates: the first goes out; within the interval only the latest, once', async () => {
  const sent: RenderRecord[] = [];
  const relay = createRelay((_, message) => sent.push(message.render));
  const state = newRelayState();
  const at = (n: number) => ({ id: 'r1', projectId: 'p1', fraction: n }) as RenderRecord;
  relay.throttled(state, at(0.1));
  relay.throttled(state, at(0.2));
  relay.throttled(state, at(0.3));
  assert.deepEqual(
    sent.map((r) => r.fraction),
    [0.1],
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(
    sent.map((r) => r.fraction),
    [0.1, 0.3],
  );
});

test('a pending update is dropped once the render is final', async () => {
  const sent: RenderRecord[] = [];
  const relay = createRelay((_, message) => sent.push(message.render));
  const state = newRelayState();
  const record = { id: 'r1', projectId: 'p1' } as RenderRecord;
  relay.throttled(state, record);
  relay.throttled(state, record);
  relay.cancelPending(state);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(sent.length, 1);
});
