import { z } from 'zod';
import { contentKey } from '../content-key.ts';
import { renderPreset } from './render-presets.ts';
import { capabilityQueue, engineKey } from './render-queue.ts';
import type { GeneratedAssetRecord } from './asset-record.ts';
import type { ImageEngineSetting, StylePreset, Timeline, TimelineScene } from '../timeline.ts';

/**
 * Image-only jobs (issue 14, ADR 0041): "Regenerate image" and "Variants" on
 * a scene card. The web reads the scene from the live document, builds the
 * picture request here (the same fields a render's plan gives the engine)
 * and queues one `render-image` job per seed, on the capability queue of the
 * engine the scene uses (`capabilityQueue`): procedural pictures need nothing
 * and go to the base queue every node serves. The node makes the PNG and its
 * record in the media store; the picture's hash is what a pick writes into
 * the scene's `image`.
 */

export const IMAGE_QUEUE = 'render-image';

/** Variants asked for at once: 1 (Regenerate) to 4 (Variants). */
export const MAX_IMAGES_PER_REQUEST = 4;

export const sceneImagesRequestSchema = z
  .object({
    /** The first seed; the others follow it. Absent: random. */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
    count: z.number().int().min(1).max(MAX_IMAGES_PER_REQUEST).default(1),
  })
  .strict();

export type SceneImagesRequest = z.infer<typeof sceneImagesRequestSchema>;

/** What an image engine is asked to paint (render-node/engines/image/engine.ts `PictureRequest`). */
export interface ScenePictureRequest {
  prompt: string;
  title: string;
  mood: string;
  location: string;
  stylePreset: StylePreset;
  cast: { name: string; description: string }[];
  seed: number;
  width: number;
  height: number;
}

export interface ImageJobData {
  projectId: string;
  sceneId: string;
  /** Whose request it was (fair shares, logs). */
  owner: string;
  /** The engine the scene uses; its key names the capability the job needs. */
  engine: { id: ImageEngineSetting['engine']; model?: string };
  request: ScenePictureRequest;
}

/** What the node answers: the picture's hash in the media store and its record. */
export interface ImageJobResult {
  hash: string;
  record: GeneratedAssetRecord;
}

/** The engine a scene's picture comes from: the scene's own, else the project's, else procedural. */
export function sceneImageEngine(
  timeline: Pick<Timeline, 'imageEngine' | 'scenes'>,
  sceneId: string,
): ImageJobData['engine'] {
  const scene = timeline.scenes.find((s) => s.id === sceneId);
  const project = timeline.imageEngine;
  const id = scene?.imageEngine ?? project?.engine ?? 'procedural';
  if (id === 'procedural') return { id };
  const model = project?.engine === 'onnx' ? project.model : undefined;
  return model === undefined ? { id: 'procedural' } : { id, model };
}

/** The capabilities an image job needs from a node (none for procedural pictures). */
export const imageJobNeeds = (engine: ImageJobData['engine']): string[] =>
  engine.id === 'procedural' ? [] : [engineKey(engine.id, engine.model)];

/** The queue an image job goes to: the base queue, or the capability queue of its engine. */
export const imageJobQueue = (engine: ImageJobData['engine']) =>
  capabilityQueue(IMAGE_QUEUE, imageJobNeeds(engine));

/**
 * A scene's picture request at `seed` (pure): its prompt, title, mood and
 * place, the project's style, its cast's descriptions (kept in every prompt
 * for consistency) and the size of the project's full-quality render, so a
 * picked variant is fitted to the frame without upscaling. Null: no such scene.
 */
export function scenePictureRequest(
  timeline: Timeline,
  sceneId: string,
  seed: number,
): ScenePictureRequest | null {
  const scene = timeline.scenes.find((s) => s.id === sceneId);
  if (!scene) return null;
  return pictureRequestOf(timeline, scene, seed, renderPreset('1080p', timeline.aspect));
}

/**
 * The picture request of `scene` (pure): what renders (render-node/stages/plan.ts)
 * and image-only jobs both ask the engine for, so equal requests give equal
 * keys and a render reuses a variant made at the same seed.
 */
export function pictureRequestOf(
  timeline: Pick<Timeline, 'cast' | 'stylePreset'>,
  scene: TimelineScene,
  seed: number,
  size: { width: number; height: number },
): ScenePictureRequest {
  const castById = new Map(timeline.cast.map((c) => [c.id, c]));
  return {
    prompt: scene.prompt,
    title: scene.title,
    mood: scene.mood,
    location: scene.location,
    stylePreset: timeline.stylePreset,
    cast: scene.cast
      .map((id) => castById.get(id))
      .filter((c) => c !== undefined)
      .map((c) => ({ name: c.name, description: c.description })),
    seed,
    width: size.width,
    height: size.height,
  };
}

/**
 * The job's id: deterministic per project, scene, engine and exact request
 * (its seed included), so asking twice for one picture is one job.
 */
export const imageJobId = (data: Omit<ImageJobData, 'owner'>) =>
  contentKey('scene-image', {
    projectId: data.projectId,
    sceneId: data.sceneId,
    engine: data.engine,
    request: data.request,
  });

/** The seeds of a request: the given one and those after it, or random ones. */
export function requestSeeds(request: SceneImagesRequest, random: () => number): number[] {
  const first = request.seed ?? random();
  return Array.from({ length: request.count }, (_, i) =>
    request.seed === undefined && i > 0 ? random() : (first + i) % 2 ** 32,
  );
}

export type SceneImageStatus = 'queued' | 'running' | 'done' | 'failed';

/** One variant of a scene as the API lists it and collaborators are told. */
export interface SceneImage {
  id: string;
  sceneId: string;
  seed: number;
  status: SceneImageStatus;
  /** 0–100. */
  progress: number;
  /** When done: the picture's hash (what a pick writes into the scene) and its record. */
  hash: string | null;
  record: GeneratedAssetRecord | null;
  /** When failed: why, as the node said. */
  error: string | null;
  createdAt: string;
}

/** The stateless message every collaborator receives when a variant changes. */
export interface SceneImageMessage {
  type: 'scene-image';
  projectId: string;
  image: SceneImage;
}

/** A scene-image message from a stateless payload (untrusted), or null. */
export function sceneImageMessageOf(payload: string, projectId: string): SceneImageMessage | null {
  let message: unknown;
  try {
    message = JSON.parse(payload);
  } catch {
    return null;
  }
  const m = message as Partial<SceneImageMessage> | null;
  if (!m || m.type !== 'scene-image' || m.projectId !== projectId) return null;
  const image = m.image as Partial<SceneImage> | undefined;
  if (
    !image ||
    typeof image.id !== 'string' ||
    typeof image.sceneId !== 'string' ||
    typeof image.seed !== 'number' ||
    typeof image.status !== 'string'
  )
    return null;
  return m as SceneImageMessage;
}
