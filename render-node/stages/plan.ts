import { contentKey } from '../../shared/content-key.ts';
import { NARRATION_PAUSES } from '../../shared/scene-duration.ts';
import type { ProgressUnit } from '../../shared/render/render-progress.ts';
import { presetProblems, type RenderPreset } from '../../shared/render/render-presets.ts';
import { renderReadinessIssues } from '../../shared/render/render-readiness.ts';
import type { KeptSoundtrack, SoundtrackMood } from '../../shared/music/soundtrack-request.ts';
import { DEFAULT_MOOD, soundtrackMoodOf } from '../../shared/music/soundtrack-spec.ts';
import {
  musicDucks,
  type MusicBed,
  type Motion,
  type StylePreset,
  type Timeline,
  type TimelineIssue,
  type TimelineScene,
  type Transition,
  type Voice,
} from '../../shared/timeline.ts';
import type { PictureRequest } from '../engines/image/engine.ts';
import { pictureRequestOf } from '../../shared/render/image-job.ts';
import type { LetteringRequest } from '../engines/image/lettering.ts';
import { paletteFor } from '../engines/image/scene-palette.ts';
import { firstSentence } from '../engines/image/typeset.ts';
import type { VoiceRequest } from '../engines/voice/engine.ts';
import { engineKey } from '../../shared/render/render-queue.ts';
import { castVoices } from '../../shared/voices/cast-voice.ts';
import { splitNarration, spokenText } from '../../shared/voices/dialogue.ts';

/**
 * Planning: everything about a render that can be decided before any work,
 * as plain JSON (it travels in queue jobs). All timing is in frames. Pure.
 *
 * Timing model (frames at the plan's fps):
 * - A scene lasts N frames: its set duration, or lead + narration + tail +
 *   the transition out of it. Its narration starts `lead` frames into it.
 * - Consecutive scenes overlap by the transition's frames (0 for a cut), so
 *   the video lasts ΣN − Σtransitions frames, and the narration of a scene
 *   always ends before the next one starts.
 * - A scene's `transition` is how it hands over to the next scene; the last
 *   scene's is unused.
 * - The output is cut into pieces that are encoded once each and joined by
 *   stream copy: each scene's body (its frames outside any transition) and
 *   each transition (the tail of one scene blended with the head of the
 *   next). A scene's frame count never depends on its neighbours' narration,
 *   so scenes can render in parallel on any node.
 */

export const PLAN_VERSION = 1;

export const TIMING = {
  /** Lead, tail and transition: one source with the editor (shared/scene-duration.ts). */
  ...NARRATION_PAUSES,
  minSceneSec: 1,
  /**
   * Longest silence a video may end on after its last words when no one set
   * the last scene's duration. Automatic scenes keep it by construction: the
   * last scene has no outgoing transition, so it ends `tailSec` (plus the
   * voice's own trailing pause) after its narration, and `minSceneSec` only
   * lengthens a scene whose lead + words + tail are under a second. A set
   * duration is kept (the person asked for that silence) and reported as a
   * warning (`trailingSilenceWarning`).
   */
  maxTrailingSilenceSec: 1,
  /**
   * Longest piece of a scene body encoded by one ffmpeg: a longer body is
   * split into equal chunks encoded in parallel, so re-rendering one scene
   * uses every core and the last scenes of a render don't leave cores idle.
   */
  chunkSec: 4,
};

export const AUDIO_SAMPLE_RATE = 48000;

export interface EngineVersions {
  /** The default picture engine (procedural): every node has it. */
  image: { id: string; version: string };
  /** The default voice engine (espeak-ng): every node has it. */
  voice: { id: string; version: string };
  lettering: string;
  ffmpeg: string;
  /**
   * Model-backed engines a render may use, by engine key ('onnx.<model>',
   * 'piper.<voice model>'): those of the live nodes (their heartbeats) when
   * the plan worker plans. Absent: none. Not kept in the plan (scenes name
   * the engines they use).
   */
  models?: Record<string, PlannedEngine>;
}

