import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressThrottle } from './node-events.ts';

test('progress of a unit goes out at most every 250 ms; the first and the last always', () => {
  let now = 1000;
  const shouldSend = progressThrottle(() => now);
  const unit = { stage: 'segment' as const, sceneId: 's1' };
  assert.equal(shouldSend({ ...unit, fraction: 0.1 }), true, 'first');
  now += 100;
  assert.equal(shouldSend({ ...unit, fraction: 0.2 }), false, 'too soon');
  assert.equal(shouldSend({ ...unit, fraction: 1 }), true, 'the last always');
  now += 250;
  assert.equal(shouldSend({ ...unit, fraction: 0.5 }), true, 'after the interval');
});

test('units are throttled apart: another scene or stage is not held back', () => {
  const now = 1000;
  const shouldSend = progressThrottle(() => now);
  assert.equal(shouldSend({ stage: 'segment', sceneId: 's1', fraction: 0.1 }), true);
  assert.equal(shouldSend({ stage: 'segment', sceneId: 's2', fraction: 0.1 }), true);
  assert.equal(shouldSend({ stage: 'image', sceneId: 's1', fraction: 0.1 }), true);
  assert.equal(shouldSend({ stage: 'audio', sceneId: null, fraction: 0.1 }), true);
  assert.equal(shouldSend({ stage: 'segment', sceneId: 's1', fraction: 0.3 }), false);
});
