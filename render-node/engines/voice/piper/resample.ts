/**
 * Resamples mono float audio (pure): a windowed-sinc interpolator (Blackman
 * window, 16 zero crossings each side, cut-off below the lower Nyquist rate).
 * Done in JavaScript rather than by an ffmpeg run because the samples are
 * already floats in the inference host's memory and a narration sentence is
 * short; the result is the same on every machine, so a voice is
 * byte-for-byte reproducible.
 */

const HALF_TAPS = 16;

export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return input.slice();
  const ratio = toRate / fromRate;
  const output = new Float32Array(Math.round(input.length * ratio));
  // Below both Nyquist rates: downsampling must not fold high frequencies back.
  const cutoff = Math.min(1, ratio) * 0.97;
  const halfWidth = HALF_TAPS / cutoff;
  for (let i = 0; i < output.length; i++) {
    const center = i / ratio;
    const first = Math.max(0, Math.ceil(center - halfWidth));
    const last = Math.min(input.length - 1, Math.floor(center + halfWidth));
    let sum = 0;
    let weights = 0;
    for (let j = first; j <= last; j++) {
      const x = j - center;
      const w = cutoff * sinc(cutoff * x) * blackman(x / halfWidth);
      sum += input[j]! * w;
      weights += w;
    }
    output[i] = weights > 0 ? sum / weights : 0;
  }
  return output;
}

const sinc = (x: number) => (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x));

/** Blackman window over [-1, 1]. */
const blackman = (t: number) =>
  Math.abs(t) >= 1 ? 0 : 0.42 + 0.5 * Math.cos(Math.PI * t) + 0.08 * Math.cos(2 * Math.PI * t);