/** An engine a plan's work uses: its key (routing), id and version (cache keys), and model. */
export interface PlannedEngine {
  key: string;
  id: string;
  version: string;
  /** The installed model a model-backed engine runs; absent for the defaults. */
  model?: string;
}

/** Why a scene's picture is not by the engine asked for (a fallback), as the render records it. */
export interface EngineFallback {
  engine: string;
  model?: string;
  reason: string;
}

export interface RenderOptions {
  /** Draw captions into the picture (the WebVTT/SRT files are made either way). */
  burnCaptions?: boolean;
}

export interface ScenePlan {
  id: string;
  index: number;
  picture:
    | {
        key: string;
        source: 'engine';
        request: PictureRequest;
        /** The engine that draws it (absent in plans made before issue 14: the plan's default). */
        engine?: PlannedEngine;
        /** Set when the chosen engine had no node and the project allowed storyboard frames. */
        fallbackFrom?: EngineFallback;
      }
    | { key: string; source: 'upload'; asset: string };
  lettering: { key: string; request: LetteringRequest };
  /** null: no narration text. */
  narration: NarrationPlan | null;
  /** The scene's set duration in frames; null: from its narration. */
  fixedFrames: number | null;
  motion: Motion;
  transitionInFrames: number;
  transitionOutFrames: number;
  /** A guess before narration exists, for progress weights only. */
  estimatedFrames: number;
  narrationText: string;
}

/** One voice's turn in a scene's narration: the narrator's text or a character's line. */
export interface NarrationPartPlan {
  /** The character's name (for captions' speaker markup); null: the narrator. */
  speaker: string | null;
  /** The part's own WAV, cached by its text and voice. */
  key: string;
  request: VoiceRequest;
  /** The engine that speaks it (absent in plans made before issue 14: the plan's default). */
  engine?: PlannedEngine;
}

/** A scene's narration: its parts spoken in order, `pauseSec` apart, into one WAV. */
export interface NarrationPlan {
  key: string;
  pauseSec: number;
  parts: NarrationPartPlan[];
}

/** Silence between two voices' turns, so a reply does not run into the line before it. */
export const SPEAKER_PAUSE_SEC = 0.3;

export interface TransitionPlan {
  index: number;
  fromSceneId: string;
  toSceneId: string;
  kind: Transition;
  frames: number;
}

export interface RenderPlan {
  planVersion: number;
  title: string;
  preset: RenderPreset;
  width: number;
  height: number;
  fps: number;
  sampleRate: number;
  timing: {
    leadFrames: number;
    tailFrames: number;
    minFrames: number;
    chunkFrames: number;
  };
  engines: EngineVersions;
  stylePreset: StylePreset;
  burnCaptions: boolean;
  scenes: ScenePlan[];
  /** Between scene i and i+1; cuts have 0 frames and produce no piece. */
  transitions: TransitionPlan[];
  /** The bed as the mix needs it: its display name is left out, so renaming it renders nothing. */
  music: PlannedMusic | null;
  warnings: string[];
}

interface MusicMix {
  volume: number;
  /** Ducked under the narration (a sidechain compressor) or at its volume throughout. */
  duck: boolean;
}

/** Uploaded music: the stored file (plans and keys as before issue 18). */
export interface UploadedMusic extends MusicMix {
  asset: string;
  generated?: undefined;
}

/**
 * A generated soundtrack (issue 18): composed again for the render's exact
 * length (known once narration is), following its scenes when asked. The
 * kept preview's file is not what plays, so it is not in the plan.
 */
export interface GeneratedMusic extends MusicMix {
  generated: PlannedSoundtrack;
}

export type PlannedMusic = UploadedMusic | GeneratedMusic;

export interface PlannedSoundtrack {
  request: KeptSoundtrack;
  /** Each scene's mood (its own, or the request's when it names none) and act, in order. */
  scenes: { mood: SoundtrackMood; act: number }[];
}

/** Why a timeline cannot be rendered: every problem, each naming its field (and scene). */
export class PlanError extends Error {
  readonly issues: TimelineIssue[];
  constructor(issues: TimelineIssue[]) {
    super(`Cannot render: ${issues.map((i) => i.message).join('; ')}`);
    this.name = 'PlanError';
    this.issues = issues;
  }
}

