import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  customPreset,
  listRenderPresets,
  presetProblems,
  renderPreset,
  RENDER_PRESET_IDS,
} from './render-presets.ts';
import { ASPECTS } from '../timeline.ts';

test('every preset exists for every aspect, with even sizes of the right shape', () => {
  const presets = listRenderPresets();
  assert.equal(presets.length, RENDER_PRESET_IDS.length * ASPECTS.length);
  for (const preset of presets) {
    assert.deepEqual(presetProblems(preset), [], preset.label);
    const [w, h] = preset.aspect.split(':').map(Number) as [number, number];
    assert.ok(Math.abs(preset.width / preset.height - w / h) < 0.01, preset.label);
  }
});

test('1080p and 720p draft sizes', () => {
  assert.deepEqual(
    [renderPreset('1080p', '16:9').width, renderPreset('1080p', '16:9').height],
    [1920, 1080],
  );
  assert.deepEqual(
    [renderPreset('1080p', '4:5').width, renderPreset('1080p', '4:5').height],
    [1080, 1350],
  );
  assert.deepEqual(
    [renderPreset('720p-draft', '9:16').width, renderPreset('720p-draft', '9:16').height],
    [720, 1280],
  );
  assert.equal(renderPreset('720p-draft', '1:1').video.x264Preset, 'superfast');
  assert.equal(renderPreset('1080p', '1:1').fps, null);
});

test('customPreset rejects sizes 4:2:0 video cannot have, naming the field', () => {
  const base = renderPreset('720p-draft', '16:9');
  assert.equal(customPreset(base, { id: 't', width: 320, height: 180, fps: 10 }).fps, 10);
  assert.throws(() => customPreset(base, { id: 't', width: 321, height: 180 }), /width/);
  assert.throws(() => customPreset(base, { id: 't', width: 320, height: 180, fps: 0 }), /fps/);
});
