import type { ArtifactRef } from '../../shared/render/render-events.ts';
import { joinWavFiles } from '../engines/voice/wav-concat.ts';
import { readWavInfo } from '../engines/voice/wav-duration.ts';
import { voiceEngineFor, type RenderContext } from '../render-context.ts';
import { completeRecord, timed } from './asset-record.ts';
import { stageTimeOf } from './image.ts';
import type { ScenePlan } from './plan.ts';

/**
 * The narration stage of a scene: each voice's turn (narrator text, a
 * character's line) spoken by the voice engine and cached by its own key,
 * then joined in order with a short pause into the scene's WAV, cached by
 * the plan's key. Lengths are measured from the WAVs' headers (a cache hit
 * costs small reads), the whole and each turn's place in it for captions.
 */

export interface SceneNarration {
  ref: ArtifactRef;
  samples: number;
  sampleRate: number;
  durationSec: number;
  /** Each turn's span in the scene's narration, in seconds from its start (plan order). */
  parts: { startSec: number; endSec: number }[];
}

export async function makeNarration(
  scene: ScenePlan,
  ctx: RenderContext,
): Promise<SceneNarration | null> {
  const narration = scene.narration;
  if (!narration) return null;
  const partFiles: { path: string; hit: boolean }[] = [];
  for (const part of narration.parts) {
    // Plans before issue 14 name no engine: the default spoke them.
    const key = part.engine?.key ?? ctx.engines.voice.id;
    const voice = voiceEngineFor(ctx.engines, key);
    if (!voice) throw new Error(`this render node has no ${key} voice engine`);
    const made = await ctx.store.produceRecorded(
      part.key,
      'wav',
      async (temp) => {
        const { value, ms } = await timed(() => voice.synthesize(part.request, temp, ctx.signal));
        return completeRecord({
          hash: part.key,
          kind: 'narration',
          engine: { id: voice.id, version: voice.version },
          details: value,
          fallback: { text: part.request.text, voice: part.request.voice },
          nodeId: ctx.store.owner,
          measuredMs: ms,
          now: new Date(),
        });
      },
      { signal: ctx.signal },
    );
    if (made.record) ctx.onStageTime?.(stageTimeOf(made.record));
    partFiles.push(made);
  }
  const single = narration.parts.length === 1 && narration.parts[0]!.key === narration.key;
  const made = single
    ? partFiles[0]!
    : await ctx.store.produce(
        narration.key,
        'wav',
        async (temp) => {
          await joinWavFiles(
            partFiles.map((f) => f.path),
            narration.pauseSec,
            temp,
          );
        },
        { signal: ctx.signal },
      );
  const info = await readWavInfo(made.path);
  if (info.samples === 0) throw new Error('the voice engine produced no audio');
  const parts: SceneNarration['parts'] = [];
  let at = 0;
  for (const [i, file] of partFiles.entries()) {
    const part = await readWavInfo(file.path);
    if (i > 0) at += Math.round(narration.pauseSec * part.sampleRate) / part.sampleRate;
    parts.push({ startSec: at, endSec: at + part.durationSec });
    at += part.durationSec;
  }
  return {
    ref: {
      kind: 'narration',
      hash: narration.key,
      ext: 'wav',
      cached: made.hit && partFiles.every((f) => f.hit),
    },
    samples: info.samples,
    sampleRate: info.sampleRate,
    durationSec: info.durationSec,
    parts,
  };
}
