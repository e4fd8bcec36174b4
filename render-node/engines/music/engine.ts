import type { SoundtrackSpec } from '../../../shared/music/soundtrack.ts';

/**
 * A music engine turns a soundtrack spec into audio (issue 18). Engines:
 * `fluidsynth-gm` (default, no model weights: a composer writing General
 * MIDI rendered by FluidSynth with a GM sound font); a neural model on the
 * ONNX runtime plugs in behind the same interface. The output is always
 * NORMALISED_AUDIO (the format uploaded music is stored in), exactly
 * `durationSec` long (or `previewSec`), loudness-normalised, peaks under
 * −1 dBFS, so the mix treats it like any bed.
 */

export interface ComposedSoundtrack {
  durationSec: number;
  loopPoints: { start: number; end: number };
  tempoBpm: number;
  key: string;
  timeSignature: string;
}

export interface MusicComposeOptions {
  signal: AbortSignal;
  /** 0..1 as the work goes. */
  onProgress?: (fraction: number) => void;
  /** Only the first seconds (a preview): made in a fraction of the time, faded out at its end. */
  previewSec?: number;
}

export interface MusicEngine {
  id: string;
  version: string;
  /** Writes the soundtrack (NORMALISED_AUDIO) to `outputPath`; rejects with the signal's reason on abort. */
  compose(
    spec: SoundtrackSpec,
    outputPath: string,
    options: MusicComposeOptions,
  ): Promise<ComposedSoundtrack>;
}

/** The record's engine field: "fluidsynth-gm/1". */
export const engineLabel = (engine: Pick<MusicEngine, 'id' | 'version'>) =>
  `${engine.id}/${engine.version}`;