/** Plans a render of a validated timeline; throws PlanError naming every problem, before any work. */
export function planRender(
  timeline: Timeline,
  preset: RenderPreset,
  engines: EngineVersions,
  options: RenderOptions = {},
): RenderPlan {
  const issues: TimelineIssue[] = [
    ...renderReadinessIssues(timeline),
    ...presetProblems(preset).map((message) => ({ path: ['preset'], message })),
  ];
  if (preset.aspect !== timeline.aspect) {
    issues.push({
      path: ['aspect'],
      message: `preset ${preset.id} is for ${preset.aspect}, the project is ${timeline.aspect}`,
    });
  }
  const narrator = voiceEngineOf(timeline.voice, engines);
  if (typeof narrator === 'string') issues.push({ path: ['voice', 'voice'], message: narrator });
  timeline.cast.forEach((member, index) => {
    const engine = member.voice && voiceEngineOf(member.voice, engines);
    if (typeof engine === 'string') {
      issues.push({
        path: ['cast', index, 'voice', 'voice'],
        message: `${member.name}: ${engine}`,
      });
    }
  });
  const pictureEngines = timeline.scenes.map((scene, index) =>
    scene.image ? null : pictureEngineOf(timeline, scene, index, engines),
  );
  pictureEngines.forEach((choice, index) => {
    if (choice && 'problem' in choice) {
      issues.push({ path: ['scenes', index, 'imageEngine'], message: choice.problem });
    }
  });
  if (issues.length) throw new PlanError(issues);
  const voices = castVoices(timeline.cast, timeline.voice, timeline.language);

  const fps = preset.fps ?? timeline.fps;
  const { width, height } = preset;
  const toFrames = (sec: number) => Math.max(0, Math.round(sec * fps));
  const timing = {
    leadFrames: toFrames(TIMING.leadSec),
    tailFrames: toFrames(TIMING.tailSec),
    minFrames: Math.max(2, toFrames(TIMING.minSceneSec)),
    chunkFrames: Math.max(1, toFrames(TIMING.chunkSec)),
  };
  const burnCaptions = options.burnCaptions ?? false;
  const fixedFrames = timeline.scenes.map((s) =>
    s.durationSec === null ? null : Math.max(2, toFrames(s.durationSec)),
  );

  const transitions: TransitionPlan[] = timeline.scenes.slice(0, -1).map((scene, index) => {
    const next = timeline.scenes[index + 1]!;
    let frames = scene.transition === 'cut' ? 0 : toFrames(TIMING.transitionSec);
    // A set duration bounds the transitions on both its sides: a body keeps at least one frame.
    for (const fixed of [fixedFrames[index], fixedFrames[index + 1]]) {
      if (fixed != null) frames = Math.min(frames, Math.floor((fixed - 1) / 2));
    }
    return { index, fromSceneId: scene.id, toSceneId: next.id, kind: scene.transition, frames };
  });

  const scenes = timeline.scenes.map((scene, index): ScenePlan => {
    const pictureRequest: PictureRequest = pictureRequestOf(timeline, scene, scene.seed, {
      width,
      height,
    });
    const picture: ScenePlan['picture'] = scene.image
      ? {
          key: contentKey('picture-upload', {
            asset: scene.image,
            width,
            height,
            ffmpeg: engines.ffmpeg,
          }),
          source: 'upload',
          asset: scene.image,
        }
      : enginePicture(pictureRequest, pictureEngines[index] as PictureChoice);
    const narration = planNarration(scene.narration, timeline, voices, engines);
    const narrationText = narration ? spokenText(narration.parts.map((p) => p.request)) : '';
    const letteringRequest: LetteringRequest = {
      kicker: kickerFor(scene, timeline.language),
      title: scene.title,
      // The words said, never a speaker's name ("Nadia: …" shows as "…").
      narrationLine: burnCaptions ? '' : firstSentence(narrationText),
      stylePreset: timeline.stylePreset,
      language: timeline.language,
      accent: paletteFor(pictureRequest).accent,
      placement: burnCaptions ? 'upper' : 'lower',
      width,
      height,
    };
    const transitionInFrames = index > 0 ? transitions[index - 1]!.frames : 0;
    const transitionOutFrames = transitions[index]?.frames ?? 0;
    const partial = {
      fixedFrames: fixedFrames[index] ?? null,
      transitionInFrames,
      transitionOutFrames,
    };
    return {
      id: scene.id,
      index,
      picture,
      lettering: {
        key: contentKey('lettering', { version: engines.lettering, request: letteringRequest }),
        request: letteringRequest,
      },
      narration,
      ...partial,
      motion: scene.motion,
      estimatedFrames: sceneFrames(
        { ...partial, timing },
        narration ? estimateNarrationSec(narration) * fps : null,
      ),
      narrationText,
    };
  });

  const warnings = fallbackWarnings(scenes);
  warnings.push(
    ...scenes
      .filter((s) => s.fixedFrames !== null && s.narration)
      .filter(
        (s) =>
          estimateNarrationSec(s.narration!) * fps > narrationWindow(s, timing, s.fixedFrames!),
      )
      .map(
        (s) => `scene ${s.index + 1}: the narration may be longer than the set duration and be cut`,
      ),
  );

  return {
    planVersion: PLAN_VERSION,
    title: timeline.title,
    preset,
    width,
    height,
    fps,
    sampleRate: AUDIO_SAMPLE_RATE,
    timing,
    engines: {
      image: engines.image,
      voice: engines.voice,
      lettering: engines.lettering,
      ffmpeg: engines.ffmpeg,
    },
    stylePreset: timeline.stylePreset,
    burnCaptions,
    scenes,
    transitions,
    music: plannedMusic(timeline.music, timeline.scenes),
    warnings,
  };
}

