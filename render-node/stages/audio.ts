import { contentKey } from '../../shared/content-key.ts';
import type { ArtifactRef } from '../../shared/render/render-events.ts';
import { chain, filter, graph } from '../../shared/node/ffmpeg/filter-graph.ts';
import { runFfmpeg, type FfmpegInput } from '../../shared/node/ffmpeg/run-ffmpeg.ts';
import { userAudioInput } from '../../shared/node/ffmpeg/user-media.ts';
import { DEFAULT_MOOD, soundtrackSpec } from '../../shared/music/soundtrack-spec.ts';
import { soundtrackKey, type SoundtrackSpec } from '../../shared/music/soundtrack.ts';
import { makeSoundtrack } from '../engines/music/make-soundtrack.ts';
import type { RenderContext } from '../render-context.ts';
import type { GeneratedMusic, RenderLayout, RenderPlan, UploadedMusic } from './plan.ts';

/**
 * The audio bed: every narration at its planned sample, an optional music
 * bed (an uploaded asset, looped, or a generated soundtrack composed for the
 * render's length, at its volume, and unless turned off ducked
 * under the narration by a sidechain compressor), normalised to the preset's loudness (about −16 LUFS for the
 * web), exactly as long as the video. Two ffmpeg passes: measure the
 * integrated loudness (EBU R128), then apply one linear gain with a peak
 * limiter and encode AAC.
 */

export const AUDIO_VERSION = 1;
/** The bed is on every render's critical path (the mux waits for it): it goes before queued pieces. */
const CRITICAL_PATH = 1;
/** A cut narration fades out instead of clicking. */
const CUT_FADE_SEC = 0.12;

export interface AudioNarration {
  hash: string;
  startSample: number;
  samples: number;
  truncated: boolean;
}

export interface AudioBedSpec {
  narrations: AudioNarration[];
  /** Its volume and ducking are part of the spec, so of the audio's content key. */
  music: BedMusic | null;
  totalSamples: number;
}

/**
 * The bed's music: an upload as planned, or a generated soundtrack whose
 * spec is fitted to this render (its `asset` is then the soundtrack's key).
 */
export type BedMusic =
  | UploadedMusic
  | (Omit<GeneratedMusic, 'generated'> & { asset: string; soundtrack: SoundtrackSpec });

export function audioBedSpec(
  plan: RenderPlan,
  layout: RenderLayout,
  narrationHashes: ReadonlyMap<string, string>,
): AudioBedSpec {
  const narrations = layout.scenes.flatMap((scene) => {
    const hash = narrationHashes.get(scene.sceneId);
    if (!scene.narration || !hash) return [];
    return [{ hash, ...scene.narration }];
  });
  return { narrations, music: bedMusic(plan, layout), totalSamples: layout.totalSamples };
}

/**
 * The music as this render plays it (pure). A generated soundtrack is
 * composed for the render's exact length and, following the story, for its
 * scenes as laid out: each scene until the middle of the transition into the
 * next.
 */
export function bedMusic(plan: RenderPlan, layout: RenderLayout): BedMusic | null {
  if (!plan.music) return null;
  if (!plan.music.generated) return plan.music;
  const { generated, ...music } = plan.music;
  const durationSec = layout.totalSamples / plan.sampleRate;
  const bounds = layout.scenes.map((scene, i) =>
    i === 0 ? 0 : scene.startFrame + scene.body.from / 2,
  );
  const scenes = generated.request.followStory
    ? layout.scenes.map((_, i) => ({
        durationSec: ((bounds[i + 1] ?? layout.totalFrames) - bounds[i]!) / plan.fps,
        mood: generated.scenes[i]?.mood ?? generated.request.mood ?? DEFAULT_MOOD,
        act: generated.scenes[i]?.act ?? 1,
      }))
    : null;
  const soundtrack = soundtrackSpec({ request: generated.request, durationSec, scenes });
  return { ...music, asset: soundtrackKey(soundtrack), soundtrack };
}

