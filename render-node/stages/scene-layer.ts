import type { Motion } from '../../shared/timeline.ts';
import { chain, filter } from '../../shared/node/ffmpeg/filter-graph.ts';
import { sceneCues, type CaptionCue, type MeasuredNarration } from './captions.ts';
import type { RenderPlan } from './plan.ts';

/**
 * A scene as moving pictures: the filter chain that makes frames [from, to)
 * of a scene — its picture moved by the scene's motion, its lettering held
 * still on top, its captions when burned in. The segment stage renders a
 * scene's body with it; the transition stage renders the tail of one scene
 * and the head of the next with it. Because the motion is a function of the
 * frame index within the whole scene, frames rendered in different pieces
 * line up exactly. Pure.
 */

/** How far slow zooms and pans go over a whole scene (1.12 = 12 % closer). */
export const MOTION_ZOOM = 1.12;

/** What a scene's frames depend on; part of every segment's and transition's key. */
export interface SceneLayerSpec {
  picture: string;
  lettering: string;
  motion: Motion;
  /** The scene's total frames (motion progress is frame / (frames − 1)). */
  frames: number;
  /** Burned-in captions in scene time; null when captions are not burned in. */
  captions: CaptionCue[] | null;
}

/** zoompan expressions for a scene's motion, for frames starting at scene frame `from`. */
export function motionExpressions(motion: Motion, from: number, frames: number) {
  const progress = `((${from}+on)/${Math.max(1, frames - 1)})`;
  const zoomSpan = (MOTION_ZOOM - 1).toFixed(4);
  const centreX = '(iw-iw/zoom)/2';
  const centreY = '(ih-ih/zoom)/2';
  switch (motion) {
    case 'zoom-in':
      return { z: `1+${zoomSpan}*${progress}`, x: centreX, y: centreY };
    case 'zoom-out':
      return { z: `${MOTION_ZOOM}-${zoomSpan}*${progress}`, x: centreX, y: centreY };
    case 'pan-left':
      // The camera travels left: the view starts on the right of the picture.
      return { z: String(MOTION_ZOOM), x: `(iw-iw/zoom)*(1-${progress})`, y: centreY };
    case 'pan-right':
      return { z: String(MOTION_ZOOM), x: `(iw-iw/zoom)*${progress}`, y: centreY };
    case 'static':
      return { z: '1', x: '0', y: '0' };
  }
}

/**
 * Filter chains turning inputs `[picture]` and `[lettering]` (single still
 * images) into `[output]`: frames [from, to) of the scene in yuv420p BT.709.
 * `assPath`: burned-in captions already shifted to start at `from`.
 */
export function sceneLayerChains(
  plan: Pick<RenderPlan, 'width' | 'height' | 'fps'>,
  spec: SceneLayerSpec,
  range: { from: number; to: number },
  labels: { picture: string; lettering: string; output: string },
  assPath: string | null,
): string[] {
  const count = range.to - range.from;
  const motion = motionExpressions(spec.motion, range.from, spec.frames);
  const toBt709 = (format: string) => [
    filter('scale', { out_color_matrix: 'bt709', out_range: 'tv' }),
    filter('format', { pix_fmts: format }),
  ];
  const bg = `${labels.output}_bg`;
  const fg = `${labels.output}_fg`;
  return [
    // Converting once before zoompan keeps the per-frame work in 4:2:0 (3x cheaper than RGB).
    chain(
      [labels.picture],
      [
        ...toBt709('yuv420p'),
        filter('zoompan', {
          z: motion.z,
          x: motion.x,
          y: motion.y,
          d: count,
          s: `${plan.width}x${plan.height}`,
          fps: plan.fps,
        }),
      ],
      [bg],
    ),
    chain([labels.lettering], toBt709('yuva420p'), [fg]),
    chain(
      [bg, fg],
      [
        // The lettering is one frame: overlay repeats it over every frame of the picture.
        filter('overlay', { format: 'yuv420', eof_action: 'repeat' }),
        ...(assPath ? [filter('ass', { filename: assPath })] : []),
        filter('setsar', { r: 1 }),
        filter('format', { pix_fmts: 'yuv420p' }),
      ],
      [labels.output],
    ),
  ];
}

/** The layer spec of a rendered scene (from its images, frame count and narration). */
export function sceneLayerSpec(
  plan: RenderPlan,
  sceneIndex: number,
  rendered: {
    picture: string;
    lettering: string;
    frames: number;
    narration: MeasuredNarration | null;
  },
): SceneLayerSpec {
  const scene = plan.scenes[sceneIndex]!;
  return {
    picture: rendered.picture,
    lettering: rendered.lettering,
    motion: scene.motion,
    frames: rendered.frames,
    captions: plan.burnCaptions
      ? sceneCues(plan, sceneIndex, rendered.frames, rendered.narration)
      : null,
  };
}