function plannedMusic(
  music: MusicBed | null,
  scenes: readonly TimelineScene[],
): PlannedMusic | null {
  if (!music) return null;
  const mix = { volume: music.volume, duck: musicDucks(music) };
  if (!music.generated) return music.asset ? { asset: music.asset, ...mix } : null;
  const fallback = music.generated.mood ?? DEFAULT_MOOD;
  return {
    ...mix,
    generated: {
      request: music.generated,
      scenes: scenes.map((s) => ({ mood: soundtrackMoodOf(s.mood) ?? fallback, act: s.act })),
    },
  };
}

function kickerFor(scene: TimelineScene, language: Timeline['language']) {
  const act = `${language === 'fr' ? 'Acte' : 'Act'} ${scene.act}`;
  return [act, scene.location.trim()].filter(Boolean).join(' \u00b7 ');
}

/**
 * A scene's narration as voices' turns: dialogue lines of cast members in
 * their voices (names left out), the rest in the narrator's. A narration
 * with no dialogue keeps the one-request key it always had, so its cached
 * WAV stays valid.
 */
function planNarration(
  text: string,
  timeline: Timeline,
  voices: ReadonlyMap<string, Voice>,
  engines: EngineVersions,
): NarrationPlan | null {
  const speakers = timeline.cast.map((c) => ({ id: c.id, name: c.name }));
  const turns = splitNarration(text.trim(), speakers);
  // No dialogue: the narration as written, one request (its key and WAV as before voices).
  const only = turns.length === 1 && turns[0]!.speakerId === null ? turns[0] : undefined;
  if (only) only.text = text.trim();
  const parts = turns.map((part): NarrationPartPlan => {
    const voice = (part.speakerId && voices.get(part.speakerId)) || timeline.voice;
    const request: VoiceRequest = {
      text: part.text,
      voice: voice.voice,
      rate: voice.rate,
      pitch: voice.pitch,
    };
    // Checked by planRender: a voice without an engine never gets here.
    const engine = voiceEngineOf(voice, engines) as PlannedEngine;
    return {
      speaker: part.speaker,
      key: contentKey('narration', { engine: keyedEngine(engine), request }),
      request,
      engine,
    };
  });
  if (!parts.length) return null;
  const byDefault = parts.every((p) => p.engine!.model === undefined);
  const key =
    parts.length === 1 && parts[0]!.speaker === null
      ? parts[0]!.key
      : byDefault
        ? // The key scenes had before model voices: their joined WAVs stay valid.
          contentKey('narration-parts', {
            engine: engines.voice,
            pauseSec: SPEAKER_PAUSE_SEC,
            parts: parts.map((p) => p.request),
          })
        : // Each part's key names its engine, model and request.
          contentKey('narration-parts', {
            pauseSec: SPEAKER_PAUSE_SEC,
            parts: parts.map((p) => p.key),
          });
  return { key, pauseSec: SPEAKER_PAUSE_SEC, parts };
}

