import { writeFile } from 'node:fs/promises';
import { contentKey } from '../../shared/content-key.ts';
import type { ArtifactRef } from '../../shared/render/render-events.ts';
import { chain, filter, graph } from '../../shared/node/ffmpeg/filter-graph.ts';
import { runFfmpeg } from '../../shared/node/ffmpeg/run-ffmpeg.ts';
import type { RenderContext } from '../render-context.ts';
import type { SceneImages } from './image.ts';
import type { RenderPlan } from './plan.ts';

/**
 * Assembly: the pieces (scene bodies and transitions) joined by stream copy
 * with the audio bed into one MP4 with faststart (the index first, so the
 * browser starts playing before the download ends); plus the poster and a
 * thumbnail per scene.
 */

export const ASSEMBLE_VERSION = 1;
export const THUMBNAIL_BOX = 320;

export interface PieceRef {
  hash: string;
  frames: number;
}

export function videoKey(plan: RenderPlan, pieces: readonly PieceRef[], audioHash: string) {
  return contentKey('video', {
    version: ASSEMBLE_VERSION,
    pieces,
    audio: audioHash,
    fps: plan.fps,
    ffmpeg: plan.engines.ffmpeg,
  });
}

/**
 * The concat demuxer's list. Each piece's duration is given exactly (frames
 * / fps) so timestamps continue frame-exactly across pieces instead of
 * following each file's rounded container duration.
 */
export function concatList(
  pieces: readonly { path: string; frames: number }[],
  fps: number,
): string {
  const quote = (path: string) => `'${path.replace(/'/g, "'\\''")}'`;
  const entries = pieces.map(
    (p) => `file ${quote(p.path)}\nduration ${(p.frames / fps).toFixed(9)}`,
  );
  return `ffconcat version 1.0\n${entries.join('\n')}\n`;
}

export async function concatAndMux(
  plan: RenderPlan,
  pieces: readonly PieceRef[],
  audio: ArtifactRef,
  ctx: RenderContext,
  onFraction: (fraction: number) => void,
): Promise<ArtifactRef> {
  const hash = videoKey(plan, pieces, audio.hash);
  const frames = pieces.reduce((sum, p) => sum + p.frames, 0);
  const made = await ctx.store.produce(
    hash,
    'mp4',
    async (temp) => {
      const scratch = await ctx.store.createScratch();
      try {
        const list = scratch.file('pieces.ffconcat');
        const paths = pieces.map((p) => ({
          path: ctx.store.pathFor(p.hash, 'mp4'),
          frames: p.frames,
        }));
        await writeFile(list, concatList(paths, plan.fps));
        await runFfmpeg({
          inputs: [
            { path: list, options: ['-f', 'concat', '-safe', '0'] },
            { path: ctx.store.pathFor(audio.hash, audio.ext) },
          ],
          outputOptions: [
            ['-map', '0:v:0'],
            ['-map', '1:a:0'],
            ['-c', 'copy'],
            ['-movflags', '+faststart'],
            ['-map_metadata', '-1'],
          ].flat(),
          output: temp,
          expected: { frames },
          signal: ctx.signal,
          onProgress: onFraction,
          // The last step of the render: ahead of anything still queued.
          priority: 1,
        });
      } finally {
        await scratch.dispose();
      }
    },
    { signal: ctx.signal },
  );
  return { kind: 'video', hash, ext: 'mp4', cached: made.hit };
}

/** A still of a scene as it first appears: picture and lettering, as JPEG. */
export async function makeStill(
  plan: RenderPlan,
  images: SceneImages,
  kind: 'poster' | 'thumbnail',
  ctx: RenderContext,
): Promise<ArtifactRef> {
  const hash = contentKey(kind, {
    version: ASSEMBLE_VERSION,
    picture: images.picture.hash,
    lettering: images.lettering.hash,
    box: kind === 'poster' ? [plan.width, plan.height] : [THUMBNAIL_BOX, THUMBNAIL_BOX],
    ffmpeg: plan.engines.ffmpeg,
  });
  const scale =
    kind === 'poster'
      ? []
      : [
          filter('scale', {
            w: THUMBNAIL_BOX,
            h: THUMBNAIL_BOX,
            force_original_aspect_ratio: 'decrease',
            force_divisible_by: 2,
            flags: 'lanczos',
          }),
        ];
  const made = await ctx.store.produce(
    hash,
    'jpg',
    async (temp) => {
      await runFfmpeg({
        inputs: [
          { path: ctx.store.pathFor(images.picture.hash, 'png') },
          { path: ctx.store.pathFor(images.lettering.hash, 'png') },
        ],
        filterGraph: graph([
          chain(
            ['0:v', '1:v'],
            [filter('overlay'), ...scale, filter('format', { pix_fmts: 'yuvj420p' })],
            ['v'],
          ),
        ]),
        outputOptions: [
          ['-map', '[v]'],
          ['-frames:v', '1'],
          ['-q:v', kind === 'poster' ? '2' : '4'],
          ['-update', '1'],
        ].flat(),
        output: temp,
        expected: { frames: 1 },
        signal: ctx.signal,
        // Nobody waits for stills to watch the video: they go after everything else.
        priority: -1,
      });
    },
    { signal: ctx.signal },
  );
  return { kind, hash, ext: 'jpg', cached: made.hit };
}
