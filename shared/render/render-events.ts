import type { RenderFailureCode } from './render-failure.ts';
/**
 * The typed contract between a render node, the server and the UI: stage
 * names, progress events and failures. Plain JSON so they cross BullMQ,
 * websockets and the database unchanged.
 */

/** Pipeline stages in the order a render reaches them. */
export const RENDER_STAGES = [
  'plan',
  'image',
  'narration',
  'segment',
  'transition',
  'audio',
  'captions',
  'assemble',
  'publish',
] as const;
export type RenderStage = (typeof RENDER_STAGES)[number];

/** Stages that run once per scene (the others run once per render). */
export const SCENE_STAGES = ['image', 'narration', 'segment'] as const satisfies RenderStage[];

/**
 * Progress of one unit of work, as the building blocks report it: a stage,
 * for one scene (or the transition leaving that scene) or the whole render.
 */
export interface StageProgress {
  stage: RenderStage;
  /** The scene (for transitions: the scene the transition leaves), null for whole-render stages. */
  sceneId: string | null;
  /** 0..1 of this unit. */
  fraction: number;
  /** True when the unit was satisfied from the cache. */
  cached?: boolean;
}

/** Progress of a whole render, as relayed to every collaborator. */
export interface RenderProgress {
  renderId: string;
  stage: RenderStage;
  sceneId: string | null;
  /** 0..1 of the whole render; never decreases. */
  fraction: number;
  /** Seconds left, null until there is enough to estimate. */
  etaSec: number | null;
}

/** Why a render failed: where, and the cause in words (with ffmpeg's last lines when it was ffmpeg). */
export interface RenderFailure {
  stage: RenderStage;
  sceneId: string | null;
  /** The node's sentence in English (technical; the UI shows it folded when there is a code). */
  message: string;
  /** The cause as a code the UI translates, when the node or the server recognised it. */
  code?: RenderFailureCode;
  /** The last lines of a tool's stderr, when a tool failed. */
  detail?: string;
}

/** Kinds of artifacts in the media store. */
export const ARTIFACT_KINDS = [
  'picture',
  'lettering',
  'narration',
  'segment',
  'transition',
  'audio',
  'captions-vtt',
  'captions-srt',
  'video',
  'poster',
  'thumbnail',
] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

/** An artifact by content hash; `cached` says whether this run reused it. */
export interface ArtifactRef {
  kind: ArtifactKind;
  hash: string;
  ext: string;
  cached: boolean;
}
