import type { ArtifactRef } from '../../shared/render/render-events.ts';
import { readWavInfo } from '../engines/voice/wav-duration.ts';
import type { RenderContext } from '../render-context.ts';
import type { ScenePlan } from './plan.ts';

/**
 * The narration stage of a scene: the voice engine's WAV, cached by its plan
 * key, and its measured length (read from the WAV header, so a cache hit
 * costs one small read).
 */

export interface SceneNarration {
  ref: ArtifactRef;
  samples: number;
  sampleRate: number;
  durationSec: number;
}

export async function makeNarration(
  scene: ScenePlan,
  ctx: RenderContext,
): Promise<SceneNarration | null> {
  const narration = scene.narration;
  if (!narration) return null;
  const made = await ctx.store.produce(
    narration.key,
    'wav',
    (temp) => ctx.engines.voice.synthesize(narration.request, temp, ctx.signal),
    { signal: ctx.signal },
  );
  const info = await readWavInfo(made.path);
  if (info.samples === 0) throw new Error('the voice engine produced no audio');
  return {
    ref: { kind: 'narration', hash: narration.key, ext: 'wav', cached: made.hit },
    samples: info.samples,
    sampleRate: info.sampleRate,
    durationSec: info.durationSec,
  };
}
