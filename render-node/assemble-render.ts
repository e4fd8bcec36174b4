import type { ArtifactRef, RenderStage } from '../shared/render/render-events.ts';
import type { SceneDepiction } from '../shared/render/depiction.ts';
import type { RenderOutput, SceneEngineRecord } from '../shared/render/render-output.ts';
import { narrationFingerprint } from '../shared/scene-duration.ts';
import type { ImageEngine } from './engines/image/engine.ts';
import { assertEnginesMatch } from './engines/load-engines.ts';
import type { RenderContext } from './render-context.ts';
import { inStage } from './render-error.ts';
import type { SceneRender } from './render-scene.ts';
import { runBoth, runLimited } from './run-limited.ts';
import { concatAndMux, makeStill, type PieceRef } from './stages/assemble.ts';
import { audioBedSpec, makeAudioBed, type AudioBedSpec } from './stages/audio.ts';
import { soundtrackRecordKey } from '../shared/music/soundtrack-spec.ts';
import { makeCaptions, renderCues } from './stages/captions.ts';
import {
  layoutRender,
  trailingSilenceWarning,
  type PlannedEngine,
  type RenderPlan,
} from './stages/plan.ts';
import { sceneLayerSpec } from './stages/scene-layer.ts';
import { makeTransition } from './stages/transition.ts';

/**
 * Everything after the scenes: transitions, the audio bed, captions, the
 * stream-copy concat and mux, the poster and thumbnails. Returns the output
 * hashes; every artifact is already in the store (published) when it
 * returns. Plain JSON in and out, like renderScene.
 */

export interface AssembleJob {
  plan: RenderPlan;
  scenes: readonly SceneRender[];
}

