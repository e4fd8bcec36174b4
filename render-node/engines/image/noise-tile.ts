import { crc32, deflateSync } from 'node:zlib';
import { createRandom } from './svg.ts';

/**
 * Seamless noise tiles as PNG data URIs, made once per process: the
 * watercolour's edge-bleeding displacement and the paper grain. resvg's
 * feTurbulence costs ~0.5 s per layer on a 1080p frame; a small tile
 * repeated (feImage + feTile, or a pattern) costs almost nothing and looks
 * the same at storyboard scale. Deterministic (fixed seeds).
 */

const SIZE = 128;

/** Tileable value noise in 0..1: `cells` random values per side, smoothly interpolated, wrapping. */
function valueNoise(seed: number, cells: number): Float32Array {
  const rng = createRandom(seed);
  const grid = Float32Array.from({ length: cells * cells }, () => rng.next());
  const out = new Float32Array(SIZE * SIZE);
  const smooth = (t: number) => t * t * (3 - 2 * t);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const gx = (x / SIZE) * cells;
      const gy = (y / SIZE) * cells;
      const x0 = Math.floor(gx);
      const y0 = Math.floor(gy);
      const tx = smooth(gx - x0);
      const ty = smooth(gy - y0);
      const at = (i: number, j: number) => grid[(j % cells) * cells + (i % cells)]!;
      const top = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * tx;
      const bottom = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * tx;
      out[y * SIZE + x] = top + (bottom - top) * ty;
    }
  }
  return out;
}

/** Two octaves: broad shapes and finer detail. */
function fractal(seed: number, cells: number): Float32Array {
  const broad = valueNoise(seed, cells);
  const fine = valueNoise(seed + 1, cells * 4);
  return broad.map((v, i) => v * 0.7 + fine[i]! * 0.3);
}

function pngDataUri(rgba: Uint8Array): string {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    rows.set(rgba.subarray(y * SIZE * 4, (y + 1) * SIZE * 4), y * (SIZE * 4 + 1) + 1);
  }
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

let displacement: string | null = null;
let grain: string | null = null;

/** Red and green: two independent noises, for feDisplacementMap. */
export function displacementTile(): string {
  if (!displacement) {
    const r = fractal(11, 4);
    const g = fractal(23, 4);
    const rgba = new Uint8Array(SIZE * SIZE * 4);
    for (let i = 0; i < SIZE * SIZE; i++) {
      rgba.set([Math.round(r[i]! * 255), Math.round(g[i]! * 255), 128, 255], i * 4);
    }
    displacement = pngDataUri(rgba);
  }
  return displacement;
}

/** Paper grain and pooled pigment: a warm brown whose opacity follows the noise. */
export function grainTile(): string {
  if (!grain) {
    const blotches = fractal(37, 3);
    const fibres = valueNoise(41, 32);
    const rgba = new Uint8Array(SIZE * SIZE * 4);
    for (let i = 0; i < SIZE * SIZE; i++) {
      const alpha = Math.max(0, blotches[i]! * 0.6 + fibres[i]! * 0.4 - 0.35) * 0.55;
      rgba.set([115, 92, 66, Math.round(alpha * 255)], i * 4);
    }
    grain = pngDataUri(rgba);
  }
  return grain;
}
