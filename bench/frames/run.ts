import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Resvg } from '@resvg/resvg-js';
import { analyzeScript } from '../../shared/analysis/index.ts';
import type { StylePreset } from '../../shared/timeline.ts';
import type { PictureRequest } from '../../render-node/engines/image/engine.ts';
import { depictPicture, designPicture } from '../../render-node/engines/image/procedural.ts';

/**
 * Storyboard frames: times designing and rasterising 1920×1080 pictures of
 * a set of scenes, and (with `--sheet PATH`) tiles a contact sheet of
 * scenes × styles so a person can look at them.
 *
 *   node bench/frames/run.ts [--runs 2] [--sheet docs/screenshots/frames-contact-sheet.png]
 *     [--samples ../shared/fixtures/scripts --samples-sheet docs/screenshots/frames-sample-scripts.png]
 *
 * `--samples DIR` analyses every script in DIR (shared/analysis, as an
 * import does), draws two scenes of each as the render would ask for them,
 * prints what each depicts and tiles them into `--samples-sheet`.
 */

const NADIA = { name: 'Nadia', description: 'une serveuse au manteau rouge' };
const SCENES: Pick<PictureRequest, 'prompt' | 'title' | 'location' | 'mood' | 'cast'>[] = [
  ['A fishing boat on the sea', 'calm', []],
  ['Three recycling bins and a hand holding a bottle', 'hopeful', []],
  ['A family at sunset', 'joyful', []],
  ['Un verger de pommiers la nuit', 'mysterious', []],
  ['Un comptoir de café avec des filets au plafond', 'calm', [NADIA]],
  [
    'A busy street market in the rain',
    'tense',
    [{ name: 'Tom', description: 'a boy in a blue jacket' }],
  ],
  ['Le port au lever du soleil, un phare et trois bateaux', 'hopeful', [NADIA]],
  ['A classroom with a teacher and books', 'calm', []],
].map(([prompt, mood, cast]) => ({
  prompt: prompt as string,
  title: '',
  location: '',
  mood: mood as string,
  cast: cast as PictureRequest['cast'],
}));
const STYLES: StylePreset[] = ['cinematic', 'watercolor', 'line-art', 'anime', '3d-render'];

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg('runs') ?? 2);
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

// The first design builds the icon index (once per process): timed apart.
const indexStarted = performance.now();
designPicture(request(SCENES[0]!, 'cinematic', 1920, 1080));
console.log(
  `first picture (icon index built): ${(performance.now() - indexStarted).toFixed(0)} ms`,
);

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const style of runs > 0 ? STYLES : []) {
  const design: number[] = [];
  const raster: number[] = [];
  for (let run = 0; run < runs; run++) {
    for (const scene of SCENES) {
      const started = performance.now();
      const svg = designPicture(request(scene, style, 1920, 1080));
      const designed = performance.now();
      new Resvg(svg, { fitTo: { mode: 'original' } }).render().asPng();
      design.push(designed - started);
      raster.push(performance.now() - designed);
    }
  }
  console.log(
    `${style.padEnd(10)} 1920x1080, ${design.length} pictures: design median ${median(design).toFixed(1)} ms (max ${Math.max(...design).toFixed(1)}), rasterise + PNG median ${median(raster).toFixed(0)} ms (max ${Math.max(...raster).toFixed(0)})`,
  );
}

/** Rasterises `requests` and tiles them `columns` wide into a PNG at `path` (with ffmpeg). */
function tileSheet(requests: PictureRequest[], columns: number, path: string) {
  const dir = mkdtempSync(join(tmpdir(), 'frames-sheet-'));
  try {
    mkdirSync(dir, { recursive: true });
    requests.forEach((picture, i) => {
      writeFileSync(
        join(dir, `${String(i).padStart(3, '0')}.png`),
        new Resvg(designPicture(picture), { fitTo: { mode: 'original' } }).render().asPng(),
      );
    });
    execFileSync('ffmpeg', [
      '-y',
      '-loglevel',
      'error',
      '-framerate',
      '1',
      '-i',
      join(dir, '%03d.png'),
      '-vf',
      `tile=${columns}x${Math.ceil(requests.length / columns)}:padding=4:color=white`,
      '-frames:v',
      '1',
      // A sheet small enough to keep in the repository (< 1.5 MB).
      '-compression_level',
      '9',
      '-pred',
      'mixed',
      path,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (sheet) {
  tileSheet(
    SCENES.flatMap((scene) => STYLES.map((style) => request(scene, style, 288, 162))),
    STYLES.length,
    sheet,
  );
  console.log(`contact sheet: ${sheet} (rows: scenes, columns: ${STYLES.join(', ')})`);
}

const samples = arg('samples');
const samplesSheet = arg('samples-sheet');
if (samples) {
  const pictures: PictureRequest[] = [];
  for (const file of readdirSync(samples).sort()) {
    const analysis = await analyzeScript(readFileSync(join(samples, file), 'utf8'));
    const cast = new Map(analysis.cast.map((member) => [member.id, member]));
    const { scenes } = analysis;
    // The second scene and one past the middle: not only openings.
    const picks = [
      ...new Set([Math.min(1, scenes.length - 1), Math.max(2, Math.floor(scenes.length * 0.6))]),
    ];
    for (const scene of picks.map((i) => scenes[Math.min(i, scenes.length - 1)]!)) {
      const picture: PictureRequest = {
        // As applyAnalysis writes a scene and the render's plan asks for its picture.
        prompt: scene.prompt,
        title: scene.title,
        location: scene.location?.name ?? '',
        mood: scene.mood.label,
        cast: scene.characters
          .map((id) => cast.get(id))
          .filter((member) => member !== undefined)
          .map((member) => ({ name: member.name, description: member.description })),
        stylePreset: analysis.stylePreset,
        seed: 7,
        width: 480,
        height: 270,
      };
      const depiction = depictPicture(picture);
      console.log(
        `${file} #${scene.index + 1} "${scene.title}" @ ${picture.location || '-'}\n  prompt: ${scene.prompt.slice(0, 160)}\n  shows: ${depiction.setting.kind}, ${depiction.time}; props ${depiction.props.map((p) => `${p.icon}×${p.count} (${p.words.join('/')})`).join(', ') || '-'}; figures ${depiction.figures.map((f) => f.name ?? f.words[0]).join(', ') || '-'}`,
      );
      pictures.push(picture);
    }
  }
  if (samplesSheet) {
    tileSheet(pictures, 2, samplesSheet);
    console.log(`sample scripts sheet: ${samplesSheet} (two scenes a script, in file order)`);
  }
}
