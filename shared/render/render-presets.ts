import { ASPECTS, type Aspect } from '../timeline.ts';

/**
 * Render presets: the output size and encoding of a render. Pure data: the
 * server lists them, the UI offers them, the render node plans with them.
 * Frame rate comes from the timeline unless a preset pins it (tests do, to
 * keep renders tiny).
 */

export const RENDER_PRESET_IDS = ['1080p', '720p-draft'] as const;
export type RenderPresetId = (typeof RENDER_PRESET_IDS)[number];

export interface VideoEncoding {
  codec: 'h264';
  /** x264 speed preset. */
  x264Preset: 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium';
  crf: number;
  profile: 'high';
  /** H.264 level, fixed so every segment carries the same parameter sets. */
  level: '4.0' | '4.1' | '4.2';
  /** Keyframe interval in seconds. */
  keyframeSec: number;
}

export interface AudioEncoding {
  codec: 'aac';
  sampleRate: 48000;
  /** kb/s for a narration-only (mono) mix; a music bed makes the mix stereo. */
  monoKbps: number;
  stereoKbps: number;
  /** Integrated loudness target (EBU R128), LUFS. */
  loudnessLufs: number;
  /** Sample-peak ceiling after normalisation, dBFS. */
  peakDb: number;
}

export interface RenderPreset {
  /** A preset id, or any other string for a custom preset (tests). */
  id: string;
  label: string;
  aspect: Aspect;
  width: number;
  height: number;
  /** null: use the timeline's fps. */
  fps: number | null;
  video: VideoEncoding;
  audio: AudioEncoding;
}

const AUDIO: AudioEncoding = {
  codec: 'aac',
  sampleRate: 48000,
  monoKbps: 96,
  stereoKbps: 160,
  loudnessLufs: -16,
  peakDb: -1.5,
};

/** [width, height] in pixels per preset and aspect. */
const SIZES: Record<RenderPresetId, Record<Aspect, [number, number]>> = {
  '1080p': { '16:9': [1920, 1080], '9:16': [1080, 1920], '1:1': [1080, 1080], '4:5': [1080, 1350] },
  '720p-draft': { '16:9': [1280, 720], '9:16': [720, 1280], '1:1': [720, 720], '4:5': [720, 900] },
};

const VIDEO: Record<RenderPresetId, VideoEncoding> = {
  '1080p': {
    codec: 'h264',
    x264Preset: 'veryfast',
    crf: 20,
    profile: 'high',
    level: '4.2',
    keyframeSec: 2,
  },
  '720p-draft': {
    codec: 'h264',
    x264Preset: 'superfast',
    crf: 24,
    profile: 'high',
    level: '4.2',
    keyframeSec: 2,
  },
};

const LABELS: Record<RenderPresetId, string> = {
  '1080p': '1080p',
  '720p-draft': '720p draft',
};

export const isRenderPresetId = (value: string): value is RenderPresetId =>
  (RENDER_PRESET_IDS as readonly string[]).includes(value);

/** The preset for an id and the project's aspect ratio. */
export function renderPreset(id: RenderPresetId, aspect: Aspect): RenderPreset {
  const [width, height] = SIZES[id][aspect];
  return {
    id,
    label: `${LABELS[id]} ${aspect}`,
    aspect,
    width,
    height,
    fps: null,
    video: VIDEO[id],
    audio: AUDIO,
  };
}

/** Every preset, for pickers. */
export function listRenderPresets(): RenderPreset[] {
  return RENDER_PRESET_IDS.flatMap((id) => ASPECTS.map((aspect) => renderPreset(id, aspect)));
}

/**
 * A custom preset (tests, previews) derived from a named one. Throws on
 * sizes H.264 4:2:0 cannot encode, naming the field.
 */
export function customPreset(
  base: RenderPreset,
  overrides: { id: string; width: number; height: number; fps?: number | null },
): RenderPreset {
  const preset: RenderPreset = {
    ...base,
    id: overrides.id,
    label: overrides.id,
    width: overrides.width,
    height: overrides.height,
    fps: overrides.fps ?? base.fps,
  };
  const problems = presetProblems(preset);
  if (problems.length) throw new Error(`Invalid preset: ${problems.join('; ')}`);
  return preset;
}

/** Validation of a preset, one message per bad field (empty when valid). */
export function presetProblems(preset: RenderPreset): string[] {
  const problems: string[] = [];
  for (const field of ['width', 'height'] as const) {
    const v = preset[field];
    if (!Number.isInteger(v) || v < 16 || v > 4096 || v % 2 !== 0) {
      problems.push(`${field} must be an even integer between 16 and 4096`);
    }
  }
  if (preset.fps !== null && (!Number.isInteger(preset.fps) || preset.fps < 1 || preset.fps > 60)) {
    problems.push('fps must be an integer between 1 and 60');
  }
  if (preset.video.crf < 0 || preset.video.crf > 51) problems.push('video.crf must be 0..51');
  return problems;
}
