import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { runFfmpeg } from '../../../shared/node/ffmpeg/run-ffmpeg.ts';
import { probeMedia } from '../../../shared/node/ffmpeg/probe-media.ts';
import { temporaryStore } from '../../../shared/node/media-test-fixtures.ts';
import { soundtrackSpec } from '../../../shared/music/soundtrack-spec.ts';
import {
  generationId,
  soundtrackKey,
  type SoundtrackScene,
} from '../../../shared/music/soundtrack.ts';
import { createFluidsynthEngine } from './fluidsynth.ts';
import { generateSoundtrack, makeSoundtrack } from './make-soundtrack.ts';

/** Real FluidSynth and ffmpeg on short soundtracks (a few seconds of compute in all). */

const engine = await createFluidsynthEngine();
const never = new AbortController().signal;
const RATE = 48000;

/** The soundtrack's samples, left channel, as floats. */
async function samples(path: string): Promise<Float32Array> {
  const raw = `${path}.f32`;
  await runFfmpeg({
    inputs: [{ path, options: ['-f', 'flac'] }],
    outputOptions: ['-map', '0:a', '-ac', '1', '-f', 'f32le', '-c:a', 'pcm_f32le'],
    output: raw,
    signal: never,
  });
  const bytes = await readFile(raw);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}

const rms = (x: Float32Array, fromSec: number, toSec: number) => {
  const a = Math.round(fromSec * RATE);
  const b = Math.round(toSec * RATE);
  let sum = 0;
  for (let i = a; i < b; i++) sum += x[i]! ** 2;
  return Math.sqrt(sum / (b - a));
};

test('a soundtrack: exact length, loop points reported, peaks under −1 dBFS, same seed same bytes, cached with its record', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const data = { request: { mood: 'playful' as const, seed: 11 }, durationSec: 9.37, scenes: null };
  const first = await generateSoundtrack(data, store, engine, { signal: never });
  const spec = soundtrackSpec(data);
  assert.equal(first.record.hash, soundtrackKey(spec));
  assert.equal(first.cached, false);
  assert.equal(first.record.engine, 'fluidsynth-gm/1');
  assert.deepEqual(
    [first.record.mood, first.record.genre, first.record.seed, first.record.timeSignature],
    ['playful', 'acoustic', 11, '4/4'],
  );
  const probed = await probeMedia(first.path);
  const audio = probed.streams.find((s) => s.codecType === 'audio')!;
  assert.equal(audio.codecName, 'flac');
  assert.deepEqual([audio.sampleRate, audio.channels], [48000, 2]);
  const x = await samples(first.path);
  assert.ok(
    Math.abs(x.length / RATE - 9.37) <= 1 / 30,
    `${x.length / RATE} s lasts 9.37 s ±1 frame`,
  );
  let peak = 0;
  for (const v of x) peak = Math.max(peak, Math.abs(v));
  assert.ok(20 * Math.log10(peak) < -1, `peak ${20 * Math.log10(peak)} dBFS`);
  assert.ok(rms(x, 1, 6) > 0.02, 'it is not silence');
  assert.ok(rms(x, 9.3, 9.37) < 0.01, 'it has faded out at the end');
  const { start, end } = first.record.loopPoints;
  assert.ok(start > 0 && end > start && end <= 9.37);

  // Cached: the record at once, without composing.
  const again = await generateSoundtrack(
    data,
    store,
    { ...engine, compose: () => assert.fail('composed again') },
    { signal: never },
  );
  assert.deepEqual([again.cached, again.record], [true, first.record]);
  assert.notEqual(generationId(data), first.record.hash);

  // Deterministic: a second store makes the same bytes.
  const other = await temporaryStore();
  t.after(() => other.remove());
  const remade = await makeSoundtrack(spec, other, engine, { signal: never });
  assert.deepEqual(await readFile(remade.path), await readFile(first.path));
});

test('mood and seed change the sound', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const make = (mood: 'calm' | 'tense', seed: number) =>
    generateSoundtrack({ request: { mood, seed }, durationSec: 6, scenes: null }, store, engine, {
      signal: never,
    }).then((r) => samples(r.path));
  const [a, b, c] = await Promise.all([make('calm', 1), make('calm', 2), make('tense', 1)]);
  const differs = (p: Float32Array, q: Float32Array) => {
    let diff = 0;
    for (let i = 0; i < p.length; i++) diff += (p[i]! - q[i]!) ** 2;
    return Math.sqrt(diff / p.length);
  };
  assert.ok(differs(a, b) > 0.01, 'another seed, another soundtrack');
  assert.ok(differs(a, c) > 0.01, 'another mood, another soundtrack');
});

test('the loop seam is no click: the jump from loop end to loop start is like any step between samples', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const { record, path } = await generateSoundtrack(
    {
      request: { mood: 'hopeful', genre: 'piano', tempo: 120, seed: 4 },
      durationSec: 16,
      scenes: null,
    },
    store,
    engine,
    { signal: never },
  );
  const x = await samples(path);
  const start = Math.round(record.loopPoints.start * RATE);
  const end = Math.round(record.loopPoints.end * RATE);
  assert.ok(end - start >= 4 * RATE, 'the loop holds at least a few bars');
  const seam = Math.abs(x[end - 1]! - x[start]!);
  // Typical steps: the 99th percentile of adjacent differences around the loop start and end.
  const steps: number[] = [];
  for (const at of [start, end]) {
    for (let i = at - 2400; i < at + 2400; i++) steps.push(Math.abs(x[i + 1]! - x[i]!));
  }
  steps.sort((p, q) => p - q);
  const typical = steps[Math.floor(steps.length * 0.99)]!;
  assert.ok(seam <= typical, `the seam's step ${seam} is within the typical steps (${typical})`);
});

test('following the story, the sound changes at scene boundaries more than within scenes', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const scenes: SoundtrackScene[] = [
    { durationSec: 8, mood: 'calm', act: 1 },
    { durationSec: 8, mood: 'epic', act: 2 },
    { durationSec: 14, mood: 'sad', act: 3 },
  ];
  const { path } = await generateSoundtrack(
    {
      request: {
        followStory: true,
        genre: 'orchestral',
        tempo: 120,
        instruments: ['strings', 'bass', 'drums'],
        seed: 9,
      },
      durationSec: 30,
      scenes,
    },
    store,
    engine,
    { signal: never },
  );
  const x = await samples(path);
  const db = (v: number) => 20 * Math.log10(v + 1e-9);
  // The level over two seconds before a point against two seconds after it (after the easing bar).
  const change = (at: number) => Math.abs(db(rms(x, at + 2, at + 4)) - db(rms(x, at - 2, at)));
  const atBoundaries = [8, 16].map(change);
  // Inside scenes, before the cadence (from 24 s) and the final fade.
  const midScene = [3, 11, 20].map(change);
  assert.ok(
    Math.min(...atBoundaries) > 2 * Math.max(...midScene) && Math.min(...atBoundaries) > 3,
    `changes at boundaries ${atBoundaries.map((v) => v.toFixed(1))} dB, mid-scene ${midScene.map((v) => v.toFixed(1))} dB`,
  );
});
