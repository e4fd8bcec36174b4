import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createActor } from 'xstate';
import type { RenderProgress, RenderStage } from './render-events.ts';
import {
  isTerminalState,
  phaseOfStage,
  RENDER_JOB_STATES,
  renderJobMachine,
  TERMINAL_STATES,
} from './render-job-machine.ts';

const progress = (
  stage: RenderStage,
  fraction: number,
): { type: 'PROGRESS'; progress: RenderProgress } => ({
  type: 'PROGRESS',
  progress: { renderId: 'r1', stage, sceneId: 's1', fraction, etaSec: 12 },
});

function start() {
  const actor = createActor(renderJobMachine, { input: { renderId: 'r1' } });
  actor.start();
  return actor;
}

test('a render goes through every phase to done', () => {
  const actor = start();
  assert.equal(actor.getSnapshot().value, 'queued');
  actor.send({ type: 'START' });
  assert.equal(actor.getSnapshot().value, 'planning');
  const seen: string[] = [];
  for (const stage of ['image', 'narration', 'segment', 'audio', 'publish'] as const) {
    actor.send(progress(stage, 0.5));
    seen.push(String(actor.getSnapshot().value));
  }
  assert.deepEqual(seen, ['generating', 'narrating', 'encoding', 'assembling', 'publishing']);
  actor.send({ type: 'DONE', output: { videoHash: 'v', posterHash: 'p', durationSec: 3 } });
  const done = actor.getSnapshot();
  assert.equal(done.value, 'done');
  assert.equal(done.status, 'done');
  assert.equal(done.context.fraction, 1);
  assert.equal(done.context.output?.videoHash, 'v');
});

test('phases only move forward when scenes report out of order', () => {
  const actor = start();
  actor.send({ type: 'START' });
  actor.send(progress('segment', 0.4));
  assert.equal(actor.getSnapshot().value, 'encoding');
  actor.send(progress('image', 0.3));
  const snapshot = actor.getSnapshot();
  assert.equal(snapshot.value, 'encoding');
  assert.equal(snapshot.context.fraction, 0.4, 'the fraction never decreases');
  assert.equal(snapshot.context.stage, 'image');
});

test('cancel from any active phase; late events are ignored; retry re-queues', () => {
  const actor = start();
  actor.send({ type: 'START' });
  actor.send(progress('narration', 0.2));
  actor.send({ type: 'CANCEL' });
  assert.equal(actor.getSnapshot().value, 'cancelled');
  actor.send(progress('segment', 0.9));
  actor.send({ type: 'DONE', output: { videoHash: 'v', posterHash: 'p', durationSec: 1 } });
  assert.equal(actor.getSnapshot().value, 'cancelled');
  actor.send({ type: 'RETRY' });
  assert.equal(actor.getSnapshot().value, 'queued');
  assert.equal(actor.getSnapshot().context.fraction, 0);
  actor.send({ type: 'START' });
  assert.equal(actor.getSnapshot().context.attempts, 2);
});

test('a failure keeps its stage, scene and cause; a stalled job goes back to the queue', () => {
  const actor = start();
  actor.send({ type: 'START' });
  actor.send({ type: 'REQUEUE' });
  assert.equal(actor.getSnapshot().value, 'queued');
  actor.send({ type: 'START' });
  actor.send(progress('segment', 0.3));
  actor.send({
    type: 'FAIL',
    failure: { stage: 'segment', sceneId: 's1', message: 'ffmpeg failed', detail: 'last line' },
  });
  const failed = actor.getSnapshot();
  assert.equal(failed.value, 'failed');
  assert.deepEqual(failed.context.failure, {
    stage: 'segment',
    sceneId: 's1',
    message: 'ffmpeg failed',
    detail: 'last line',
  });
  assert.ok(isTerminalState('failed'));
  assert.equal(phaseOfStage('transition'), 'encoding');
});

test('the terminal states are exactly the final states of the machine', () => {
  assert.deepEqual([...TERMINAL_STATES].sort(), ['cancelled', 'done', 'failed']);
  for (const state of RENDER_JOB_STATES) {
    assert.equal(isTerminalState(state), (TERMINAL_STATES as readonly string[]).includes(state));
  }
  assert.equal(isTerminalState('queued'), false);
  assert.equal(isTerminalState('encoding'), false);
});
