import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyRenderJobEvent, initialRenderJob } from './render-job-state.ts';

const progress = (stage: 'image' | 'segment' | 'assemble', fraction: number) => ({
  type: 'PROGRESS' as const,
  progress: { renderId: 'r', stage, sceneId: null, fraction, etaSec: null },
});

test('stored state moves through the machine and ignores late events', () => {
  let job = initialRenderJob('r');
  assert.equal(job.state, 'queued');
  job = applyRenderJobEvent(job, { type: 'START' });
  assert.equal(job.state, 'planning');
  assert.equal(job.context.attempts, 1);
  job = applyRenderJobEvent(job, progress('segment', 0.4));
  assert.equal(job.state, 'encoding');
  job = applyRenderJobEvent(job, progress('image', 0.5)); // a slower scene: no step back
  assert.equal(job.state, 'encoding');
  assert.equal(job.context.fraction, 0.5);
  job = applyRenderJobEvent(job, { type: 'CANCEL' });
  assert.equal(job.state, 'cancelled');
  job = applyRenderJobEvent(job, progress('assemble', 0.9)); // late progress after cancel
  assert.equal(job.state, 'cancelled');
  job = applyRenderJobEvent(job, { type: 'RETRY' });
  assert.equal(job.state, 'queued');
  assert.equal(job.context.fraction, 0);
});

test('a render can fail before a node reports its start', () => {
  const failed = applyRenderJobEvent(initialRenderJob('r'), {
    type: 'FAIL',
    failure: { stage: 'plan', sceneId: null, message: 'invalid timeline' },
  });
  assert.equal(failed.state, 'failed');
  assert.equal(failed.context.failure?.stage, 'plan');
});
