import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProgressTracker, estimateEta } from './render-progress.ts';

const units = [
  { stage: 'image' as const, sceneId: 'a', weight: 10 },
  { stage: 'segment' as const, sceneId: 'a', weight: 30 },
  { stage: 'assemble' as const, sceneId: null, weight: 60 },
];

test('overall fraction is the weighted sum of units and never goes back', () => {
  let now = 0;
  const tracker = createProgressTracker({ renderId: 'r', units, now: () => now });
  now = 1000;
  assert.equal(tracker.update({ stage: 'image', sceneId: 'a', fraction: 1 }).fraction, 0.1);
  assert.equal(tracker.update({ stage: 'segment', sceneId: 'a', fraction: 0.5 }).fraction, 0.25);
  // A late, smaller report for the same unit changes nothing.
  assert.equal(tracker.update({ stage: 'segment', sceneId: 'a', fraction: 0.2 }).fraction, 0.25);
  // Unknown units are ignored.
  assert.equal(tracker.update({ stage: 'segment', sceneId: 'zzz', fraction: 1 }).fraction, 0.25);
  const last = tracker.update({ stage: 'assemble', sceneId: null, fraction: 1 });
  assert.equal(last.fraction, 0.85);
  assert.equal(last.renderId, 'r');
});

test('the ETA appears once there is real work to extrapolate from, and ignores cached work', () => {
  let now = 0;
  const tracker = createProgressTracker({ renderId: 'r', units, now: () => now });
  now = 100;
  assert.equal(
    tracker.update({ stage: 'image', sceneId: 'a', fraction: 1, cached: true }).etaSec,
    null,
  );
  now = 10_000;
  const progress = tracker.update({ stage: 'segment', sceneId: 'a', fraction: 1 });
  // 30 % of the work took 10 s, 60 % is left: 20 s.
  assert.equal(progress.etaSec, 20);
  assert.equal(estimateEta(1, 0, 5000), 0);
});
