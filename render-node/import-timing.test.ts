import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';
import * as Y from 'yjs';
import { applyAnalysis } from '../shared/analysis/apply-to-doc.ts';
import { analyzeScriptSync } from '../shared/analysis/index.ts';
import { sharedFixture } from '../shared/analysis/test-support.ts';
import { temporaryStore } from '../shared/node/media-test-fixtures.ts';
import type { MediaStore } from '../shared/node/media-store.ts';
import { initProjectDoc, projectMap, scenesMap, toTimeline } from '../shared/project-doc.ts';
import { narrationFingerprint } from '../shared/scene-duration.ts';
import type { Timeline } from '../shared/timeline.ts';
import { loadEngines } from './engines/load-engines.ts';
import { renderLocally } from './render-locally.ts';
import { TIMING } from './stages/plan.ts';
import { tinyPreset } from './test-fixtures.ts';

/**
 * Issue 11, "Timing": a script imported as a new user would, rendered with
 * real espeak-ng and ffmpeg (320x180, 10 fps), ends with its words: the
 * video's audio has no trailing silence longer than a second, measured on
 * the published MP4 with ffmpeg's silencedetect.
 */

const run = promisify(execFile);
const engines = await loadEngines();
const never = new AbortController().signal;

/** Silence that lasts until the end of the file (seconds); 0 when the audio ends on sound. */
async function trailingSilence(file: string): Promise<number> {
  const { stderr } = await run('ffmpeg', [
    '-hide_banner',
    '-nostats',
    '-protocol_whitelist',
    'file',
    '-i',
    file,
    '-map',
    '0:a',
    '-af',
    'silencedetect=noise=-45dB:d=0.5',
    '-f',
    'null',
    '-',
  ]);
  const duration = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(stderr);
  assert.ok(duration, 'ffmpeg reports the duration');
  const total = Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]);
  const events = [...stderr.matchAll(/silence_(start|end): (-?\d+(?:\.\d+)?)/g)].map((m) => ({
    kind: m[1]!,
    at: Number(m[2]),
  }));
  const last = events.at(-1);
  if (!last) return 0;
  // A silence running into the end has a start without an end, or ends at the very end.
  if (last.kind === 'start') return total - last.at;
  const start = events.findLast((e) => e.kind === 'start')?.at ?? 0;
  return total - last.at < 0.05 ? last.at - start : 0;
}

function importedProject(script: string): { doc: Y.Doc; timeline: () => Timeline } {
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'Imported', language: 'en' });
  applyAnalysis(doc, analyzeScriptSync(script), { mode: 'replace' });
  // New projects score themselves (issue 18); silence is measured on the words alone.
  projectMap(doc).set('music', null);
  return { doc, timeline: () => toTimeline(doc) };
}

async function renderVideo(store: MediaStore, timeline: Timeline) {
  const rendered = await renderLocally(
    { renderId: 'timing', timeline, preset: tinyPreset() },
    { store, signal: never, engines },
  );
  return {
    ...rendered,
    videoPath: store.pathFor(rendered.output.video.hash, rendered.output.video.ext),
  };
}

test('an imported script renders to a video that ends with its words', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const { doc, timeline } = importedProject(sharedFixture('explainer.en.md'));
  const imported = timeline();
  assert.ok(imported.scenes.length >= 3);
  assert.ok(
    imported.scenes.every((s) => s.durationSec === null),
    'imported scenes follow their narration',
  );

  const first = await renderVideo(store, imported);
  const silence = await trailingSilence(first.videoPath);
  assert.ok(silence <= TIMING.maxTrailingSilenceSec, `the video ends on ${silence} s of silence`);
  assert.ok(!first.output.warnings.some((w) => /without narration/.test(w)));

  // The render reports each scene's measured narration, for the text it spoke.
  const measured = first.output.narrationSec ?? [];
  assert.deepEqual(
    measured.map((m) => m.sceneId),
    imported.scenes.map((s) => s.id),
  );
  for (const [i, m] of measured.entries()) {
    assert.ok(m.sec > 0.5 && m.sec < 30, `scene ${i + 1} narration ${m.sec} s`);
    assert.equal(m.fingerprint, narrationFingerprint(imported.scenes[i]!.narration));
  }

  // Control: a person holds the last scene 4 s past its words; the silence is kept
  // (they asked for it), measured, and reported.
  const last = imported.scenes.at(-1)!;
  const lastSec = measured.at(-1)!.sec;
  const held = Math.round((lastSec + 4) * 10) / 10;
  scenesMap(doc).get(last.id)!.set('durationSec', held);
  const second = await renderVideo(store, timeline());
  const heldSilence = await trailingSilence(second.videoPath);
  assert.ok(heldSilence > 3, `a held last scene ends on ${heldSilence} s of silence`);
  assert.ok(second.output.warnings.some((w) => /ends on \d+(\.\d)? s without narration/.test(w)));
});