/**
 * What goes into a cache key for an engine: id and version as before issue
 * 14 for the defaults (their keys are unchanged), plus the model for
 * model-backed ones (the version names the model's files too).
 */
/**
 * A picture's content key: its engine (and model) and the exact request.
 * Renders and image-only jobs (variants) key through here, so a render of a
 * scene reuses the variant made at the same seed.
 */
export const pictureKey = (
  engine: Pick<PlannedEngine, 'id' | 'version' | 'model'>,
  request: PictureRequest,
) => contentKey('picture', { engine: keyedEngine(engine), request });

const keyedEngine = (engine: Pick<PlannedEngine, 'id' | 'version' | 'model'>) =>
  engine.model === undefined
    ? { id: engine.id, version: engine.version }
    : { id: engine.id, version: engine.version, model: engine.model };

/** The engine of a voice, or why no render node can speak it. */
function voiceEngineOf(voice: Voice, engines: EngineVersions): PlannedEngine | string {
  if (voice.engine === 'piper') {
    const key = engineKey('piper', voice.voice);
    return engines.models?.[key] ?? `no render node has the voice ${voice.voice}`;
  }
  if (voice.engine !== engines.voice.id) {
    return `voice engine ${voice.engine} is not available on this render node`;
  }
  return { key: engines.voice.id, ...engines.voice };
}

type PictureChoice = { engine: PlannedEngine; fallbackFrom?: EngineFallback };

/**
 * A drawn picture's engine: the scene's choice, else the project's, else
 * storyboard frames. A model no live node has falls back to storyboard
 * frames when the project allows it, and is a problem otherwise.
 */
function pictureEngineOf(
  timeline: Timeline,
  scene: TimelineScene,
  index: number,
  engines: EngineVersions,
): PictureChoice | { problem: string } {
  const procedural = { engine: { key: engines.image.id, ...engines.image } };
  const chosen = scene.imageEngine ?? timeline.imageEngine?.engine ?? 'procedural';
  if (chosen === 'procedural') return procedural;
  const model = timeline.imageEngine?.model;
  // A scene may ask for generated pictures in a storyboard project: the project's model draws them.
  if (model === undefined) {
    return {
      problem: `scene ${index + 1} asks for generated pictures but the project has no image model`,
    };
  }
  const planned = engines.models?.[engineKey('onnx', model)];
  if (planned) return { engine: planned };
  const reason = `no render node has the image model ${model}`;
  if (!timeline.imageEngine?.fallback) return { problem: reason };
  return { ...procedural, fallbackFrom: { engine: 'onnx', model, reason } };
}

function enginePicture(request: PictureRequest, choice: PictureChoice): ScenePlan['picture'] {
  return {
    key: pictureKey(choice.engine, request),
    source: 'engine',
    request,
    engine: choice.engine,
    ...(choice.fallbackFrom ? { fallbackFrom: choice.fallbackFrom } : {}),
  };
}

/** One warning per model that fell back, naming its scenes (1-based). */
function fallbackWarnings(scenes: readonly ScenePlan[]): string[] {
  const byReason = new Map<string, number[]>();
  for (const scene of scenes) {
    const reason =
      scene.picture.source === 'engine' ? scene.picture.fallbackFrom?.reason : undefined;
    if (reason) byReason.set(reason, [...(byReason.get(reason) ?? []), scene.index + 1]);
  }
  return [...byReason].map(
    ([reason, numbers]) =>
      `${reason}: scene${numbers.length > 1 ? 's' : ''} ${numbers.join(', ')} fell back to storyboard frames`,
  );
}

