import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_SECONDS_PER_UNIT,
  estimateRender,
  parseStageHistory,
  stageField,
  type SceneWork,
} from './estimate.ts';

const scene = (id: string, overrides: Partial<SceneWork> = {}): SceneWork => ({
  sceneId: id,
  image: { cached: false, engine: 'procedural', size: '1280x720' },
  narration: { cached: false, engine: 'espeak-ng', characters: 200 },
  segment: { cached: false, size: '1280x720', frames: 100 },
  ...overrides,
});

test('a fully cached scene costs nothing; totals add the rest', () => {
  const history = parseStageHistory({
    [`${stageField('image', 'procedural', '1280x720')}:sec`]: '6',
    [`${stageField('image', 'procedural', '1280x720')}:units`]: '3',
    [`${stageField('image', 'procedural', '1280x720')}:runs`]: '3',
    [`${stageField('narration', 'espeak-ng', '')}:sec`]: '1',
    [`${stageField('narration', 'espeak-ng', '')}:units`]: '1000',
    [`${stageField('segment', 'ffmpeg', '1280x720')}:sec`]: '5',
    [`${stageField('segment', 'ffmpeg', '1280x720')}:units`]: '250',
  });
  const estimate = estimateRender(
    [
      scene('a', {
        image: { cached: true, engine: 'procedural', size: '1280x720' },
        narration: { cached: true, engine: 'espeak-ng', characters: 0 },
        segment: { cached: true, size: '1280x720', frames: 0 },
      }),
      scene('b'),
    ],
    history,
  );
  assert.deepEqual(estimate.scenes[0], {
    sceneId: 'a',
    cached: true,
    seconds: { image: 0, narration: 0, segment: 0 },
    gpuSeconds: 0,
    totalSeconds: 0,
  });
  // 2 s a picture, 0.001 s a character × 200, 0.02 s a frame × 100.
  assert.deepEqual(estimate.scenes[1]!.seconds, { image: 2, narration: 0.2, segment: 2 });
  assert.equal(estimate.scenes[1]!.totalSeconds, 4.2);
  assert.deepEqual(estimate.totals, { seconds: 4.2, gpuSeconds: 0, cachedScenes: 1, scenes: 2 });
  assert.equal(estimate.measured, true);
});

test('without history the defaults apply and the estimate says so; a silent scene has no narration cost', () => {
  const estimate = estimateRender([scene('a', { narration: null })], new Map());
  assert.equal(estimate.measured, false);
  assert.equal(estimate.scenes[0]!.seconds.narration, 0);
  assert.equal(estimate.scenes[0]!.seconds.image, DEFAULT_SECONDS_PER_UNIT.image('procedural'));
  assert.equal(
    estimate.scenes[0]!.seconds.segment,
    DEFAULT_SECONDS_PER_UNIT.segment('ffmpeg') * 100,
  );
  assert.equal(estimate.scenes[0]!.cached, false);
});

test('GPU seconds come from the share of measured runs that used a GPU', () => {
  const field = stageField('image', 'onnx.sd-turbo', '512x512');
  const history = parseStageHistory({
    [`${field}:sec`]: '0.6',
    [`${field}:units`]: '4',
    [`${field}:runs`]: '4',
    [`${field}:gpu`]: '4',
  });
  const estimate = estimateRender(
    [
      scene('a', {
        image: { cached: false, engine: 'onnx.sd-turbo', size: '512x512' },
        narration: null,
        segment: { cached: true, size: '512x512', frames: 0 },
      }),
    ],
    history,
  );
  assert.equal(estimate.scenes[0]!.seconds.image, 0.2);
  assert.equal(estimate.scenes[0]!.gpuSeconds, 0.2);
  assert.equal(estimate.totals.gpuSeconds, 0.2);
});

test('unreadable history fields are ignored (never NaN in an estimate)', () => {
  const history = parseStageHistory({
    'image|procedural|1x1:sec': 'abc',
    'image|procedural|1x1:units': '2',
    'segment|ffmpeg|1x1:sec': '3',
    'segment|ffmpeg|1x1:units': '0',
    junk: '1',
  });
  assert.equal(history.size, 0);
});
