import type { RenderProgress } from '../shared/render/render-events.ts';
import { createProgressTracker } from '../shared/render/render-progress.ts';
import type { RenderPreset } from '../shared/render/render-presets.ts';
import { validateTimeline } from '../shared/timeline.ts';
import { assembleRender } from './assemble-render.ts';
import type { RenderOutput } from '../shared/render/render-output.ts';
import { engineVersions, loadEngines } from './engines/load-engines.ts';
import type { MediaStore } from '../shared/node/media-store.ts';
import type { RenderEngines } from './render-context.ts';
import { RenderError } from './render-error.ts';
import { renderScene, type SceneRender } from './render-scene.ts';
import { runLimited } from './run-limited.ts';
import { planRender, progressUnits, type RenderOptions, type RenderPlan } from './stages/plan.ts';

/**
 * A whole render in this process: plan, every scene (a few at once), then
 * assembly. The tests and the benchmark use it, and a one-node setup can
 * fall back to it; a queue runs the same renderScene / assembleRender calls
 * as separate jobs instead.
 */

export interface LocalRenderRequest {
  renderId: string;
  /** A timeline; validated here before any work. */
  timeline: unknown;
  preset: RenderPreset;
  options?: RenderOptions;
}

export interface LocalRenderContext {
  store: MediaStore;
  signal: AbortSignal;
  onProgress?: (progress: RenderProgress) => void;
  engines?: RenderEngines;
  /** Scenes in flight at once (default 2); ffmpeg processes are capped by the adapter. */
  concurrency?: number;
}

export interface LocalRender {
  plan: RenderPlan;
  scenes: SceneRender[];
  output: RenderOutput;
}

export async function renderLocally(
  request: LocalRenderRequest,
  ctx: LocalRenderContext,
): Promise<LocalRender> {
  const { signal } = ctx;
  signal.throwIfAborted();
  const engines = ctx.engines ?? (await loadEngines());
  let plan: RenderPlan;
  try {
    const timeline = validateTimeline(request.timeline);
    plan = planRender(timeline, request.preset, engineVersions(engines), request.options);
  } catch (error) {
    throw new RenderError('plan', null, error);
  }

  const tracker = createProgressTracker({ renderId: request.renderId, units: progressUnits(plan) });
  // Progress after cancel is noise to whoever listens: drop it.
  const publish = (progress: RenderProgress) => {
    if (!signal.aborted) ctx.onProgress?.(progress);
  };
  publish(tracker.update({ stage: 'plan', sceneId: null, fraction: 1 }));
  const onProgress = (event: Parameters<typeof tracker.update>[0]) =>
    publish(tracker.update(event));
  const concurrency = ctx.concurrency ?? 2;

  const scenes = await runLimited(
    plan.scenes.map(
      (scene) => (taskSignal: AbortSignal) =>
        renderScene(
          { plan, sceneId: scene.id },
          { store: ctx.store, signal: taskSignal, engines, onProgress },
        ),
    ),
    concurrency,
    signal,
  );
  const output = await assembleRender(
    { plan, scenes },
    { store: ctx.store, signal, engines, onProgress },
  );
  return { plan, scenes, output };
}
