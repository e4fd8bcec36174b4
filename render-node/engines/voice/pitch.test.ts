import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimatePitchHz, pcm16ToFloat } from './pitch.ts';

const tone = (hz: number, sampleRate: number, sec: number) =>
  Float32Array.from(
    { length: Math.round(sampleRate * sec) },
    (_, i) =>
      // A fundamental and a weaker second harmonic, like a voice's.
      0.5 * Math.sin((2 * Math.PI * hz * i) / sampleRate) +
      0.2 * Math.sin((4 * Math.PI * hz * i) / sampleRate),
  );

test('the fundamental of a tone with harmonics, silence as null', () => {
  for (const hz of [110, 220, 330]) {
    const found = estimatePitchHz(tone(hz, 22050, 0.5), 22050)!;
    assert.ok(Math.abs(found - hz) / hz < 0.03, `${hz} Hz read as ${found}`);
  }
  assert.equal(estimatePitchHz(new Float32Array(22050), 22050), null);
});

test('16-bit PCM reads as floats', () => {
  const bytes = new Uint8Array([0x00, 0x80, 0xff, 0x7f, 0x00, 0x00]);
  assert.deepEqual([...pcm16ToFloat(bytes)], [-1, 32767 / 32768, 0]);
});
