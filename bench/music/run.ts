/**
 * Generated soundtrack benchmark (issue 18): seconds of finished soundtrack
 * per second of compute for a 3-minute score (target ≥ 20× real time), and
 * the time to the first preview bars (target ≤ 2 s). Not a test.
 *
 *   node bench/music/run.ts [--seconds 180] [--preview 8] [--runs 3]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { soundtrackSpec } from '../../shared/music/soundtrack-spec.ts';
import type { SoundtrackMood } from '../../shared/music/soundtrack-request.ts';
import { createFluidsynthEngine } from '../../render-node/engines/music/fluidsynth.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '180' },
    preview: { type: 'string', default: '8' },
    runs: { type: 'string', default: '3' },
  },
});
const seconds = Number(values.seconds);
const previewSec = Number(values.preview);
const runs = Number(values.runs);

const engine = await createFluidsynthEngine();
const dir = await mkdtemp(path.join(tmpdir(), 'bench-music-'));
const signal = new AbortController().signal;
const moods: SoundtrackMood[] = ['calm', 'tense', 'epic', 'playful'];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  const full: number[] = [];
  const preview: number[] = [];
  for (let run = 0; run < runs; run++) {
    for (const mood of moods) {
      const spec = soundtrackSpec({
        request: { mood, seed: run + 1 },
        durationSec: seconds,
        scenes: null,
      });
      let started = performance.now();
      await engine.compose(spec, path.join(dir, `${mood}-${run}.flac`), { signal });
      full.push((performance.now() - started) / 1000);
      started = performance.now();
      await engine.compose(spec, path.join(dir, `${mood}-${run}-preview.flac`), {
        signal,
        previewSec,
      });
      preview.push((performance.now() - started) / 1000);
    }
  }
  const fullSec = median(full);
  console.log(
    JSON.stringify(
      {
        engine: `${engine.id}/${engine.version}`,
        scoreSec: seconds,
        computeSecMedian: Number(fullSec.toFixed(2)),
        computeSecMax: Number(Math.max(...full).toFixed(2)),
        realTimeFactor: Number((seconds / fullSec).toFixed(1)),
        previewSec,
        previewComputeSecMedian: Number(median(preview).toFixed(2)),
        previewComputeSecMax: Number(Math.max(...preview).toFixed(2)),
        samples: full.length,
      },
      null,
      2,
    ),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
