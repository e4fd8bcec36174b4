import type { SceneDepiction } from './depiction.ts';
import type { ArtifactRef } from './render-events.ts';

/**
 * What a render produced: the assemble job's return value on the node, and
 * the `output` the server stores and reads back. One type for both sides, so
 * the queue takes BullMQ's return value without a cast to a re-declared shape.
 */
export interface RenderOutput {
  video: ArtifactRef;
  poster: ArtifactRef;
  thumbnails: { sceneId: string; thumbnail: ArtifactRef }[];
  captions: { vtt: ArtifactRef; srt: ArtifactRef };
  audio: ArtifactRef;
  transitions: ArtifactRef[];
  frames: number;
  fps: number;
  width: number;
  height: number;
  durationSec: number;
  /** Where each scene starts in the video (its incoming transition included): chapter markers. */
  chapters: { sceneId: string; startSec: number }[];
  warnings: string[];
  /** Every artifact the render references (scenes' included): the set garbage collection keeps. */
  referenced: string[];
  /**
   * Each spoken scene's narration as measured (seconds) and the fingerprint of
   * the text it spoke (shared/scene-duration.ts): the editor's timing reads it.
   * Absent from renders made before it existed.
   */
  narrationSec?: { sceneId: string; sec: number; fingerprint: string }[];
  /**
   * What each engine-drawn picture depicts (setting, props, figures and the
   * words they came from). Optional: outputs stored before issue 11 have none.
   */
  depictions?: SceneDepiction[];
  /**
   * Which engine (and model) made each scene's picture and narration, and
   * whether a picture fell back to storyboard frames because no render node
   * had the chosen model (issue 14). Absent from renders made before it.
   */
  engines?: SceneEngineRecord[];
  /** Which artifacts were reused from the cache and which were made (relayed to the client as is). */
  cache?: { sceneId: string | null; kind: string; cached: boolean }[];
}

/** An engine's part in one scene of a render. */
export interface EngineUse {
  /** 'procedural', 'onnx'; 'espeak-ng', 'piper'. */
  engine: string;
  version: string;
  /** The installed model that ran, for model-backed engines. */
  model?: string;
}

export interface SceneEngineRecord {
  sceneId: string;
  /** null: an uploaded picture (no engine drew it). */
  picture:
    (EngineUse & { fallbackFrom?: { engine: string; model?: string; reason: string } }) | null;
  /** Each voice's turn in order (speaker null: the narrator). */
  narration: (EngineUse & { speaker: string | null })[];
}
