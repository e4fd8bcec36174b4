import { z } from 'zod';
import type { SceneDepiction } from '../render/depiction.ts';
import type { SceneEngineRecord } from '../render/render-output.ts';
import type { RenderJobContext, RenderJobState } from '../render/render-job-machine.ts';
import { RENDER_PRESET_IDS, type RenderPresetId } from '../render/render-presets.ts';

/** A render as the renders panel shows it: state, progress, and the output's URLs once done. */
export interface RenderRecord {
  id: string;
  projectId: string;
  revisionId: string;
  revisionNumber: number | null;
  preset: RenderPresetId;
  burnCaptions: boolean;
  status: RenderJobState;
  stage: string | null;
  sceneId: string | null;
  fraction: number;
  etaSec: number | null;
  failure: RenderJobContext['failure'];
  attempts: number;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Artifacts reused or made by the finished render. */
  cache: { sceneId: string | null; kind: string; cached: boolean }[] | null;
  /** Per stage (summed over scenes) and per scene (all its stages), 0..1. */
  stages: Record<string, number>;
  scenes: { id: string; title: string; fraction: number }[];
  output: {
    videoUrl: string;
    posterUrl: string;
    captionsVttUrl: string;
    captionsSrtUrl: string;
    thumbnails: { sceneId: string; url: string }[];
    /** What each scene's picture depicts (empty for renders made before it was recorded). */
    depictions: SceneDepiction[];
    chapters: { sceneId: string; title: string; startSec: number }[];
    /** Each spoken scene's measured narration (render-output.ts): the editor's timing reads it. */
    narrationSec: { sceneId: string; sec: number; fingerprint: string }[];
    /** Which engine and model made each scene's picture and narration, fallbacks included (issue 14). */
    engines?: SceneEngineRecord[];
    durationSec: number;
    width: number;
    height: number;
    fps: number;
    frames: number;
  } | null;
}

export const createRenderSchema = z.object({
  revisionId: z.string().regex(/^[0-9a-f]{64}$/, 'Must be a revision id'),
  preset: z.enum(RENDER_PRESET_IDS).default('1080p'),
  /** Captions drawn into the picture, besides the WebVTT/SRT files. */
  burnCaptions: z.boolean().default(false),
  /**
   * Render again even when this revision and settings already have a finished
   * render (without it, that render is answered: `reused: true`).
   */
  force: z.boolean().default(false),
});

/** A page of the renders list: newest first, `before` a render id from the previous page. */
export const renderPageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z
    .string()
    .regex(/^[a-z0-9]{1,64}$/, 'Must be a render id')
    .optional(),
});