export async function assembleRender(job: AssembleJob, ctx: RenderContext): Promise<RenderOutput> {
  const { plan } = job;
  const { signal } = ctx;
  const report = (
    stage: RenderStage,
    sceneId: string | null,
    fraction: number,
    cached?: boolean,
  ) => {
    if (!signal.aborted) ctx.onProgress?.({ stage, sceneId, fraction, cached });
  };
  const { scenes, layout } = await inStage('assemble', null, signal, async () => {
    assertEnginesMatch(plan, ctx.engines);
    const byId = new Map(job.scenes.map((s) => [s.sceneId, s]));
    const ordered = plan.scenes.map((s) => {
      const rendered = byId.get(s.id);
      if (!rendered) throw new Error(`scene ${s.id} has not been rendered`);
      return rendered;
    });
    return { scenes: ordered, layout: layoutRender(plan, ordered) };
  });
  const specs = scenes.map((s, index) =>
    sceneLayerSpec(plan, index, {
      picture: s.artifacts.picture.hash,
      lettering: s.artifacts.lettering.hash,
      frames: s.frames,
      narration: s.narration,
    }),
  );

  const limit = ctx.concurrency ?? 4;
  const narrations = new Map(scenes.map((s) => [s.sceneId, s.narration]));
  const captions = await inStage('captions', null, signal, () =>
    makeCaptions(renderCues(plan, layout, narrations), ctx),
  );
  report('captions', null, 1, captions.vtt.cached && captions.srt.cached);

  const narrationHashes = new Map(
    scenes.flatMap((s) => (s.artifacts.narration ? [[s.sceneId, s.artifacts.narration.hash]] : [])),
  );
  const bedSpec = audioBedSpec(plan, layout, narrationHashes);
  const makeAudio = (taskSignal: AbortSignal) =>
    inStage('audio', null, taskSignal, async () => {
      const made = await makeAudioBed(plan, bedSpec, { ...ctx, signal: taskSignal }, (f) =>
        report('audio', null, f),
      );
      report('audio', null, 1, made.cached);
      return made;
    });
  const transitionTasks = plan.transitions
    .filter((t) => t.frames > 0)
    .map(
      (t) => (taskSignal: AbortSignal) =>
        inStage('transition', t.fromSceneId, taskSignal, async () => {
          const made = await makeTransition(
            plan,
            t,
            specs[t.index]!,
            specs[t.index + 1]!,
            { ...ctx, signal: taskSignal },
            (f) => report('transition', t.fromSceneId, f),
          );
          report('transition', t.fromSceneId, 1, made.cached);
          return { index: t.index, made };
        }),
    );

  /** The video: transitions and the audio bed, then the stream-copy concat and mux. */
  const makeVideo = async (taskSignal: AbortSignal) => {
    const [audio, madeTransitions] = await runBoth(taskSignal, makeAudio, (s) =>
      runLimited(transitionTasks, limit, s),
    );
    const transitions = new Map(madeTransitions.map((t) => [t.index, t.made]));
    const pieces: PieceRef[] = layout.pieces.map((piece) =>
      piece.kind === 'body'
        ? {
            hash: scenes[piece.sceneIndex]!.artifacts.segments[piece.chunk]!.hash,
            frames: piece.frames,
          }
        : { hash: transitions.get(piece.transitionIndex)!.hash, frames: piece.frames },
    );
    const video = await inStage('assemble', null, taskSignal, () =>
      concatAndMux(plan, pieces, audio, { ...ctx, signal: taskSignal }, (f) =>
        report('assemble', null, 0.3 + f * 0.7),
      ),
    );
    return { audio, video, transitions: madeTransitions.map((t) => t.made) };
  };

  /** Stills: nobody waits for them to watch the video, so they queue behind it. */
  let stillsDone = 0;
  const makeStills = (taskSignal: AbortSignal) =>
    runLimited(
      scenes.map(
        (s, index) => (stillSignal: AbortSignal) =>
          inStage('assemble', s.sceneId, stillSignal, async () => {
            const images = { picture: s.artifacts.picture, lettering: s.artifacts.lettering };
            const stillCtx = { ...ctx, signal: stillSignal };
            const thumbnail = await makeStill(plan, images, 'thumbnail', stillCtx);
            const poster = index === 0 ? await makeStill(plan, images, 'poster', stillCtx) : null;
            report('assemble', null, (++stillsDone / scenes.length) * 0.3);
            return { sceneId: s.sceneId, thumbnail, poster };
          }),
      ),
      limit,
      taskSignal,
    );

  // Everything is queued at once: the process slots decide what runs (critical path first).
  const [media, stills] = await runBoth(signal, makeVideo, makeStills);
  report('assemble', null, 1, media.video.cached);

  const { audio: audioBed, video, transitions } = media;
  const thumbnails = stills.map(({ sceneId, thumbnail }) => ({ sceneId, thumbnail }));
  const poster = stills[0]!.poster!;
  const sceneArtifacts = scenes.flatMap((s) =>
    [
      s.artifacts.picture,
      s.artifacts.lettering,
      s.artifacts.narration,
      ...s.artifacts.segments,
    ].filter((a): a is ArtifactRef => a !== null),
  );
  const output: RenderOutput = {
    video,
    poster,
    thumbnails,
    captions: { vtt: captions.vtt, srt: captions.srt },
    audio: audioBed,
    transitions,
    frames: layout.totalFrames,
    fps: plan.fps,
    width: plan.width,
    height: plan.height,
    durationSec: layout.durationSec,
    chapters: layout.scenes.map((s) => ({ sceneId: s.sceneId, startSec: s.startFrame / plan.fps })),
    depictions: depictionsOf(plan, ctx.engines.image),
    engines: sceneEngineRecords(plan),
    warnings: [
      ...plan.warnings,
      ...layout.scenes
        .filter((s) => s.narration?.truncated)
        .map(
          (s) =>
            `scene ${s.index + 1}: the narration was cut at the end of the scene's set duration`,
        ),
      ...[trailingSilenceWarning(plan, layout)].filter((w) => w !== null),
    ],
    narrationSec: measuredNarrations(plan, scenes),
    referenced: [
      ...new Set(
        [
          ...sceneArtifacts,
          video,
          poster,
          audioBed,
          captions.vtt,
          captions.srt,
          ...transitions,
          ...thumbnails.map((t) => t.thumbnail),
        ]
          .map((a) => a.hash)
          .concat(uploadedAssets(plan), soundtrackArtifacts(bedSpec), narrationParts(plan)),
      ),
    ],
  };
  report('publish', null, 1);
  return output;
}

