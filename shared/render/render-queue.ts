import type { RenderFailure, RenderStage, StageProgress } from './render-events.ts';
import type { RenderPresetId } from './render-presets.ts';
import type { Timeline } from '../timeline.ts';

/**
 * The contract between the web server and the render nodes over Redis:
 * BullMQ queue names, job data, and the events a node publishes. Plain JSON.
 *
 * A render attempt is three kinds of jobs: `plan` (one), then a BullMQ flow
 * of `scene` children under an `assemble` parent. Job ids are derived from
 * the render id and attempt, so re-adding a job after a crash is a no-op.
 */

export const RENDER_QUEUES = {
  plan: 'render-plan',
  scene: 'render-scene',
  assemble: 'render-assemble',
} as const;

/**
 * Engine keys name what a job needs from a node: 'procedural' and
 * 'espeak-ng' (every node), 'onnx.<model id>' and 'piper.<voice model id>'
 * (nodes that have the model installed and usable). Model ids are
 * [a-z0-9._-], so '@' and '+' below never clash with them.
 */
export const engineKey = (engine: string, model?: string) =>
  model === undefined ? engine : `${engine}.${model}`;

/**
 * The queue for jobs of `base` kind that need model-backed engines: a node
 * serves a capability queue only when it has every engine it names, so a
 * node without a model never takes work it cannot do (issue 14). Jobs
 * needing nothing special stay on `base`, which every node serves.
 */
export const capabilityQueue = (base: string, needs: readonly string[]) =>
  needs.length ? `${base}@${[...new Set(needs)].sort().join('+')}` : base;

/** Redis hash of the capability queues in use: field = queue name, value = JSON of its needs. */
export const capabilityQueuesKey = (prefix: string) => `${prefix}:capability-queues`;

export const renderChannels = (prefix: string) => ({
  /** Node → web: progress and lifecycle events (pub/sub, live only). */
  events: `${prefix}:render-events`,
  /** Web → nodes: cancel a render wherever its work runs. */
  cancel: `${prefix}:render-cancel`,
  /** Plan worker → nodes: a capability queue was registered (its name), serve it now if you can. */
  capabilityQueues: `${prefix}:capability-queue-added`,
});

/** Redis key marking a render as cancelled, checked before any job starts. */
export const cancelledKey = (prefix: string, renderId: string) =>
  `${prefix}:render-cancelled:${renderId}`;

/** Redis hash of each user's last job priority in a queue (shared/node/fair-priorities.ts). */
export const fairShareKey = (prefix: string, queueName: string) =>
  `${prefix}:render-fair:${queueName}`;

export const bullPrefix = (prefix: string) => `${prefix}:bull`;

export const jobIds = (renderId: string, attempt: number) => ({
  plan: `${renderId}.${attempt}.plan`,
  assemble: `${renderId}.${attempt}.assemble`,
  scene: (sceneId: string) => `${renderId}.${attempt}.scene.${sceneId}`,
});

/** The render, attempt and (for a scene job) scene a job id of `jobIds` names. */
export function parseJobId(jobId: string) {
  const [renderId, attempt] = jobId.split('.');
  return {
    renderId: renderId!,
    attempt: Number(attempt),
    sceneId: jobId.split('.scene.')[1] ?? null,
  };
}

export interface PlanJobData {
  renderId: string;
  attempt: number;
  /** Whose share of the render queues this render's jobs use (its creator): fair scheduling. */
  owner: string;
  timeline: Timeline;
  preset: RenderPresetId;
  burnCaptions: boolean;
}

export interface SceneJobData {
  renderId: string;
  attempt: number;
  /** The plan, stored once in the media store as JSON under this hash. */
  planHash: string;
  sceneId: string;
}

export interface AssembleJobData {
  renderId: string;
  attempt: number;
  planHash: string;
}

/** A progress unit and its weight, sent once per attempt so the server can aggregate. */
export interface PlannedUnit {
  stage: RenderStage;
  sceneId: string | null;
  weight: number;
}

export type RenderNodeEvent =
  | { type: 'planned'; renderId: string; attempt: number; units: PlannedUnit[]; sceneIds: string[] }
  | { type: 'progress'; renderId: string; attempt: number; progress: StageProgress }
  | { type: 'failed'; renderId: string; attempt: number; failure: RenderFailure };
