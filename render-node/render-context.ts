import type { StageProgress } from '../shared/render/render-events.ts';
import type { StageTimeSample } from '../shared/render/estimate.ts';
import type { ImageEngine } from './engines/image/engine.ts';
import type { VoiceEngine } from './engines/voice/engine.ts';
import type { MusicEngine } from './engines/music/engine.ts';
import type { MediaStore } from '../shared/node/media-store.ts';

/** What every building block of the pipeline is given by its caller (a queue worker, renderLocally). */
export interface RenderContext {
  store: MediaStore;
  signal: AbortSignal;
  onProgress?: (event: StageProgress) => void;
  /** Told how long each piece of work made (not reused) took: the history estimates read (ADR 0041). */
  onStageTime?: (sample: StageTimeSample) => void;
  engines: RenderEngines;
  /**
   * Tasks in flight inside one call (default 4). ffmpeg processes are capped
   * per machine by the adapter (setFfmpegProcessLimit), not here.
   */
  concurrency?: number;
}

export interface RenderEngines {
  /** The default picture engine (procedural): every node has it. */
  image: ImageEngine;
  /** The default voice engine (espeak-ng): every node has it. */
  voice: VoiceEngine;
  /**
   * Model-backed engines by engine key ('onnx.<model>', 'piper.<voice model>',
   * shared/render/render-queue.ts `engineKey`), one per usable installed
   * model (issue 14). Absent or empty: a node with no models.
   */
  byKey?: {
    image: ReadonlyMap<string, ImageEngine>;
    voice: ReadonlyMap<string, VoiceEngine>;
  };
  /** Generated soundtracks (issue 18). */
  music: MusicEngine;
  ffmpegVersion: string;
}

/** The picture engine a plan names by key on this node, or undefined when it has none. */
export const imageEngineFor = (engines: RenderEngines, key: string): ImageEngine | undefined =>
  key === engines.image.id ? engines.image : engines.byKey?.image.get(key);

/** The voice engine a plan names by key on this node, or undefined when it has none. */
export const voiceEngineFor = (engines: RenderEngines, key: string): VoiceEngine | undefined =>
  key === engines.voice.id ? engines.voice : engines.byKey?.voice.get(key);
