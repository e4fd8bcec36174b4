import type { Timeline } from '../timeline.ts';
import type { RenderPresetId } from './render-presets.ts';

/**
 * Estimates before render (issue 14, ADR 0041). The plan lives on the
 * nodes, so the web asks one with a `render-estimate` job: the node plans
 * the revision as a render would and says, per scene, which artifacts are
 * already in the media store (every key of its picture, narration parts,
 * lettering and segments) and how much work the rest is. The web turns that
 * into seconds with the nodes' measured history (`stageSecondsKey`), pure
 * maths here, so the Commit & render dialog shows it before the user confirms.
 */

export const RENDER_ESTIMATE_QUEUE = 'render-estimate';

export interface EstimateJobData {
  timeline: Timeline;
  preset: RenderPresetId;
  burnCaptions: boolean;
}

/** One scene's work as the node sees it: what is cached and what is left, in units each stage is timed by. */
export interface SceneWork {
  sceneId: string;
  image: { cached: boolean; engine: string; size: string };
  /** null: a silent scene. `characters`: of the parts still to speak. */
  narration: { cached: boolean; engine: string; characters: number } | null;
  /** `frames` to encode; estimated from the text when the narration is not made yet. */
  segment: { cached: boolean; size: string; frames: number };
}

export type EstimatedStage = 'image' | 'narration' | 'segment';

/** A measured run of one stage on a node: `seconds` for `units` (pictures, characters, frames). */
export interface StageTimeSample {
  stage: EstimatedStage;
  /** engineKey of the engine ('procedural', 'onnx.sd-turbo', 'espeak-ng', 'ffmpeg'). */
  engine: string;
  /** '1920x1080'; '' for narration (size does not matter to a voice). */
  size: string;
  seconds: number;
  units: number;
  /** Ran on a GPU (the asset record's provider was 'cuda'). */
  gpu: boolean;
}

/** Redis hash of the nodes' measured stage times: `<field>:sec`, `<field>:units`, `<field>:gpu`. */
export const stageSecondsKey = (prefix: string) => `${prefix}:stage-seconds`;

export const stageField = (stage: EstimatedStage, engine: string, size: string) =>
  `${stage}|${engine}|${size}`;

/**
 * Seconds per unit before any history exists (measured once on a 2-core
 * machine: a 1080p procedural frame ~1.5 s, espeak-ng ~0.004 s a character,
 * an x264 1080p frame ~0.05 s). Model-backed images default much slower:
 * CPU diffusion is the worst case a user should expect.
 */
export const DEFAULT_SECONDS_PER_UNIT: Record<EstimatedStage, (engine: string) => number> = {
  // 'upload': an uploaded or picked picture fitted to the frame, a scale and crop.
  image: (engine) => (engine === 'procedural' || engine === 'upload' ? 1.5 : 20),
  narration: (engine) => (engine === 'espeak-ng' ? 0.004 : 0.03),
  segment: () => 0.05,
};

export interface StageRate {
  secondsPerUnit: number;
  /** Share of measured runs that used a GPU (0 with no history). */
  gpuShare: number;
  /** Measured (true) or the default. */
  measured: boolean;
}

/** The rates in a HGETALL of `stageSecondsKey` (unreadable fields are ignored). */
export function parseStageHistory(hash: Record<string, string>): Map<string, StageRate> {
  const rates = new Map<string, StageRate>();
  for (const [name, value] of Object.entries(hash)) {
    if (!name.endsWith(':sec')) continue;
    const field = name.slice(0, -':sec'.length);
    const seconds = Number(value);
    const units = Number(hash[`${field}:units`]);
    const gpu = Number(hash[`${field}:gpu`] ?? 0);
    const runs = Number(hash[`${field}:runs`] ?? 0);
    if (!(seconds >= 0) || !(units > 0)) continue;
    rates.set(field, {
      secondsPerUnit: seconds / units,
      gpuShare: runs > 0 ? Math.min(1, Math.max(0, gpu / runs)) : 0,
      measured: true,
    });
  }
  return rates;
}

export function stageRate(
  history: ReadonlyMap<string, StageRate>,
  stage: EstimatedStage,
  engine: string,
  size: string,
): StageRate {
  return (
    history.get(stageField(stage, engine, size)) ?? {
      secondsPerUnit: DEFAULT_SECONDS_PER_UNIT[stage](engine),
      gpuShare: 0,
      measured: false,
    }
  );
}

export interface SceneEstimate {
  sceneId: string;
  /** Every artifact of the scene is in the store: rendering it costs nothing. */
  cached: boolean;
  /** Seconds per stage still to do (0 when that stage is cached). */
  seconds: Record<EstimatedStage, number>;
  gpuSeconds: number;
  totalSeconds: number;
}

export interface RenderEstimate {
  scenes: SceneEstimate[];
  totals: {
    seconds: number;
    gpuSeconds: number;
    cachedScenes: number;
    scenes: number;
  };
  /** False while some stage had no history and used its default. */
  measured: boolean;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Seconds of work left per scene and in all (pure): scene seconds summed, as if one node did them in turn. */
export function estimateRender(
  work: readonly SceneWork[],
  history: ReadonlyMap<string, StageRate>,
): RenderEstimate {
  let measured = true;
  const rate = (stage: EstimatedStage, engine: string, size: string) => {
    const r = stageRate(history, stage, engine, size);
    if (!r.measured) measured = false;
    return r;
  };
  const scenes = work.map((scene): SceneEstimate => {
    const image = scene.image.cached
      ? { s: 0, gpu: 0 }
      : (() => {
          const r = rate('image', scene.image.engine, scene.image.size);
          return { s: r.secondsPerUnit, gpu: r.secondsPerUnit * r.gpuShare };
        })();
    const narration =
      !scene.narration || scene.narration.cached
        ? { s: 0, gpu: 0 }
        : (() => {
            const r = rate('narration', scene.narration.engine, '');
            const s = r.secondsPerUnit * scene.narration.characters;
            return { s, gpu: s * r.gpuShare };
          })();
    const segment = scene.segment.cached
      ? 0
      : rate('segment', 'ffmpeg', scene.segment.size).secondsPerUnit * scene.segment.frames;
    const seconds = {
      image: round1(image.s),
      narration: round1(narration.s),
      segment: round1(segment),
    };
    return {
      sceneId: scene.sceneId,
      cached: scene.image.cached && (scene.narration?.cached ?? true) && scene.segment.cached,
      seconds,
      gpuSeconds: round1(image.gpu + narration.gpu),
      totalSeconds: round1(seconds.image + seconds.narration + seconds.segment),
    };
  });
  return {
    scenes,
    totals: {
      seconds: round1(scenes.reduce((a, s) => a + s.totalSeconds, 0)),
      gpuSeconds: round1(scenes.reduce((a, s) => a + s.gpuSeconds, 0)),
      cachedScenes: scenes.filter((s) => s.cached).length,
      scenes: scenes.length,
    },
    measured,
  };
}
