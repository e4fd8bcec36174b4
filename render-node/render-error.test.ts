import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FfmpegError } from '../shared/node/ffmpeg/run-ffmpeg.ts';
import { failureCodeOfReason } from '../shared/render/render-failure.ts';
import { failureCodeOf, RenderError } from './render-error.ts';

const spawnMissing = (program: string) =>
  Object.assign(new Error(`spawn ${program} ENOENT`), {
    code: 'ENOENT',
    syscall: `spawn ${program}`,
  });

test('a failure the node recognises carries a code beside its English sentence', () => {
  const missing = new RenderError('narration', 's1', spawnMissing('espeak-ng'));
  assert.deepEqual(missing.toFailure(), {
    stage: 'narration',
    sceneId: 's1',
    message: 'narration (scene s1): spawn espeak-ng ENOENT',
    code: 'voice-engine-missing',
  });
  assert.equal(
    failureCodeOf('narration', new Error('the voice engine produced no audio')),
    'voice-engine-failed',
  );
  assert.equal(failureCodeOf('image', new Error('resvg crashed')), 'image-engine-failed');
  assert.equal(
    failureCodeOf('image', new Error('the uploaded image abc is not in the media store')),
    'media-missing',
  );
  const ffmpeg = Object.create(FfmpegError.prototype) as FfmpegError;
  assert.equal(failureCodeOf('segment', ffmpeg), 'ffmpeg-failed');
});

test('a failure the node does not recognise has no code', () => {
  const plain = new RenderError('plan', null, new Error('this render node’s fonts differ'));
  assert.equal(plain.code, undefined);
  assert.equal(Object.hasOwn(plain.toFailure(), 'code'), false);
  assert.equal(failureCodeOf('plan', 'odd'), undefined);
});

test('a job BullMQ failed by itself is coded from its reason', () => {
  assert.equal(failureCodeOfReason('job stalled more than allowable limit'), 'node-lost');
  assert.equal(failureCodeOfReason('Job timed out'), 'timed-out');
  assert.equal(failureCodeOfReason('child failed'), undefined);
});
