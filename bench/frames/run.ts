import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Resvg } from '@resvg/resvg-js';
import type { StylePreset } from '../../shared/timeline.ts';
import type { PictureRequest } from '../../render-node/engines/image/engine.ts';
import { designPicture } from '../../render-node/engines/image/procedural.ts';

/**
 * Storyboard frames: times designing and rasterising 1920×1080 pictures of
 * a set of scenes, and (with `--sheet PATH`) tiles a contact sheet of
 * scenes × styles so a person can look at them.
 *
 *   node bench/frames/run.ts [--runs 3] [--sheet docs/screenshots/frames-contact-sheet.png]
 */

const SCENES: Pick<PictureRequest, 'prompt' | 'title' | 'location' | 'mood' | 'cast'>[] = [
  {
    prompt: 'A fishing boat on the sea',
    title: 'Out at sea',
    location: '',
    mood: 'calm',
    cast: [],
  },
  {
    prompt: 'Three recycling bins and a hand holding a bottle',
    title: 'Sorting',
    location: '',
    mood: 'hopeful',
    cast: [],
  },
  { prompt: 'A family at sunset', title: 'Together', location: '', mood: 'joyful', cast: [] },
  {
    prompt: 'An apple orchard at night',
    title: 'The orchard',
    location: '',
    mood: 'mysterious',
    cast: [],
  },
  {
    prompt: 'Un comptoir de café avec des filets au plafond',
    title: 'Le café du port',
    location: '',
    mood: 'calm',
    cast: [{ name: 'Nadia', description: 'une serveuse au manteau rouge' }],
  },
  {
    prompt: 'A busy street market in the rain',
    title: 'Market day',
    location: '',
    mood: 'tense',
    cast: [{ name: 'Tom', description: 'a boy in a blue jacket' }],
  },
];
const STYLES: StylePreset[] = ['cinematic', 'watercolor', 'line-art', 'anime', '3d-render'];

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg('runs') ?? 3);
const sheet = arg('sheet');

const request = (
  scene: (typeof SCENES)[number],
  stylePreset: StylePreset,
  width: number,
  height: number,
): PictureRequest => ({
  ...scene,
  stylePreset,
  seed: 7,
  width,
  height,
});

const design: number[] = [];
const raster: number[] = [];
for (let run = 0; run < runs; run++) {
  for (const scene of SCENES) {
    const started = performance.now();
    const svg = designPicture(request(scene, STYLES[run % STYLES.length]!, 1920, 1080));
    const designed = performance.now();
    new Resvg(svg, { fitTo: { mode: 'original' } }).render().asPng();
    design.push(designed - started);
    raster.push(performance.now() - designed);
  }
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(
  `1920x1080, ${design.length} pictures: design median ${median(design).toFixed(1)} ms (max ${Math.max(...design).toFixed(1)}), rasterise median ${median(raster).toFixed(0)} ms (max ${Math.max(...raster).toFixed(0)})`,
);

if (sheet) {
  const dir = mkdtempSync(join(tmpdir(), 'frames-sheet-'));
  try {
    mkdirSync(dir, { recursive: true });
    let i = 0;
    for (const scene of SCENES) {
      for (const style of STYLES) {
        const svg = designPicture(request(scene, style, 384, 216));
        writeFileSync(
          join(dir, `${String(i++).padStart(3, '0')}.png`),
          new Resvg(svg, { fitTo: { mode: 'original' } }).render().asPng(),
        );
      }
    }
    execFileSync('ffmpeg', [
      '-y',
      '-loglevel',
      'error',
      '-framerate',
      '1',
      '-i',
      join(dir, '%03d.png'),
      '-vf',
      `tile=${STYLES.length}x${SCENES.length}:padding=4:color=white`,
      '-frames:v',
      '1',
      sheet,
    ]);
    console.log(`contact sheet: ${sheet} (rows: scenes, columns: ${STYLES.join(', ')})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