export function audioKey(plan: RenderPlan, spec: AudioBedSpec) {
  return contentKey('audio', {
    version: AUDIO_VERSION,
    spec,
    sampleRate: plan.sampleRate,
    encoding: plan.preset.audio,
    ffmpeg: plan.engines.ffmpeg,
  });
}

/** The mixing graph ending in `[mix]`, and its inputs (pure). */
export function audioMixGraph(
  plan: RenderPlan,
  spec: AudioBedSpec,
  paths: { narration: (hash: string) => string; music: FfmpegInput | null },
): { inputs: FfmpegInput[]; chains: string[]; channels: 1 | 2 } {
  const rate = plan.sampleRate;
  const total = spec.totalSamples;
  const inputs: FfmpegInput[] = [];
  const chains: string[] = [];
  const voices: string[] = [];
  for (const [i, narration] of spec.narrations.entries()) {
    inputs.push({ path: paths.narration(narration.hash) });
    const fade = narration.truncated
      ? [
          filter('afade', {
            t: 'out',
            st: (narration.samples / rate - CUT_FADE_SEC).toFixed(4),
            d: CUT_FADE_SEC,
          }),
        ]
      : [];
    chains.push(
      chain(
        [`${i}:a`],
        [
          filter('aresample', { osr: rate }),
          filter('aformat', { sample_fmts: 'fltp', channel_layouts: 'mono' }),
          filter('atrim', { end_sample: narration.samples }),
          ...fade,
          filter('adelay', { delays: `${narration.startSample}S`, all: 1 }),
        ],
        [`n${i}`],
      ),
    );
    voices.push(`n${i}`);
  }
  const exactLength = [
    filter('apad', { whole_len: total }),
    filter('atrim', { end_sample: total }),
  ];
  if (voices.length === 0) {
    // Silence still needs an input: ffmpeg wants one, and the bed must exist.
    inputs.push({ path: `anullsrc=r=${rate}:cl=mono`, options: ['-f', 'lavfi'] });
    chains.push(chain([`${inputs.length - 1}:a`], exactLength, ['voice']));
  } else {
    chains.push(
      chain(
        voices,
        [
          filter('amix', { inputs: voices.length, normalize: 0, duration: 'longest' }),
          ...exactLength,
        ],
        ['voice'],
      ),
    );
  }
  if (!spec.music || !paths.music) {
    chains.push(chain(['voice'], [filter('anull')], ['mix']));
    return { inputs, chains, channels: 1 };
  }
  inputs.push({
    path: paths.music.path,
    options: ['-stream_loop', '-1', ...(paths.music.options ?? [])],
  });
  const m = inputs.length - 1;
  chains.push(
    chain(
      [`${m}:a`],
      [
        filter('aresample', { osr: rate }),
        filter('aformat', { sample_fmts: 'fltp', channel_layouts: 'stereo' }),
        filter('volume', { volume: spec.music.volume.toFixed(3) }),
        ...exactLength,
      ],
      ['music'],
    ),
  );
  let bed = 'music';
  let voice = 'voice';
  if (spec.music.duck) {
    chains.push(
      chain(['voice'], [filter('asplit', { outputs: 2 })], ['voice_out', 'voice_key']),
      // Ducking: the narration drives a compressor on the music (about −15 dB while someone speaks).
      chain(
        ['music', 'voice_key'],
        [filter('sidechaincompress', { threshold: 0.012, ratio: 8, attack: 20, release: 450 })],
        ['ducked'],
      ),
    );
    bed = 'ducked';
    voice = 'voice_out';
  }
  chains.push(
    chain([voice], [filter('aformat', { channel_layouts: 'stereo' })], ['voice_stereo']),
    chain(
      ['voice_stereo', bed],
      [filter('amix', { inputs: 2, normalize: 0, duration: 'first' })],
      ['mix'],
    ),
  );
  return { inputs, chains, channels: 2 };
}

