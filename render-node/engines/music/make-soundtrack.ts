import { readFile, writeFile } from 'node:fs/promises';
import { NORMALISED_AUDIO } from '../../../shared/node/ffmpeg/user-media.ts';
import type { MediaStore } from '../../../shared/node/media-store.ts';
import {
  parseMusicGenerateJob,
  soundtrackRecordKey,
  soundtrackSpec,
} from '../../../shared/music/soundtrack-spec.ts';
import {
  soundtrackKey,
  type MusicGenerateJobData,
  type SoundtrackRecord,
  type SoundtrackSpec,
} from '../../../shared/music/soundtrack.ts';
import { engineLabel, type ComposedSoundtrack, type MusicEngine } from './engine.ts';

/**
 * A soundtrack in the media store: its audio under `soundtrackKey(spec)`
 * (NORMALISED_AUDIO, like an uploaded bed) and its record beside it as
 * `soundtrackRecordKey(key).json` (its own hash, so `store.locate(key)`
 * still finds the audio), so a cached answer is whole without composing again.
 */

export const RECORD_EXT = 'json';

export async function makeSoundtrack(
  spec: SoundtrackSpec,
  store: MediaStore,
  engine: MusicEngine,
  options: { signal: AbortSignal; onProgress?: (fraction: number) => void },
): Promise<{ record: SoundtrackRecord; path: string; cached: boolean }> {
  const hash = soundtrackKey(spec);
  const cached = await readRecord(store, hash);
  if (cached && (await store.has(hash, NORMALISED_AUDIO.ext))) {
    options.onProgress?.(1);
    return { record: cached, path: store.pathFor(hash, NORMALISED_AUDIO.ext), cached: true };
  }
  const fresh: { composed: ComposedSoundtrack | null } = { composed: null };
  const made = await store.produce(
    hash,
    NORMALISED_AUDIO.ext,
    async (temp) => {
      fresh.composed = await engine.compose(spec, temp, options);
    },
    { signal: options.signal },
  );
  const record: SoundtrackRecord = fresh.composed
    ? recordOf(hash, spec, fresh.composed, engine)
    : // Made meanwhile by another caller in this process: its record follows it.
      ((await readRecord(store, hash)) ?? (await remake(hash, spec, store, engine, options)));
  await store.produce(
    soundtrackRecordKey(hash),
    RECORD_EXT,
    (temp) => writeFile(temp, JSON.stringify(record)),
    { signal: options.signal },
  );
  return { record, path: made.path, cached: made.hit };
}

/** The record of audio stored without one (a node stopped between the two files). */
async function remake(
  hash: string,
  spec: SoundtrackSpec,
  store: MediaStore,
  engine: MusicEngine,
  options: { signal: AbortSignal },
): Promise<SoundtrackRecord> {
  const scratch = await store.createScratch();
  try {
    const composed = await engine.compose(spec, scratch.file('again.flac'), options);
    return recordOf(hash, spec, composed, engine);
  } finally {
    await scratch.dispose();
  }
}

function recordOf(
  hash: string,
  spec: SoundtrackSpec,
  composed: ComposedSoundtrack,
  engine: MusicEngine,
): SoundtrackRecord {
  return {
    hash,
    durationSec: composed.durationSec,
    loopPoints: composed.loopPoints,
    tempoBpm: composed.tempoBpm,
    key: composed.key,
    timeSignature: composed.timeSignature,
    mood: spec.mood,
    genre: spec.genre,
    instruments: spec.instruments,
    seed: spec.seed,
    followStory: spec.scenes !== null,
    engine: engineLabel(engine),
  };
}

async function readRecord(store: MediaStore, hash: string): Promise<SoundtrackRecord | null> {
  const text = await readFile(store.pathFor(soundtrackRecordKey(hash), RECORD_EXT), 'utf8').catch(
    () => null,
  );
  if (text === null) return null;
  try {
    return JSON.parse(text) as SoundtrackRecord;
  } catch {
    return null;
  }
}

/** A `music-generate` job: its data checked, its spec, then the soundtrack (made once per spec). */
export function generateSoundtrack(
  data: MusicGenerateJobData,
  store: MediaStore,
  engine: MusicEngine,
  options: { signal: AbortSignal; onProgress?: (fraction: number) => void },
) {
  return makeSoundtrack(soundtrackSpec(parseMusicGenerateJob(data)), store, engine, options);
}
