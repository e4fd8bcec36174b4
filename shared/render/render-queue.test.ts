import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jobIds, parseJobId } from './render-queue.ts';

test('job ids name the render, the attempt and the scene, and read back', () => {
  const ids = jobIds('r1', 2);
  assert.deepEqual(ids.plan, 'r1.2.plan');
  assert.deepEqual(parseJobId(ids.plan), { renderId: 'r1', attempt: 2, sceneId: null });
  assert.deepEqual(parseJobId(ids.assemble), { renderId: 'r1', attempt: 2, sceneId: null });
  assert.deepEqual(parseJobId(ids.scene('s-9')), { renderId: 'r1', attempt: 2, sceneId: 's-9' });
});
