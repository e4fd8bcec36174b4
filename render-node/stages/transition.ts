import { contentKey } from '../../shared/content-key.ts';
import type { ArtifactRef } from '../../shared/render/render-events.ts';
import { chain, filter } from '../../shared/node/ffmpeg/filter-graph.ts';
import type { RenderContext } from '../render-context.ts';
import { allSettled } from '../run-limited.ts';
import type { RenderPlan, TransitionPlan } from './plan.ts';
import { sceneLayerChains, type SceneLayerSpec } from './scene-layer.ts';
import { encodePiece, encodingKeyInputs, writeBurnIn } from './segment.ts';

/**
 * Transitions: the frames where two scenes overlap — the last frames of one
 * scene blended with the first frames of the next — encoded as their own
 * piece. Changing a scene re-makes only its body and the (at most two)
 * transitions that touch it; the other pieces are reused as they are.
 */

export const TRANSITION_VERSION = 1;

const XFADE: Record<Exclude<TransitionPlan['kind'], 'cut'>, string> = {
  crossfade: 'fade',
  'fade-black': 'fadeblack',
};

export function transitionKey(
  plan: RenderPlan,
  transition: TransitionPlan,
  from: SceneLayerSpec,
  to: SceneLayerSpec,
) {
  return contentKey('transition', {
    version: TRANSITION_VERSION,
    kind: transition.kind,
    frames: transition.frames,
    from,
    to,
    encoding: encodingKeyInputs(plan),
  });
}

export async function makeTransition(
  plan: RenderPlan,
  transition: TransitionPlan,
  from: SceneLayerSpec,
  to: SceneLayerSpec,
  ctx: RenderContext,
  onFraction: (fraction: number) => void,
): Promise<ArtifactRef> {
  if (transition.kind === 'cut' || transition.frames <= 0) {
    throw new Error(`transition ${transition.index} is a cut: it has no frames to render`);
  }
  const hash = transitionKey(plan, transition, from, to);
  const frames = transition.frames;
  const tail = { from: from.frames - frames, to: from.frames };
  const head = { from: 0, to: frames };
  return encodePiece(
    {
      kind: 'transition',
      hash,
      pngs: [from.picture, from.lettering, to.picture, to.lettering],
      frames,
      chains: async (file) => {
        const [tailAss, headAss] = await allSettled([
          writeBurnIn(plan, from, tail.from, file('from.ass')),
          writeBurnIn(plan, to, head.from, file('to.ass')),
        ]);
        return [
          ...sceneLayerChains(
            plan,
            from,
            tail,
            { picture: '0:v', lettering: '1:v', output: 'a' },
            tailAss,
          ),
          ...sceneLayerChains(
            plan,
            to,
            head,
            { picture: '2:v', lettering: '3:v', output: 'b' },
            headAss,
          ),
          chain(
            ['a', 'b'],
            [
              filter('xfade', {
                transition: XFADE[transition.kind as keyof typeof XFADE],
                duration: (frames / plan.fps).toFixed(6),
                offset: 0,
              }),
              filter('format', { pix_fmts: 'yuv420p' }),
            ],
            ['v'],
          ),
        ];
      },
    },
    plan,
    ctx,
    onFraction,
  );
}
