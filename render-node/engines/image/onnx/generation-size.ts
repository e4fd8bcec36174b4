import type { Aspect } from '../../../../shared/timeline.ts';

/**
 * The size to generate a picture at: a diffusion model draws best near the
 * size it was trained at (SD-Turbo: 512×512) and breaks up when asked for
 * much more, so a project's aspect gets the largest size of that shape
 * whose area is at most native² × 1.27 and whose short side is at most the
 * native size, in multiples of 8 (the VAE's factor). For a 512 model:
 * 16:9 → 768×432, 1:1 → 512×512, 9:16 → 432×768, 4:5 → 512×640. The image
 * stage then fits it to the output.
 */

export const MAX_AREA_FACTOR = 1.27;

export interface Size {
  width: number;
  height: number;
}

const floor8 = (n: number) => Math.floor(n / 8) * 8;
const round8 = (n: number) => Math.round(n / 8) * 8;

function ratioOf(shape: Aspect | Size): number {
  if (typeof shape === 'string') {
    const [w, h] = shape.split(':').map(Number);
    return w! / h!;
  }
  if (!(shape.width > 0 && shape.height > 0)) {
    throw new Error(`a picture size must be positive (got ${shape.width}×${shape.height})`);
  }
  return shape.width / shape.height;
}

export function generationSize(shape: Aspect | Size, nativeSize: number): Size {
  if (!Number.isInteger(nativeSize) || nativeSize < 64 || nativeSize % 8 !== 0) {
    throw new Error(`a model's native size must be a multiple of 8 from 64 (got ${nativeSize})`);
  }
  const ratio = ratioOf(shape);
  const landscape = ratio >= 1;
  // Long side over short side, ≥ 1.
  const elongation = landscape ? ratio : 1 / ratio;
  const maxArea = nativeSize * nativeSize * MAX_AREA_FACTOR;
  let long = floor8(Math.sqrt(maxArea * elongation));
  let short = round8(long / elongation);
  if (short > nativeSize) {
    short = nativeSize;
    long = round8(short * elongation);
  }
  while (long * short > maxArea) long -= 8;
  long = Math.max(long, 64);
  short = Math.max(short, 64);
  return landscape ? { width: long, height: short } : { width: short, height: long };
}
