import { endianness } from 'node:os';

/**
 * The soundtrack's last touches on interleaved float PCM (pure): one gain
 * (loudness target, bounded by the peak ceiling: no limiter, so the loop
 * seam stays exact), a crossfade that makes the loop seamless, a fade so the
 * end is never cut mid-note, and 16-bit samples.
 */

export interface Pcm {
  samples: Float32Array;
  channels: number;
  sampleRate: number;
}

export const frames = (pcm: Pcm) => Math.floor(pcm.samples.length / pcm.channels);

export function peak(pcm: Pcm): number {
  const { samples } = pcm;
  let max = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = Math.abs(samples[i]!);
    if (v > max) max = v;
  }
  return max;
}

/** The gain that brings `measuredLufs` to `targetLufs`, lowered so no peak passes `ceilingDb`. */
export function fittingGain(
  measuredLufs: number | null,
  targetLufs: number,
  peakLinear: number,
  ceilingDb: number,
): number {
  const loudness = measuredLufs === null ? 1 : 10 ** ((targetLufs - measuredLufs) / 20);
  const ceiling = peakLinear > 0 ? 10 ** (ceilingDb / 20) / peakLinear : loudness;
  return Math.min(loudness, ceiling);
}

export function applyGain(pcm: Pcm, gain: number) {
  for (let i = 0; i < pcm.samples.length; i++) pcm.samples[i]! *= gain;
}

/**
 * Makes the loop [start, end) seamless: the `fade` frames before `end` blend
 * into the frames before `start`, so playing on from end − 1 to start is the
 * step the audio itself takes from start − 1 to start. Needs start ≥ fade.
 */
export function crossfadeLoop(pcm: Pcm, start: number, end: number, fade: number) {
  const { channels, samples } = pcm;
  const n = Math.min(fade, start, end - start);
  if (n < 2) return;
  for (let i = 0; i < n; i++) {
    const w = 0.5 - 0.5 * Math.cos((Math.PI * (i + 1)) / n); // reaches 1 at the seam
    for (let c = 0; c < channels; c++) {
      const at = (end - n + i) * channels + c;
      const from = (start - n + i) * channels + c;
      samples[at] = samples[at]! * (1 - w) + samples[from]! * w;
    }
  }
}

/** A raised-cosine fade over the last `length` frames, to silence at the very end. */
export function fadeOut(pcm: Pcm, length: number) {
  const total = frames(pcm);
  const n = Math.min(length, total);
  for (let i = 0; i < n; i++) {
    const w = 0.5 + 0.5 * Math.cos((Math.PI * (i + 1)) / n);
    for (let c = 0; c < pcm.channels; c++) pcm.samples[(total - n + i) * pcm.channels + c]! *= w;
  }
}

/**
 * Samples [from, to) as signed 16-bit little-endian, rounded (no dither: the
 * same input gives the same bytes).
 */
export function toS16(pcm: Pcm, from = 0, to = pcm.samples.length): Buffer {
  const { samples } = pcm;
  const out = new Int16Array(to - from);
  for (let i = from; i < to; i++) {
    const v = samples[i]!;
    out[i - from] = Math.round((v > 1 ? 1 : v < -1 ? -1 : v) * 32767);
  }
  const bytes = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  // Int16Array has the platform's byte order.
  return endianness() === 'LE' ? bytes : bytes.swap16();
}