/** The integrated loudness from ebur128's summary, or null for silence. */
export function parseIntegratedLoudness(stderr: string): number | null {
  const matches = [...stderr.matchAll(/I:\s+(-?[\d.]+|-inf) LUFS/g)];
  const last = matches.at(-1)?.[1];
  if (!last || last === '-inf') return null;
  const value = Number(last);
  // ebur128 reports −70 LUFS (its gate) for silence: nothing to normalise.
  return Number.isFinite(value) && value > -69 ? value : null;
}

/** The gain that brings `measured` to `target`, bounded so noise is never blown up. */
export function normalisingGainDb(measured: number | null, target: number): number {
  if (measured === null) return 0;
  return Math.max(-20, Math.min(24, target - measured));
}

export async function makeAudioBed(
  plan: RenderPlan,
  spec: AudioBedSpec,
  ctx: RenderContext,
  onFraction: (fraction: number) => void,
): Promise<ArtifactRef> {
  const hash = audioKey(plan, spec);
  const made = await ctx.store.produce(
    hash,
    'm4a',
    async (temp) => {
      const music = !spec.music
        ? null
        : 'soundtrack' in spec.music
          ? (
              await makeSoundtrack(spec.music.soundtrack, ctx.store, ctx.engines.music, {
                signal: ctx.signal,
              })
            ).path
          : await ctx.store.locate(spec.music.asset);
      if (spec.music && !music) {
        throw new Error(`the music asset ${spec.music.asset} is not in the media store`);
      }
      const mix = audioMixGraph(plan, spec, {
        narration: (h) => ctx.store.pathFor(h, 'wav'),
        // An upload: opened with the demuxer its bytes call for, never ffmpeg's guess.
        music: music ? await userAudioInput(music) : null,
      });
      const seconds = spec.totalSamples / plan.sampleRate;
      const audio = plan.preset.audio;

      const measured = await runFfmpeg({
        inputs: mix.inputs,
        filterGraph: graph([
          ...mix.chains,
          chain(['mix'], [filter('ebur128', { framelog: 'verbose' })], ['out']),
        ]),
        outputOptions: ['-map', '[out]'],
        output: null,
        logLevel: 'info',
        expected: { seconds },
        signal: ctx.signal,
        priority: CRITICAL_PATH,
        onProgress: (f) => onFraction(f * 0.3),
      });
      const gainDb = normalisingGainDb(
        parseIntegratedLoudness(measured.stderr),
        audio.loudnessLufs,
      );

      await runFfmpeg({
        inputs: mix.inputs,
        filterGraph: graph([
          ...mix.chains,
          chain(
            ['mix'],
            [
              filter('volume', { volume: `${gainDb.toFixed(2)}dB` }),
              filter('alimiter', {
                limit: (10 ** (audio.peakDb / 20)).toFixed(4),
                level: 0,
                latency: 1,
              }),
              filter('apad', { whole_len: spec.totalSamples }),
              filter('atrim', { end_sample: spec.totalSamples }),
            ],
            ['out'],
          ),
        ]),
        outputOptions: [
          ['-map', '[out]'],
          ['-c:a', 'aac'],
          // The fast coder is about twice as fast as the default, audibly the same for speech.
          ['-aac_coder', 'fast'],
          ['-b:a', `${mix.channels === 1 ? audio.monoKbps : audio.stereoKbps}k`],
          ['-ar', String(plan.sampleRate)],
          ['-ac', String(mix.channels)],
          ['-map_metadata', '-1'],
        ].flat(),
        output: temp,
        expected: { seconds },
        signal: ctx.signal,
        priority: CRITICAL_PATH,
        onProgress: (f) => onFraction(0.3 + f * 0.7),
      });
    },
    { signal: ctx.signal },
  );
  return { kind: 'audio', hash, ext: 'm4a', cached: made.hit };
}