/** espeak-ng speaks about 175 words a minute at rate 1; turns are `pauseSec` apart. */
function estimateNarrationSec(narration: NarrationPlan) {
  const spoken = narration.parts.reduce((sum, { request }) => {
    const words = request.text.split(/\s+/).filter(Boolean).length;
    return sum + words / ((175 / 60) * request.rate);
  }, 0);
  return spoken + (narration.parts.length - 1) * narration.pauseSec + 0.3;
}

type SceneFrameInputs = Pick<
  ScenePlan,
  'fixedFrames' | 'transitionInFrames' | 'transitionOutFrames'
> & {
  timing: RenderPlan['timing'];
};

/**
 * A scene's frame count once its narration is known (`narrationFrames`:
 * its length in frames, fractional allowed; null for no narration).
 */
export function sceneFrames(scene: SceneFrameInputs, narrationFrames: number | null): number {
  const floor = scene.transitionInFrames + scene.transitionOutFrames + 1;
  if (scene.fixedFrames !== null) return Math.max(scene.fixedFrames, floor);
  const { leadFrames, tailFrames, minFrames } = scene.timing;
  // A scene with neither narration nor a set duration is refused by planning (render readiness).
  const spoken =
    narrationFrames === null
      ? minFrames
      : leadFrames + Math.ceil(narrationFrames - 1e-6) + tailFrames + scene.transitionOutFrames;
  return Math.max(spoken, minFrames, floor);
}

/** Frames of a scene in which its narration may sound: from its start until the next scene starts. */
function narrationWindow(
  scene: Pick<ScenePlan, 'transitionOutFrames'>,
  timing: RenderPlan['timing'],
  frames?: number,
) {
  const total = frames ?? Number.POSITIVE_INFINITY;
  return total - scene.transitionOutFrames - timing.leadFrames;
}

/** A scene body's chunks: equal parts of at most `chunkFrames` frames, in order. */
export function bodyChunks(
  body: { from: number; to: number },
  chunkFrames: number,
): { from: number; to: number }[] {
  const length = body.to - body.from;
  const count = Math.max(1, Math.ceil(length / chunkFrames));
  return Array.from({ length: count }, (_, i) => ({
    from: body.from + Math.round((i * length) / count),
    to: body.from + Math.round(((i + 1) * length) / count),
  }));
}

/** A rendered scene's timing, as renderScene reports it. */
export interface SceneTiming {
  sceneId: string;
  frames: number;
  /** The narration WAV's length; null for a silent scene. */
  narration: { samples: number; sampleRate: number } | null;
}

export interface SceneLayout {
  sceneId: string;
  index: number;
  /** First output frame of the scene (its incoming transition included). */
  startFrame: number;
  frames: number;
  /** The scene's own frames outside transitions: [from, to) in scene frames. */
  body: { from: number; to: number };
  /** Narration placement in output samples (at plan.sampleRate). */
  narration: { startSample: number; samples: number; truncated: boolean } | null;
}

export type Piece =
  | { kind: 'body'; sceneIndex: number; chunk: number; frames: number }
  | { kind: 'transition'; transitionIndex: number; frames: number };

export interface RenderLayout {
  totalFrames: number;
  durationSec: number;
  totalSamples: number;
  scenes: SceneLayout[];
  /** The output in order; their frames sum to totalFrames. */
  pieces: Piece[];
}

