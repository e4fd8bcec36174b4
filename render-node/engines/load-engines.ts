import { ffmpegVersion } from '../../shared/node/ffmpeg/ffmpeg-version.ts';
import type { EngineInfo } from '../../shared/render/node-capabilities.ts';
import { engineKey } from '../../shared/render/render-queue.ts';
import type { InferenceClient } from '../inference/contract.ts';
import { imageEngineFor, voiceEngineFor, type RenderEngines } from '../render-context.ts';
import type { EngineVersions, PlannedEngine, RenderPlan, ScenePlan } from '../stages/plan.ts';
import type { ImageEngine } from './image/engine.ts';
import { LETTERING_VERSION } from './image/lettering.ts';
import { createProceduralEngine } from './image/procedural.ts';
import { MODEL_ENGINES, type ModelEngineFactories } from './model-engines.ts';
import type { VoiceEngine } from './voice/engine.ts';
import { createEspeakEngine } from './voice/espeak.ts';
import { createFluidsynthEngine } from './music/fluidsynth.ts';

export interface LoadEnginesOptions {
  soundfont?: string | undefined;
  /**
   * The inference host's client (render-node/inference/host.ts), started by
   * the node when MODELS_DIR has models: each usable model becomes an engine
   * under its engine key ('onnx.<model>', 'piper.<voice model>').
   */
  inference?: InferenceClient | undefined;
  /** How a model becomes an engine (default MODEL_ENGINES). */
  modelEngines?: ModelEngineFactories;
}

/**
 * The engines of this render node. Defaults need no model weights: the
 * procedural image engine, espeak-ng and FluidSynth with a GM sound font
 * (each checked here: a node without them refuses to start, naming what is
 * missing). ONNX images and Piper voices come from the inference host's
 * usable models; an unusable model is reported on the heartbeat, not loaded.
 */
export async function loadEngines(options: LoadEnginesOptions = {}): Promise<RenderEngines> {
  const [voice, music, ffmpeg] = await Promise.all([
    createEspeakEngine(),
    createFluidsynthEngine(options.soundfont ? { soundfont: options.soundfont } : {}),
    ffmpegVersion(),
  ]);
  const engines: RenderEngines = {
    image: createProceduralEngine(),
    voice,
    music,
    ffmpegVersion: ffmpeg,
  };
  if (options.inference) engines.byKey = modelEngines(options.inference, options.modelEngines);
  return engines;
}

function modelEngines(client: InferenceClient, factories: ModelEngineFactories = MODEL_ENGINES) {
  const image = new Map<string, ImageEngine>();
  const voice = new Map<string, VoiceEngine>();
  for (const model of client.models()) {
    if (!model.usable) continue;
    if (model.kind === 'image')
      image.set(engineKey('onnx', model.id), factories.image(client, model));
    else voice.set(engineKey('piper', model.id), factories.voice(client, model));
  }
  return { image, voice };
}

/** Every engine of this node as the heartbeat reports it (model-backed ones with key and model). */
export function engineInfos(engines: RenderEngines): NodeEngineInfos {
  const modelBacked = (map: ReadonlyMap<string, ImageEngine | VoiceEngine> | undefined) =>
    [...(map ?? new Map<string, ImageEngine | VoiceEngine>())].map(([key, engine]): EngineInfo => ({
      id: engine.id,
      version: engine.version,
      key,
      model: key.slice(engine.id.length + 1),
    }));
  return {
    image: [
      { id: engines.image.id, version: engines.image.version },
      ...modelBacked(engines.byKey?.image),
    ],
    voice: [
      { id: engines.voice.id, version: engines.voice.version },
      ...modelBacked(engines.byKey?.voice),
    ],
    music: [{ id: engines.music.id, version: engines.music.version }],
  };
}

type NodeEngineInfos = { image: EngineInfo[]; voice: EngineInfo[]; music: EngineInfo[] };

/** The engine keys this node can run: the defaults and one per usable model. */
export function engineKeys(engines: RenderEngines): Set<string> {
  return new Set([
    engines.image.id,
    engines.voice.id,
    ...(engines.byKey?.image.keys() ?? []),
    ...(engines.byKey?.voice.keys() ?? []),
  ]);
}

/**
 * The versions that go into cache keys: the defaults of this node, and the
 * model-backed engines it has (a node planning alone, e.g. renderLocally).
 * The plan worker adds those of every live node instead (their heartbeats).
 */
export function engineVersions(engines: RenderEngines): EngineVersions {
  const versions: EngineVersions = {
    image: { id: engines.image.id, version: engines.image.version },
    voice: { id: engines.voice.id, version: engines.voice.version },
    lettering: LETTERING_VERSION,
    ffmpeg: engines.ffmpegVersion,
  };
  const models = [...engineInfos(engines).image, ...engineInfos(engines).voice].filter(
    (e) => e.key !== undefined && e.model !== undefined,
  );
  if (models.length) {
    versions.models = Object.fromEntries(
      models.map((e) => [e.key!, { key: e.key!, id: e.id, version: e.version, model: e.model! }]),
    );
  }
  return versions;
}

/** The engines a scene's work uses: its picture's (when drawn) and its narration parts'. */
export function sceneEngines(
  plan: RenderPlan,
  scene: ScenePlan,
): { image: PlannedEngine[]; voice: PlannedEngine[] } {
  const defaults = plan.engines;
  return {
    image:
      scene.picture.source === 'engine'
        ? [scene.picture.engine ?? { key: defaults.image.id, ...defaults.image }]
        : [],
    voice: (scene.narration?.parts ?? []).map(
      (part) => part.engine ?? { key: defaults.voice.id, ...defaults.voice },
    ),
  };
}

/**
 * A plan's keys name artifacts as the engines it names make them. A node
 * without one of them, or with another version, would store artifacts under
 * keys that lie, so it refuses the job instead (capability queues route jobs
 * needing a model to nodes that have it). `sceneId`: a scene job needs its
 * scene's engines; null: the assembly needs only ffmpeg and lettering.
 */
export function assertEnginesMatch(
  plan: RenderPlan,
  engines: RenderEngines,
  sceneId: string | null = null,
) {
  const differences: string[] = [];
  if (plan.engines.lettering !== LETTERING_VERSION) differences.push('lettering');
  if (plan.engines.ffmpeg !== engines.ffmpegVersion) differences.push('ffmpeg');
  const scene = sceneId === null ? undefined : plan.scenes.find((s) => s.id === sceneId);
  const needed = scene ? sceneEngines(plan, scene) : { image: [], voice: [] };
  const check = (wanted: PlannedEngine, mine: ImageEngine | VoiceEngine | undefined) => {
    const problem = !mine
      ? `${wanted.key} engine (not on this node)`
      : mine.id !== wanted.id || mine.version !== wanted.version
        ? `${wanted.key} engine`
        : '';
    if (problem && !differences.includes(problem)) differences.push(problem);
  };
  for (const wanted of needed.image) check(wanted, imageEngineFor(engines, wanted.key));
  for (const wanted of needed.voice) check(wanted, voiceEngineFor(engines, wanted.key));
  if (differences.length) {
    throw new Error(`this render node's ${differences.join(', ')} differ from the plan's`);
  }
}

/**
 * What a scene job needs beyond what every node has: the keys of its
 * model-backed engines, which name its capability queue (empty: the base queue).
 */
export function sceneNeeds(plan: RenderPlan, scene: ScenePlan): string[] {
  const { image, voice } = sceneEngines(plan, scene);
  return [
    ...new Set([...image, ...voice].filter((e) => e.model !== undefined).map((e) => e.key)),
  ].sort();
}
