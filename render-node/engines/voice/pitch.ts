/**
 * A speaker's fundamental frequency, estimated by autocorrelation over the
 * loud (voiced) frames of a mono signal: the median of the frames' best
 * lags between 60 and 500 Hz. Enough to tell two voices apart in a test or
 * a check of a render; not a pitch tracker for music. Pure.
 */

const FRAME_SEC = 0.04;
const HOP_SEC = 0.02;
const MIN_HZ = 60;
const MAX_HZ = 500;

/** Samples of 16-bit little-endian PCM as floats in [-1, 1). */
export function pcm16ToFloat(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(Math.floor(bytes.byteLength / 2));
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true) / 32768;
  return out;
}

/** The median fundamental in Hz, or null when nothing sounds voiced. */
export function estimatePitchHz(signal: Float32Array, sampleRate: number): number | null {
  const size = Math.round(FRAME_SEC * sampleRate);
  const hop = Math.round(HOP_SEC * sampleRate);
  const minLag = Math.floor(sampleRate / MAX_HZ);
  const maxLag = Math.min(size - 1, Math.ceil(sampleRate / MIN_HZ));
  const frames: { start: number; energy: number }[] = [];
  for (let start = 0; start + size <= signal.length; start += hop) {
    let energy = 0;
    for (let i = start; i < start + size; i++) energy += signal[i]! * signal[i]!;
    frames.push({ start, energy });
  }
  const loudest = Math.max(0, ...frames.map((f) => f.energy));
  const estimates: number[] = [];
  for (const { start, energy } of frames) {
    // Quiet frames are pauses or unvoiced consonants: they have no pitch.
    if (energy < loudest * 0.2) continue;
    const r: number[] = [];
    for (let lag = minLag; lag <= maxLag; lag++) {
      let sum = 0;
      let a = 0;
      let b = 0;
      for (let i = start; i + lag < start + size; i++) {
        sum += signal[i]! * signal[i + lag]!;
        a += signal[i]! * signal[i]!;
        b += signal[i + lag]! * signal[i + lag]!;
      }
      r.push(sum / Math.sqrt(a * b || 1));
    }
    const best = Math.max(...r);
    if (best < 0.6) continue;
    // Multiples of the period correlate as well: the first peak near the best is the period.
    const first = r.findIndex(
      (v, k) => v >= best * 0.9 && v >= (r[k - 1] ?? -1) && v >= (r[k + 1] ?? -1),
    );
    if (first >= 0) estimates.push(sampleRate / (minLag + first));
  }
  if (!estimates.length) return null;
  estimates.sort((x, y) => x - y);
  return estimates[Math.floor(estimates.length / 2)]!;
}