/**
 * Each spoken scene's measured narration, with the fingerprint of the text it
 * spoke: the editor shows it instead of its estimate until the text changes.
 */
function measuredNarrations(
  plan: RenderPlan,
  scenes: readonly SceneRender[],
): NonNullable<RenderOutput['narrationSec']> {
  return plan.scenes.flatMap((planned, index) => {
    const narration = scenes[index]!.narration;
    if (!narration) return [];
    return [
      {
        sceneId: planned.id,
        sec: narration.samples / narration.sampleRate,
        fingerprint: narrationFingerprint(planned.narrationText),
      },
    ];
  });
}

/** A generated soundtrack the bed was mixed from, and its record: referenced like narration. */
function soundtrackArtifacts(spec: AudioBedSpec): string[] {
  if (!spec.music || !('soundtrack' in spec.music)) return [];
  return [spec.music.asset, soundtrackRecordKey(spec.music.asset)];
}

/**
 * Each voice's turn of every scene: the joined narration is made from them,
 * and each has its record (ADR 0041), readable by the render's members.
 */
function narrationParts(plan: RenderPlan): string[] {
  return plan.scenes.flatMap((s) => s.narration?.parts.map((p) => p.key) ?? []);
}

/** Uploads the render reads (music, uploaded pictures): referenced too. */
function uploadedAssets(plan: RenderPlan): string[] {
  const pictures = plan.scenes.flatMap((s) =>
    s.picture.source === 'upload' ? [s.picture.asset] : [],
  );
  const music = plan.music && !plan.music.generated ? [plan.music.asset] : [];
  return [...pictures, ...music];
}

/**
 * What each engine-drawn picture shows, computed beside the picture from the
 * same request by the same engine version (assertEnginesMatch), so it is
 * what the frames show even when the picture came from the cache.
 */
function depictionsOf(plan: RenderPlan, engine: ImageEngine): SceneDepiction[] {
  return plan.scenes.flatMap((s) => {
    // Only pictures this engine (this version) drew: a model's picture depicts what it depicts.
    const drawnBy = s.picture.source === 'engine' ? (s.picture.engine ?? plan.engines.image) : null;
    const depiction =
      s.picture.source === 'engine' &&
      drawnBy?.id === engine.id &&
      drawnBy.version === engine.version
        ? engine.depict?.(s.picture.request)
        : undefined;
    return depiction ? [{ sceneId: s.id, depiction }] : [];
  });
}

/** Which engine (and model) made each scene's picture and narration, and any fallback. */
export function sceneEngineRecords(plan: RenderPlan): SceneEngineRecord[] {
  const made = (engine: PlannedEngine) => ({
    engine: engine.id,
    version: engine.version,
    ...(engine.model === undefined ? {} : { model: engine.model }),
  });
  return plan.scenes.map((s) => ({
    sceneId: s.id,
    picture:
      s.picture.source === 'upload'
        ? null
        : {
            ...made(s.picture.engine ?? { key: plan.engines.image.id, ...plan.engines.image }),
            ...(s.picture.fallbackFrom ? { fallbackFrom: s.picture.fallbackFrom } : {}),
          },
    narration: (s.narration?.parts ?? []).map((part) => ({
      speaker: part.speaker,
      ...made(part.engine ?? { key: plan.engines.voice.id, ...plan.engines.voice }),
    })),
  }));
}
