import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RenderOutput } from '../../shared/render/render-output.ts';
import { jobIds } from '../../shared/render/render-queue.ts';
import { failurePlace, jobOutputOf } from './node-events.ts';

test('a failed job is placed at its stage, and a scene job at its scene', () => {
  const ids = jobIds('r1', 1);
  assert.deepEqual(failurePlace('plan', ids.plan), { stage: 'plan', sceneId: null });
  assert.deepEqual(failurePlace('assemble', ids.assemble), { stage: 'assemble', sceneId: null });
  assert.deepEqual(failurePlace('scene', ids.scene('s2')), { stage: 'segment', sceneId: 's2' });
});

test('the job machine keeps the output’s video and poster hashes and its duration', () => {
  const output = {
    video: { kind: 'video', hash: 'v', ext: 'mp4', cached: false },
    poster: { kind: 'poster', hash: 'p', ext: 'jpg', cached: true },
    durationSec: 9.5,
  } as RenderOutput;
  assert.deepEqual(jobOutputOf(output), { videoHash: 'v', posterHash: 'p', durationSec: 9.5 });
});
