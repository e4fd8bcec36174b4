/**
 * Resamples mono float audio (pure): a windowed-sinc interpolator (Blackman
 * window, 16 zero crossings each side, cut-off below the lower Nyquist rate),
 * the kernel read from a table so no trigonometry runs per tap. Done in
 * JavaScript rather than by an ffmpeg run because the samples are already
 * floats in the inference host's memory and a narration sentence is short;
 * the result is the same on every machine, so a voice is byte-for-byte
 * reproducible.
 */

const HALF_TAPS = 16;
/** Kernel table entries per input sample of distance. */
const TABLE_STEPS = 512;

export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return input.slice();
  const ratio = toRate / fromRate;
  const output = new Float32Array(Math.round(input.length * ratio));
  // Below both Nyquist rates: downsampling must not fold high frequencies back.
  const cutoff = Math.min(1, ratio) * 0.97;
  const halfWidth = HALF_TAPS / cutoff;
  const table = kernelTable(cutoff, halfWidth);
  const tableEnd = table.length - 2;
  for (let i = 0; i < output.length; i++) {
    const center = i / ratio;
    const first = Math.max(0, Math.ceil(center - halfWidth));
    const last = Math.min(input.length - 1, Math.floor(center + halfWidth));
    let sum = 0;
    let weights = 0;
    for (let j = first; j <= last; j++) {
      const at = Math.abs(j - center) * TABLE_STEPS;
      const k = Math.min(Math.floor(at), tableEnd);
      const frac = at - k;
      const w = table[k]! + (table[k + 1]! - table[k]!) * frac;
      sum += input[j]! * w;
      weights += w;
    }
    output[i] = weights > 0 ? sum / weights : 0;
  }
  return output;
}

/** The windowed sinc at distances 0, 1/TABLE_STEPS, … up to just past the window's edge. */
function kernelTable(cutoff: number, halfWidth: number): Float64Array {
  const table = new Float64Array(Math.ceil(halfWidth * TABLE_STEPS) + 2);
  for (let k = 0; k < table.length; k++) {
    const x = k / TABLE_STEPS;
    table[k] = cutoff * sinc(cutoff * x) * blackman(x / halfWidth);
  }
  return table;
}

const sinc = (x: number) => (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x));

/** Blackman window over [-1, 1]. */
const blackman = (t: number) =>
  Math.abs(t) >= 1 ? 0 : 0.42 + 0.5 * Math.cos(Math.PI * t) + 0.08 * Math.cos(2 * Math.PI * t);
