import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { applyAnalysis } from '../../shared/analysis/apply-to-doc.ts';
import { analyzeScriptSync } from '../../shared/analysis/index.ts';
import { MediaStore } from '../../shared/node/media-store.ts';
import { customPreset, renderPreset } from '../../shared/render/render-presets.ts';
import { initProjectDoc, toTimeline } from '../../shared/project-doc.ts';
import { loadEngines } from '../../render-node/engines/load-engines.ts';
import { renderLocally } from '../../render-node/render-locally.ts';

/**
 * A script as a new user would make it into a video: imported with the
 * analysis's defaults, rendered end to end (real espeak-ng and ffmpeg, small
 * frames), then one frame from the middle of each scene tiled into a contact
 * sheet with, beside it, what each scene is (title, place, narration) and
 * what the video says and shows. It is how a person checks that the video
 * tells the script's story; it asserts nothing.
 *
 *   node bench/story/run.ts [--out docs/screenshots/story] [--width 480] SCRIPT...
 *
 * Writes <out>-<script name>.png and <out>-<script name>.md per script.
 */

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const [value] = args.splice(at, 2).slice(1);
  return value ?? fallback;
};
const out = option('--out', 'docs/screenshots/story');
const width = Number(option('--width', '480'));
const scripts = args;
if (!scripts.length) {
  console.error('usage: node bench/story/run.ts [--out PREFIX] [--width PX] SCRIPT...');
  process.exit(2);
}

const engines = await loadEngines();
const never = new AbortController().signal;
const preset = customPreset(renderPreset('720p-draft', '16:9'), {
  id: 'story-sheet',
  width,
  height: Math.round((width * 9) / 16 / 2) * 2,
  fps: 10,
});

for (const script of scripts) {
  const name = basename(script)
    .replace(/\.[^.]+$/, '')
    .replace(/[^\w-]+/g, '-');
  const root = mkdtempSync(join(tmpdir(), 'montage-story-'));
  try {
    const text = readFileSync(script, 'utf8');
    const analysis = analyzeScriptSync(text);
    const doc = new Y.Doc();
    initProjectDoc(doc, { title: name, language: analysis.language });
    applyAnalysis(doc, analysis, { mode: 'replace' });
    const timeline = toTimeline(doc);
    const store = new MediaStore(join(root, 'media'));
    const started = performance.now();
    const { output } = await renderLocally(
      { renderId: `story-${name}`, timeline, preset },
      { store, signal: never, engines },
    );
    const renderSec = (performance.now() - started) / 1000;
    const video = store.pathFor(output.video.hash, output.video.ext);

    // One frame from the middle of each scene (between its start and the next one's).
    const starts = output.chapters.map((c) => c.startSec);
    const frames: string[] = [];
    starts.forEach((start, index) => {
      const end = starts[index + 1] ?? output.durationSec;
      const frame = join(root, `scene-${String(index).padStart(3, '0')}.png`);
      execFileSync('ffmpeg', [
        '-hide_banner',
        '-loglevel',
        'error',
        '-ss',
        ((start + end) / 2).toFixed(2),
        '-i',
        video,
        '-frames:v',
        '1',
        '-y',
        frame,
      ]);
      frames.push(frame);
    });
    const columns = Math.min(4, frames.length);
    const rows = Math.ceil(frames.length / columns);
    mkdirSync(join(out, '..'), { recursive: true });
    execFileSync('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-i',
      join(root, 'scene-%03d.png'),
      '-vf',
      `tile=${columns}x${rows}:padding=4:color=white`,
      '-frames:v',
      '1',
      '-y',
      `${out}-${name}.png`,
    ]);

    const captions = readFileSync(
      store.pathFor(output.captions.vtt.hash, output.captions.vtt.ext),
      'utf8',
    );
    const depictions = new Map(
      ((output as { depictions?: { sceneId: string; depiction: unknown }[] }).depictions ?? []).map(
        (d) => [d.sceneId, d.depiction],
      ),
    );
    const lines = [
      `# ${name}`,
      '',
      `Rendered ${timeline.scenes.length} scenes, ${output.durationSec.toFixed(1)} s of video, in ${renderSec.toFixed(1)} s (${preset.width}×${preset.height}, ${preset.fps} fps).`,
      '',
      `Warnings: ${output.warnings.length ? output.warnings.join('; ') : 'none'}`,
      '',
      '## Scenes',
      '',
      ...timeline.scenes.flatMap((scene, index) => [
        `${index + 1}. **${scene.title}** — ${scene.location || '(no place)'} · ${scene.mood || '(no mood)'}`,
        `   - prompt: ${scene.prompt.replace(/\s+/g, ' ')}`,
        `   - narration: ${scene.narration.replace(/\s+/g, ' ').slice(0, 240)}`,
        ...(depictions.has(scene.id)
          ? [`   - depicted: ${JSON.stringify(depictions.get(scene.id))}`]
          : []),
      ]),
      '',
      '## Captions (WebVTT)',
      '',
      '```',
      captions.trim(),
      '```',
      '',
    ];
    writeFileSync(`${out}-${name}.md`, lines.join('\n'));
    console.log(
      `${name}: ${timeline.scenes.length} scenes, ${output.durationSec.toFixed(1)} s video, rendered in ${renderSec.toFixed(1)} s → ${out}-${name}.png`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
