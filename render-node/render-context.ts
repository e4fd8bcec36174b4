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
  image: ImageEngine;
  voice: VoiceEngine;
  /** Generated soundtracks (issue 18). */
  music: MusicEngine;
  ffmpegVersion: string;
}
