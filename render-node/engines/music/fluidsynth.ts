import { execFile } from 'node:child_process';
import { access, open, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { NORMALISED_AUDIO } from '../../../shared/node/ffmpeg/user-media.ts';
import { runFfmpeg } from '../../../shared/node/ffmpeg/run-ffmpeg.ts';
import type { SoundtrackSpec } from '../../../shared/music/soundtrack.ts';
import { runChildProcess } from '../../run-child-process.ts';
import { chain, filter } from '../../../shared/node/ffmpeg/filter-graph.ts';
import { parseIntegratedLoudness } from '../../stages/audio.ts';
import { compose } from './compose.ts';
import type { ComposedSoundtrack, MusicComposeOptions, MusicEngine } from './engine.ts';
import { applyGain, crossfadeLoop, fadeOut, fittingGain, peak, toS16, type Pcm } from './pcm.ts';

/**
 * `fluidsynth-gm`: the composer's MIDI rendered by FluidSynth with a General
 * MIDI sound font (Debian's timgm6mb-soundfont by default; the node's
 * MUSIC_SOUNDFONT names another), as float PCM; then measured (EBU R128 by
 * ffmpeg), fitted to the exact length, given one gain to the target loudness
 * under the peak ceiling, the loop seam crossfaded, the tail faded, and
 * encoded as NORMALISED_AUDIO. FluidSynth runs with an argument array, never a shell,
 * on files this engine names.
 */

export const FLUIDSYNTH_ENGINE_VERSION = '1';
/** The soundtrack's own loudness, before the render's mix (a bed sits under the voice). */
export const SOUNDTRACK_LUFS = -18;
/** Peaks stay under −1 dBFS (with a margin for 16-bit rounding). */
export const SOUNDTRACK_CEILING_DB = -1.2;
const LOOP_CROSSFADE_SEC = 0.06;
const FINAL_FADE_SEC = 1.5;
const PREVIEW_FADE_SEC = 1;
const FLUIDSYNTH = 'fluidsynth';
const CHANNELS = 2;
/** Reads and writes go a few MB at a time: a long soundtrack is held once, as floats. */
const CHUNK_BYTES = 1 << 22;

export const SOUNDFONTS = [
  '/usr/share/sounds/sf2/TimGM6mb.sf2',
  '/usr/share/sounds/sf2/FluidR3_GM.sf2',
  '/usr/share/sounds/sf2/default-GM.sf2',
];

/** FluidSynth's arguments (pure): no MIDI input, no shell, float PCM at the bed's rate. */
export function fluidsynthArgs(font: string, midiPath: string, rawPath: string): string[] {
  return [
    '-n',
    '-i',
    '-q',
    ...['-C', '0'],
    ...['-R', '1'],
    ...['-g', '0.4'],
    ...['-r', String(NORMALISED_AUDIO.sampleRate)],
    ...['-T', 'raw', '-O', 'float', '-E', 'little'],
    ...['-F', rawPath],
    font,
    midiPath,
  ];
}

async function firstReadable(paths: readonly string[]): Promise<string | null> {
  for (const path of paths) {
    if (
      await access(path).then(
        () => true,
        () => false,
      )
    )
      return path;
  }
  return null;
}

/** Finds FluidSynth and a GM sound font; throws naming what is missing (the node's startup check). */
export async function createFluidsynthEngine(
  options: { soundfont?: string } = {},
): Promise<MusicEngine> {
  const { stdout } = await promisify(execFile)(FLUIDSYNTH, ['--version']).catch(() => {
    throw new Error('fluidsynth is not installed (apt-get install fluidsynth)');
  });
  if (!/fluidsynth/i.test(stdout)) throw new Error('fluidsynth --version answered no version');
  const wanted = options.soundfont;
  const font = await firstReadable(wanted ? [wanted] : SOUNDFONTS);
  if (!font) {
    throw new Error(
      wanted
        ? `the sound font ${wanted} cannot be read`
        : 'no General MIDI sound font found (apt-get install timgm6mb-soundfont)',
    );
  }
  return {
    id: 'fluidsynth-gm',
    version: FLUIDSYNTH_ENGINE_VERSION,
    compose: (spec, outputPath, composeOptions) =>
      composeWith(font, spec, outputPath, composeOptions),
  };
}

async function composeWith(
  font: string,
  spec: SoundtrackSpec,
  outputPath: string,
  options: MusicComposeOptions,
): Promise<ComposedSoundtrack> {
  const { signal } = options;
  const report = options.onProgress ?? (() => undefined);
  const preview = options.previewSec ? Math.min(options.previewSec, spec.durationSec) : null;
  const composition = compose(spec, preview ? { untilSec: preview } : {});
  if (composition.noteCount === 0) throw new Error('the composition has no notes');
  report(0.05);
  const base = `${outputPath}.work`;
  const midiPath = `${base}.mid`;
  const rawPath = `${base}.f32`;
  const pcmPath = `${base}.s16`;
  try {
    await writeFile(midiPath, composition.midi);
    await runChildProcess(
      FLUIDSYNTH,
      FLUIDSYNTH,
      fluidsynthArgs(font, midiPath, rawPath),
      '',
      signal,
    );
    report(0.5);
    // The synthesiser's output is measured as it is (its tail past the length weighs nothing).
    const rate = NORMALISED_AUDIO.sampleRate;
    const length = Math.round(composition.durationSec * rate);
    const [pcm, loudness] = await Promise.all([
      readPcm(rawPath, length),
      measureLoudness(rawPath, signal),
    ]);
    report(0.7);
    applyGain(pcm, fittingGain(loudness, SOUNDTRACK_LUFS, peak(pcm), SOUNDTRACK_CEILING_DB));
    const loopStart = Math.round(composition.loopPoints.start * rate);
    const loopEnd = Math.round(composition.loopPoints.end * rate);
    if (!preview) crossfadeLoop(pcm, loopStart, loopEnd, Math.round(LOOP_CROSSFADE_SEC * rate));
    fadeOut(pcm, Math.round((preview ? PREVIEW_FADE_SEC : FINAL_FADE_SEC) * rate));
    await writeS16(pcm, pcmPath);
    await runFfmpeg({
      inputs: [{ path: pcmPath, options: rawInput('s16le') }],
      outputOptions: [
        ...['-c:a', 'flac', '-sample_fmt', 's16', '-map_metadata', '-1'],
        ...['-f', NORMALISED_AUDIO.format],
      ],
      output: outputPath,
      expected: { seconds: composition.durationSec },
      signal,
      onProgress: (f) => report(0.8 + f * 0.2),
    });
    report(1);
    return {
      durationSec: length / rate,
      loopPoints: preview
        ? { start: 0, end: length / rate }
        : { start: loopStart / rate, end: loopEnd / rate },
      tempoBpm: composition.tempoBpm,
      key: spec.key,
      timeSignature: composition.timeSignature,
    };
  } finally {
    await Promise.all([midiPath, rawPath, pcmPath].map((p) => rm(p, { force: true })));
  }
}

/** Exactly `length` frames of the float PCM at `path`: cut, or padded with silence (one allocation). */
async function readPcm(path: string, length: number): Promise<Pcm> {
  const samples = new Float32Array(length * CHANNELS);
  const file = await open(path, 'r');
  try {
    const target = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
    for (let at = 0; at < target.length;) {
      const { bytesRead } = await file.read(
        target,
        at,
        Math.min(CHUNK_BYTES, target.length - at),
        at,
      );
      if (bytesRead === 0) break;
      at += bytesRead;
    }
  } finally {
    await file.close();
  }
  return { samples, channels: CHANNELS, sampleRate: NORMALISED_AUDIO.sampleRate };
}

/** The PCM as 16-bit samples at `path`, converted a chunk at a time. */
async function writeS16(pcm: Pcm, path: string) {
  const file = await open(path, 'w');
  try {
    const step = CHUNK_BYTES / 2;
    for (let from = 0; from < pcm.samples.length; from += step) {
      await file.write(toS16(pcm, from, Math.min(pcm.samples.length, from + step)));
    }
  } finally {
    await file.close();
  }
}

const rawInput = (format: 'f32le' | 's16le') => [
  ...['-f', format],
  ...['-ar', String(NORMALISED_AUDIO.sampleRate)],
  ...['-ac', String(CHANNELS)],
];

/** Integrated loudness (EBU R128) of float PCM at `rawPath`, or null for silence. */
async function measureLoudness(rawPath: string, signal: AbortSignal) {
  const result = await runFfmpeg({
    inputs: [{ path: rawPath, options: rawInput('f32le') }],
    filterGraph: chain(['0:a'], [filter('ebur128', { framelog: 'verbose' })], ['out']),
    outputOptions: ['-map', '[out]'],
    output: null,
    logLevel: 'info',
    signal,
  });
  return parseIntegratedLoudness(result.stderr);
}
