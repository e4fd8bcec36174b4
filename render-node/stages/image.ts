import type { ArtifactRef } from '../../shared/render/render-events.ts';
import type { GeneratedAssetRecord } from '../../shared/render/asset-record.ts';
import type { StageTimeSample } from '../../shared/render/estimate.ts';
import { engineKey } from '../../shared/render/render-queue.ts';
import { renderLettering } from '../engines/image/lettering.ts';
import { chain, filter, graph } from '../../shared/node/ffmpeg/filter-graph.ts';
import { runFfmpeg } from '../../shared/node/ffmpeg/run-ffmpeg.ts';
import { userImageInput } from '../../shared/node/ffmpeg/user-media.ts';
import type { MediaStore } from '../../shared/node/media-store.ts';
import type { ImageEngine, PictureRequest } from '../engines/image/engine.ts';
import { imageEngineFor, type RenderContext } from '../render-context.ts';
import { completeRecord, timed } from './asset-record.ts';
import { allSettled } from '../run-limited.ts';
import type { RenderPlan, ScenePlan } from './plan.ts';

/**
 * The image stage of a scene: its picture (from the image engine, or an
 * uploaded image fitted to the frame) and its lettering, both PNG at the
 * output resolution, both cached by their plan keys.
 */

export interface SceneImages {
  picture: ArtifactRef;
  lettering: ArtifactRef;
}

export async function makeSceneImages(
  plan: RenderPlan,
  scene: ScenePlan,
  ctx: RenderContext,
): Promise<SceneImages> {
  const [picture, lettering] = await allSettled([
    makePicture(plan, scene, ctx),
    ctx.store.produce(
      scene.lettering.key,
      'png',
      (temp) => renderLettering(scene.lettering.request, temp, ctx.signal),
      { signal: ctx.signal },
    ),
  ]);
  return {
    picture,
    lettering: { kind: 'lettering', hash: scene.lettering.key, ext: 'png', cached: lettering.hit },
  };
}

async function makePicture(
  plan: RenderPlan,
  scene: ScenePlan,
  ctx: RenderContext,
): Promise<ArtifactRef> {
  const { picture } = scene;
  if (picture.source === 'engine') {
    // Plans before issue 14 name no engine: the default drew them.
    const key = picture.engine?.key ?? plan.engines.image.id;
    const engine = imageEngineFor(ctx.engines, key);
    if (!engine) throw new Error(`this render node has no ${key} picture engine`);
    const made = await generatePicture(
      ctx.store,
      engine,
      picture.key,
      picture.request,
      ctx.signal,
      picture.fallbackFrom,
    );
    if (made.record) ctx.onStageTime?.(stageTimeOf(made.record));
    return { kind: 'picture', hash: picture.key, ext: 'png', cached: made.hit };
  }
  const made = await ctx.store.produce(
    picture.key,
    'png',
    async (temp) => {
      const upload = await ctx.store.locate(picture.asset);
      if (!upload) throw new Error(`the uploaded image ${picture.asset} is not in the media store`);
      await fitToFrame(upload, temp, plan, ctx.signal);
    },
    { signal: ctx.signal },
  );
  return { kind: 'picture', hash: picture.key, ext: 'png', cached: made.hit };
}

/**
 * The picture of `request` under `key` in the store, with its record beside
 * it (issue 14): made by the engine unless it is there. Renders and
 * image-only jobs (regenerate, variants) make pictures through here.
 */
export function generatePicture(
  store: MediaStore,
  engine: ImageEngine,
  key: string,
  request: PictureRequest,
  signal: AbortSignal,
  /** The engine the project asked for when another made this picture (a plan's fallback). */
  fallbackFrom?: GeneratedAssetRecord['fallbackFrom'],
) {
  return store.produceRecorded(
    key,
    'png',
    async (temp) => {
      const { value, ms } = await timed(() => engine.generate(request, temp, signal));
      const record = completeRecord({
        hash: key,
        kind: 'picture',
        engine: { id: engine.id, version: engine.version },
        details: value,
        fallback: {
          prompt: request.prompt,
          seed: request.seed,
          width: request.width,
          height: request.height,
        },
        nodeId: store.owner,
        measuredMs: ms,
        now: new Date(),
      });
      return fallbackFrom ? { ...record, fallbackFrom } : record;
    },
    { signal },
  );
}

/** A made picture's or narration part's time, from its record, for the estimates' history. */
export function stageTimeOf(record: GeneratedAssetRecord): StageTimeSample {
  const picture = record.kind === 'picture';
  return {
    stage: picture ? 'image' : 'narration',
    engine: engineKey(record.engine.id, record.model?.id),
    size: picture ? `${record.width ?? 0}x${record.height ?? 0}` : '',
    seconds: record.durationMs / 1000,
    units: picture ? 1 : Math.max(1, record.text?.length ?? 1),
    gpu: record.provider === 'cuda',
  };
}

/** Scales an uploaded image to cover the frame and crops the overflow, centred. */
async function fitToFrame(source: string, output: string, plan: RenderPlan, signal: AbortSignal) {
  await runFfmpeg({
    // An upload: opened with the demuxer its bytes call for, never ffmpeg's guess.
    inputs: [await userImageInput(source)],
    filterGraph: graph([
      chain(
        ['0:v'],
        [
          filter('scale', {
            w: plan.width,
            h: plan.height,
            force_original_aspect_ratio: 'increase',
            flags: 'lanczos',
          }),
          filter('crop', { w: plan.width, h: plan.height }),
          filter('format', { pix_fmts: 'rgb24' }),
        ],
        ['v'],
      ),
    ]),
    outputOptions: ['-map', '[v]', '-frames:v', '1', '-update', '1'],
    output,
    expected: { frames: 1 },
    signal,
  });
}
