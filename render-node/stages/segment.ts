import { writeFile } from 'node:fs/promises';
import { contentKey } from '../../shared/content-key.ts';
import type { ArtifactRef } from '../../shared/render/render-events.ts';
import { graph } from '../../shared/node/ffmpeg/filter-graph.ts';
import { runFfmpeg } from '../../shared/node/ffmpeg/run-ffmpeg.ts';
import type { RenderContext } from '../render-context.ts';
import { toAss } from './captions.ts';
import type { RenderPlan } from './plan.ts';
import { sceneLayerChains, type SceneLayerSpec } from './scene-layer.ts';

/**
 * Segments: a scene's body (its frames outside transitions) encoded as
 * H.264. Every segment and transition of a render is encoded with exactly
 * these parameters, so they join by stream copy: same codec settings,
 * profile, level, resolution, frame rate, time base, SAR and colour tags,
 * and each starts on a keyframe (a fresh encoder always does).
 */

export const SEGMENT_VERSION = 1;

/** The one encoder configuration of every video piece of a render. */
export function h264Args(plan: Pick<RenderPlan, 'preset' | 'fps'>): string[] {
  const v = plan.preset.video;
  const gop = Math.max(1, Math.round(v.keyframeSec * plan.fps));
  const options: [string, string][] = [
    ['-c:v', 'libx264'],
    ['-preset', v.x264Preset],
    ['-crf', String(v.crf)],
    ['-profile:v', v.profile],
    ['-level:v', v.level],
    ['-pix_fmt', 'yuv420p'],
    ['-g', String(gop)],
    // A short lookahead: 35 MB less per 1080p encoder, and smaller files on slow zooms.
    ['-x264-params', 'rc-lookahead=5'],
    ['-r', String(plan.fps)],
    // One time base for every piece, so the concat copies timestamps without rounding.
    ['-video_track_timescale', String(plan.fps * 512)],
    ['-colorspace', 'bt709'],
    ['-color_primaries', 'bt709'],
    ['-color_trc', 'bt709'],
    ['-color_range', 'tv'],
    ['-map_metadata', '-1'],
  ];
  return [...options.flat(), '-an'];
}

/**
 * One encoder thread: the adapter runs one ffmpeg per core, which uses the
 * cores as well as x264's threads would, with less memory per process, and
 * the bits no longer depend on the machine (x264's output varies with its
 * thread count), so equal keys mean equal files on every node.
 */
export const ENCODER_THREADS = ['-threads', '1'];

/** The encoding inputs shared by segment and transition keys: the exact encoder arguments. */
export function encodingKeyInputs(plan: RenderPlan) {
  return {
    width: plan.width,
    height: plan.height,
    args: [...h264Args(plan), ...ENCODER_THREADS],
    ffmpeg: plan.engines.ffmpeg,
  };
}

export function segmentKey(
  plan: RenderPlan,
  spec: SceneLayerSpec,
  range: { from: number; to: number },
) {
  return contentKey('segment', {
    version: SEGMENT_VERSION,
    layer: spec,
    range,
    encoding: encodingKeyInputs(plan),
  });
}

/** Writes the ASS file for burned-in captions of frames starting at `from`; null when not burning. */
export async function writeBurnIn(
  plan: RenderPlan,
  spec: SceneLayerSpec,
  from: number,
  path: string,
): Promise<string | null> {
  if (!spec.captions || spec.captions.length === 0) return null;
  const frame = {
    width: plan.width,
    height: plan.height,
    letterbox: plan.stylePreset === 'cinematic',
  };
  await writeFile(path, toAss(spec.captions, frame, from / plan.fps));
  return path;
}

/**
 * Encodes one video piece of a render (a segment or a transition) into the
 * store: its PNG inputs through a filter graph built in a scratch dir, with
 * the one encoder configuration every piece shares, exactly `frames` long.
 */
export async function encodePiece(
  piece: {
    kind: 'segment' | 'transition';
    hash: string;
    /** PNG hashes, the graph's inputs 0, 1, … in order. */
    pngs: readonly string[];
    frames: number;
    /** The filter chains ending in [v]; may write burn-in files in the scratch dir. */
    chains: (scratchFile: (name: string) => string) => Promise<string[]>;
  },
  plan: RenderPlan,
  ctx: RenderContext,
  onFraction: (fraction: number) => void,
): Promise<ArtifactRef> {
  const { frames } = piece;
  const made = await ctx.store.produce(
    piece.hash,
    'mp4',
    async (temp) => {
      const scratch = await ctx.store.createScratch();
      try {
        await runFfmpeg({
          inputs: piece.pngs.map((h) => ({ path: ctx.store.pathFor(h, 'png') })),
          filterGraph: graph(await piece.chains(scratch.file)),
          outputOptions: [
            ...['-map', '[v]', '-frames:v', String(frames)],
            ...h264Args(plan),
            ...ENCODER_THREADS,
          ],
          output: temp,
          expected: { frames },
          signal: ctx.signal,
          onProgress: onFraction,
        });
      } finally {
        await scratch.dispose();
      }
    },
    { signal: ctx.signal },
  );
  return { kind: piece.kind, hash: piece.hash, ext: 'mp4', cached: made.hit };
}

export function makeSegment(
  plan: RenderPlan,
  spec: SceneLayerSpec,
  range: { from: number; to: number },
  ctx: RenderContext,
  onFraction: (fraction: number) => void,
): Promise<ArtifactRef> {
  return encodePiece(
    {
      kind: 'segment',
      hash: segmentKey(plan, spec, range),
      pngs: [spec.picture, spec.lettering],
      frames: range.to - range.from,
      chains: async (file) =>
        sceneLayerChains(
          plan,
          spec,
          range,
          { picture: '0:v', lettering: '1:v', output: 'v' },
          await writeBurnIn(plan, spec, range.from, file('captions.ass')),
        ),
    },
    plan,
    ctx,
    onFraction,
  );
}