/** Lays the rendered scenes out on the output timeline (pure). */
export function layoutRender(plan: RenderPlan, timings: readonly SceneTiming[]): RenderLayout {
  const byId = new Map(timings.map((t) => [t.sceneId, t]));
  const samplesPerFrame = plan.sampleRate / plan.fps;
  let start = 0;
  const scenes: SceneLayout[] = [];
  const pieces: Piece[] = [];
  for (const scene of plan.scenes) {
    const timing = byId.get(scene.id);
    if (!timing) throw new Error(`scene ${scene.id} has not been rendered`);
    const frames = timing.frames;
    const body = { from: scene.transitionInFrames, to: frames - scene.transitionOutFrames };
    if (body.to <= body.from) throw new Error(`scene ${scene.id} is shorter than its transitions`);
    let narration: SceneLayout['narration'] = null;
    if (timing.narration) {
      const startFrame = start + plan.timing.leadFrames;
      const full = Math.round(
        (timing.narration.samples * plan.sampleRate) / timing.narration.sampleRate,
      );
      const window = Math.round(narrationWindow(scene, plan.timing, frames) * samplesPerFrame);
      narration = {
        startSample: Math.round(startFrame * samplesPerFrame),
        samples: Math.min(full, window),
        truncated: full > window,
      };
    }
    scenes.push({
      sceneId: scene.id,
      index: scene.index,
      startFrame: start,
      frames,
      body,
      narration,
    });
    bodyChunks(body, plan.timing.chunkFrames).forEach((range, chunk) =>
      pieces.push({ kind: 'body', sceneIndex: scene.index, chunk, frames: range.to - range.from }),
    );
    const out = plan.transitions[scene.index];
    if (out && out.frames > 0) {
      pieces.push({ kind: 'transition', transitionIndex: out.index, frames: out.frames });
    }
    start += frames - scene.transitionOutFrames;
  }
  const totalFrames = start;
  return {
    totalFrames,
    durationSec: totalFrames / plan.fps,
    totalSamples: Math.round(totalFrames * samplesPerFrame),
    scenes,
    pieces,
  };
}

/**
 * Seconds the video lasts after its last narration ends (the narration as
 * placed, its voice's trailing pause included); the whole video when nothing
 * is spoken.
 */
export function trailingSilenceSec(plan: RenderPlan, layout: RenderLayout): number {
  const lastSpoken = layout.scenes.findLast((s) => s.narration !== null)?.narration;
  const end = lastSpoken ? lastSpoken.startSample + lastSpoken.samples : 0;
  return Math.max(0, layout.totalSamples - end) / plan.sampleRate;
}

/**
 * A warning when the video ends on more than `maxTrailingSilenceSec` without
 * narration: only a set duration can cause it, and it is kept (the person
 * asked for it), so the warning says which scene to shorten or set to auto.
 */
export function trailingSilenceWarning(plan: RenderPlan, layout: RenderLayout): string | null {
  const silence = trailingSilenceSec(plan, layout);
  if (silence <= TIMING.maxTrailingSilenceSec) return null;
  const fixed = plan.scenes.findLast((s) => s.fixedFrames !== null);
  const which = fixed ? `scene ${fixed.index + 1}'s set duration` : 'the set durations';
  return `the video ends on ${silence.toFixed(1)} s without narration (${which}; set it to auto to end with the words)`;
}

/** Weights for the progress tracker, in frame-equivalents of encoding work. */
export function progressUnits(plan: RenderPlan): ProgressUnit[] {
  const total = plan.scenes.reduce((sum, s) => sum + s.estimatedFrames, 0);
  const units: ProgressUnit[] = [{ stage: 'plan', sceneId: null, weight: 1 }];
  for (const scene of plan.scenes) {
    units.push(
      { stage: 'image', sceneId: scene.id, weight: 20 },
      { stage: 'narration', sceneId: scene.id, weight: scene.narration ? 8 : 0.5 },
      { stage: 'segment', sceneId: scene.id, weight: scene.estimatedFrames + 5 },
    );
  }
  for (const t of plan.transitions) {
    if (t.frames > 0)
      units.push({ stage: 'transition', sceneId: t.fromSceneId, weight: t.frames * 2 + 5 });
  }
  units.push(
    { stage: 'audio', sceneId: null, weight: total * 0.04 + 10 },
    { stage: 'captions', sceneId: null, weight: 1 },
    { stage: 'assemble', sceneId: null, weight: total * 0.02 + plan.scenes.length * 3 + 5 },
    { stage: 'publish', sceneId: null, weight: 1 },
  );
  return units;
}
