import { ffmpegVersion } from '../../shared/node/ffmpeg/ffmpeg-version.ts';
import type { RenderEngines } from '../render-context.ts';
import type { EngineVersions, RenderPlan } from '../stages/plan.ts';
import { LETTERING_VERSION } from './image/lettering.ts';
import { createProceduralEngine } from './image/procedural.ts';
import { createEspeakEngine } from './voice/espeak.ts';
import { createFluidsynthEngine } from './music/fluidsynth.ts';

/**
 * The engines of this render node. Defaults need no model weights: the
 * procedural image engine, espeak-ng and FluidSynth with a GM sound font
 * (each checked here: a node without them refuses to start, naming what is
 * missing). ONNX images, Piper voices and neural music plug in here.
 */
export async function loadEngines(
  options: { soundfont?: string | undefined } = {},
): Promise<RenderEngines> {
  const [voice, music, ffmpeg] = await Promise.all([
    createEspeakEngine(),
    createFluidsynthEngine(options.soundfont ? { soundfont: options.soundfont } : {}),
    ffmpegVersion(),
  ]);
  return { image: createProceduralEngine(), voice, music, ffmpegVersion: ffmpeg };
}

/** The versions that go into cache keys. */
export function engineVersions(engines: RenderEngines): EngineVersions {
  return {
    image: { id: engines.image.id, version: engines.image.version },
    voice: { id: engines.voice.id, version: engines.voice.version },
    lettering: LETTERING_VERSION,
    ffmpeg: engines.ffmpegVersion,
  };
}

/**
 * A plan's keys name artifacts as the planning node's engines make them. A
 * node with other versions would store artifacts under keys that lie, so it
 * refuses the job instead (the queue can route it to a matching node).
 */
export function assertEnginesMatch(plan: RenderPlan, engines: RenderEngines) {
  const mine = engineVersions(engines);
  const theirs = plan.engines;
  const differences = [
    mine.image.id !== theirs.image.id || mine.image.version !== theirs.image.version
      ? 'image engine'
      : '',
    mine.voice.id !== theirs.voice.id || mine.voice.version !== theirs.voice.version
      ? 'voice engine'
      : '',
    mine.lettering !== theirs.lettering ? 'lettering' : '',
    mine.ffmpeg !== theirs.ffmpeg ? 'ffmpeg' : '',
  ].filter(Boolean);
  if (differences.length) {
    throw new Error(`this render node's ${differences.join(', ')} differ from the plan's`);
  }
}
