import type { ArtifactRef, RenderStage } from '../shared/render/render-events.ts';
import { assertEnginesMatch } from './engines/load-engines.ts';
import type { RenderContext } from './render-context.ts';
import { inStage } from './render-error.ts';
import { makeSceneImages } from './stages/image.ts';
import { makeNarration } from './stages/narration.ts';
import { bodyChunks, sceneFrames, type RenderPlan } from './stages/plan.ts';
import { runBoth, runLimited } from './run-limited.ts';
import { sceneLayerSpec } from './stages/scene-layer.ts';
import { makeSegment } from './stages/segment.ts';

/**
 * One scene of a render: image → narration → segment. Independent of every
 * other scene (a queue can run scenes in parallel on any render node that
 * shares the media store); the result is plain JSON for the assemble step.
 */

export interface SceneRenderJob {
  plan: RenderPlan;
  sceneId: string;
}

export interface SceneRender {
  sceneId: string;
  /** The scene's frames, transitions included. */
  frames: number;
  /** The narration's measured length and each voice's turn in it; null for a silent scene. */
  narration: {
    samples: number;
    sampleRate: number;
    durationSec: number;
    parts: { startSec: number; endSec: number }[];
  } | null;
  artifacts: {
    picture: ArtifactRef;
    lettering: ArtifactRef;
    narration: ArtifactRef | null;
    /** The scene's body, in chunks (see TIMING.chunkSec), in order. */
    segments: ArtifactRef[];
  };
}

export async function renderScene(job: SceneRenderJob, ctx: RenderContext): Promise<SceneRender> {
  const { plan, sceneId } = job;
  const { signal } = ctx;
  const report = (stage: RenderStage, fraction: number, cached?: boolean) => {
    if (!signal.aborted) ctx.onProgress?.({ stage, sceneId, fraction, cached });
  };
  const scene = await inStage('plan', sceneId, signal, async () => {
    assertEnginesMatch(plan, ctx.engines, sceneId);
    const found = plan.scenes.find((s) => s.id === sceneId);
    if (!found) throw new Error('the scene is not in the plan');
    return found;
  });

  // The images and the narration do not depend on each other: both at once.
  const [images, narration] = await runBoth(
    signal,
    (s) =>
      inStage('image', sceneId, s, async () => {
        const made = await makeSceneImages(plan, scene, { ...ctx, signal: s });
        report('image', 1, made.picture.cached && made.lettering.cached);
        return made;
      }),
    (s) =>
      inStage('narration', sceneId, s, async () => {
        const made = await makeNarration(scene, { ...ctx, signal: s });
        report('narration', 1, made?.ref.cached ?? true);
        return made;
      }),
  );

  const frames = sceneFrames(
    { ...scene, timing: plan.timing },
    narration ? narration.durationSec * plan.fps : null,
  );
  const measured = narration
    ? {
        samples: narration.samples,
        sampleRate: narration.sampleRate,
        durationSec: narration.durationSec,
        parts: narration.parts,
      }
    : null;
  const spec = sceneLayerSpec(plan, scene.index, {
    picture: images.picture.hash,
    lettering: images.lettering.hash,
    frames,
    narration: measured,
  });
  const body = { from: scene.transitionInFrames, to: frames - scene.transitionOutFrames };
  const chunks = bodyChunks(body, plan.timing.chunkFrames);
  const done = chunks.map(() => 0);
  const encodeStarted = performance.now();
  const segments = await inStage('segment', sceneId, signal, () =>
    runLimited(
      chunks.map(
        (range, i) => (chunkSignal: AbortSignal) =>
          makeSegment(plan, spec, range, { ...ctx, signal: chunkSignal }, (f) => {
            done[i] = f * (range.to - range.from);
            report('segment', done.reduce((a, b) => a + b, 0) / (body.to - body.from));
          }),
      ),
      chunks.length,
      signal,
    ),
  );
  report(
    'segment',
    1,
    segments.every((s) => s.cached),
  );
  // Timed only when every chunk was encoded: a partly cached stage would read as fast frames.
  if (segments.length && segments.every((s) => !s.cached)) {
    ctx.onStageTime?.({
      stage: 'segment',
      engine: 'ffmpeg',
      size: `${plan.width}x${plan.height}`,
      seconds: (performance.now() - encodeStarted) / 1000,
      units: body.to - body.from,
      gpu: false,
    });
  }

  return {
    sceneId,
    frames,
    narration: measured,
    artifacts: {
      picture: images.picture,
      lettering: images.lettering,
      narration: narration?.ref ?? null,
      segments,
    },
  };
}
