import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crossfadeLoop, fadeOut, fittingGain, peak, toS16, type Pcm } from './pcm.ts';

const stereo = (frames: number, f: (i: number) => number): Pcm => {
  const samples = new Float32Array(frames * 2);
  for (let i = 0; i < frames; i++) samples[2 * i] = samples[2 * i + 1] = f(i);
  return { samples, channels: 2, sampleRate: 48000 };
};

test('the gain reaches the loudness target unless a peak would pass the ceiling', () => {
  assert.ok(Math.abs(fittingGain(-24, -18, 0.1, -1) - 10 ** (6 / 20)) < 1e-9);
  const capped = fittingGain(-30, -18, 0.5, -1);
  assert.ok(Math.abs(0.5 * capped - 10 ** (-1 / 20)) < 1e-9, 'the peak lands on the ceiling');
  assert.equal(fittingGain(null, -18, 0, -1), 1, 'silence is left alone');
});

test('the loop crossfade: the sample before the loop end becomes the one before the loop start', () => {
  // Two unrelated tones: a jump at the seam before the crossfade.
  const pcm = stereo(4000, (i) => (i < 2000 ? Math.sin(i / 7) : 0.8 * Math.sin(i / 3 + 1)) * 0.5);
  const [start, end] = [1000, 3000];
  crossfadeLoop(pcm, start, end, 400);
  const at = (i: number) => pcm.samples[2 * i]!;
  assert.ok(Math.abs(at(end - 1) - at(start - 1)) < 1e-6);
  assert.ok(
    Math.abs(at(end - 1) - at(start)) <=
      Math.abs(Math.sin(1000 / 7) - Math.sin(999 / 7)) * 0.5 + 1e-6,
  );
  assert.ok(peak(pcm) <= 0.5, 'a crossfade of two signals under a peak stays under it');
});

test('the fade ends in silence; 16-bit samples are rounded and clipped, range by range', () => {
  const pcm = stereo(1000, () => 0.5);
  fadeOut(pcm, 200);
  assert.equal(pcm.samples.at(-1), 0);
  assert.equal(pcm.samples[2 * 799], 0.5);
  const loud = stereo(2, (i) => (i === 0 ? 2 : -0.25));
  const bytes = toS16(loud);
  assert.deepEqual(
    [0, 1, 2, 3].map((i) => bytes.readInt16LE(i * 2)),
    [32767, 32767, -8192, -8192],
  );
  assert.deepEqual(toS16(loud, 2, 4), bytes.subarray(4, 8));
});
