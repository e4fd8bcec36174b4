import { writeFile } from 'node:fs/promises';
import { contentKey } from '../../shared/content-key.ts';
import type { ArtifactRef } from '../../shared/render/render-events.ts';
import { letterboxHeight } from '../engines/image/lettering.ts';
import type { RenderContext } from '../render-context.ts';
import { allSettled } from '../run-limited.ts';
import type { RenderLayout, RenderPlan } from './plan.ts';

/**
 * Captions from narration and timing: cues per scene (sentences, at most
 * two lines of 42 characters, timed by their length across each voice's
 * measured turn), written as WebVTT and SRT, and as ASS for burning into
 * the picture. Dialogue is shown as dialogue: the speaker is markup (a
 * WebVTT voice span, a coloured em-dash in SRT, a style per speaker in
 * ASS), never words of the cue. The cues of a scene depend only on that
 * scene, so burned-in captions can be drawn per segment.
 */

export const CAPTIONS_VERSION = 2;
const LINE_CHARS = 42;
const CUE_CHARS = LINE_CHARS * 2;

export interface CaptionCue {
  startSec: number;
  endSec: number;
  /** Lines separated by '\n'. */
  text: string;
  /** The character speaking it; absent: the narrator. */
  speaker?: string;
}

/** A scene's measured narration: its length, and each voice's turn in it (plan order). */
export interface MeasuredNarration {
  samples: number;
  sampleRate: number;
  parts?: readonly { startSec: number; endSec: number }[];
}

/** Cues for one narration spoken from `startSec` for `spokenSec`, clipped at `untilSec`. */
export function narrationCues(
  text: string,
  startSec: number,
  spokenSec: number,
  untilSec = Number.POSITIVE_INFINITY,
): CaptionCue[] {
  const chunks = splitIntoCues(text);
  const weight = chunks.reduce((sum, c) => sum + c.length + 8, 0);
  const cues: CaptionCue[] = [];
  let at = startSec;
  for (const chunk of chunks) {
    const length = (spokenSec * (chunk.length + 8)) / weight;
    const cue = { startSec: at, endSec: Math.min(at + length, untilSec), text: breakLines(chunk) };
    if (cue.endSec - cue.startSec > 0.05) cues.push(cue);
    at += length;
  }
  return cues;
}

/**
 * The cues of a scene in scene time (0 = the scene's first frame), as
 * burned into its frames and, shifted, written into the caption files.
 */
export function sceneCues(
  plan: RenderPlan,
  sceneIndex: number,
  frames: number,
  narration: MeasuredNarration | null,
): CaptionCue[] {
  const scene = plan.scenes[sceneIndex]!;
  const parts = scene.narration?.parts ?? [];
  if (!narration || !parts.length) return [];
  const startSec = plan.timing.leadFrames / plan.fps;
  const untilSec = (frames - scene.transitionOutFrames) / plan.fps;
  const spans = narration.parts;
  if (spans?.length !== parts.length) {
    // Measured without turns (an older scene render): the words across the whole narration.
    return narrationCues(
      scene.narrationText,
      startSec,
      narration.samples / narration.sampleRate,
      untilSec,
    );
  }
  return parts.flatMap((part, i) => {
    const span = spans[i]!;
    const cues = narrationCues(
      part.request.text,
      startSec + span.startSec,
      span.endSec - span.startSec,
      untilSec,
    );
    return part.speaker === null ? cues : cues.map((c) => ({ ...c, speaker: part.speaker! }));
  });
}

/** Every cue of the render on the output timeline. */
export function renderCues(
  plan: RenderPlan,
  layout: RenderLayout,
  narrations: ReadonlyMap<string, MeasuredNarration | null>,
): CaptionCue[] {
  return layout.scenes.flatMap((scene) => {
    const offset = scene.startFrame / plan.fps;
    return sceneCues(plan, scene.index, scene.frames, narrations.get(scene.sceneId) ?? null).map(
      (cue) => ({ ...cue, startSec: cue.startSec + offset, endSec: cue.endSec + offset }),
    );
  });
}

/** Sentences, long ones split at punctuation or words, each at most two caption lines. */
export function splitIntoCues(text: string): string[] {
  const sentences = text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?\u2026])\s+/)
    .filter(Boolean);
  const cues: string[] = [];
  for (const sentence of sentences) {
    let rest = sentence;
    while (rest.length > CUE_CHARS) {
      const window = rest.slice(0, CUE_CHARS + 1);
      const punctuation = Math.max(
        window.lastIndexOf(', '),
        window.lastIndexOf('; '),
        window.lastIndexOf(': '),
      );
      const cut = punctuation > CUE_CHARS / 3 ? punctuation + 1 : window.lastIndexOf(' ');
      const at = cut > 0 ? cut : CUE_CHARS;
      cues.push(rest.slice(0, at).trim());
      rest = rest.slice(at).trim();
    }
    if (rest) cues.push(rest);
  }
  return cues;
}

/** One or two lines, broken near the middle at a space when longer than a line. */
export function breakLines(text: string): string {
  if (text.length <= LINE_CHARS) return text;
  const middle = text.length / 2;
  let best = -1;
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) {
    if (best < 0 || Math.abs(i - middle) < Math.abs(best - middle)) best = i;
  }
  return best < 0 ? text : `${text.slice(0, best)}\n${text.slice(best + 1)}`;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function clock(seconds: number, separator: '.' | ',') {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`;
}

/** Colours told apart on dark and light pictures; a speaker keeps one across a render. */
const SPEAKER_COLOURS = ['FFD166', '8FD3FF', 'B5E48C', 'FFADAD', 'CDB4FF', 'FFC6A5'] as const;

/** The RGB hex colour of a speaker's lines: stable from the name alone (pure). */
export function speakerColour(speaker: string): string {
  let h = 0;
  for (const ch of speaker) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return SPEAKER_COLOURS[h % SPEAKER_COLOURS.length]!;
}

/** Cue text is user text that browsers parse as markup: escaped, and a name kept to one safe token. */
const escapeVtt = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const safeName = (name: string) =>
  name
    .replace(/[\r\n]+/g, ' ')
    .replace(/[<>&{}\\,]/g, '')
    .trim() || '?';

export function toWebVtt(cues: readonly CaptionCue[]): string {
  const body = cues
    .map((c, i) => {
      const text = escapeVtt(c.text);
      const line = c.speaker ? `<v ${escapeVtt(safeName(c.speaker))}>${text}</v>` : text;
      return `${i + 1}\n${clock(c.startSec, '.')} --> ${clock(c.endSec, '.')}\n${line}\n`;
    })
    .join('\n');
  return `WEBVTT\n\n${body}`;
}

export function toSrt(cues: readonly CaptionCue[]): string {
  return cues
    .map((c, i) => {
      // SRT has no speakers: a line of dialogue opens with an em dash in its speaker's colour.
      const line = c.speaker
        ? `<font color="#${speakerColour(c.speaker)}">\u2014</font> ${c.text.replace(/[<>]/g, '')}`
        : c.text;
      return `${i + 1}\n${clock(c.startSec, ',')} --> ${clock(c.endSec, ',')}\n${line}\n`;
    })
    .join('\n');
}

/** ASS for burning cues into frames that start `shiftSec` into the scene. */
export function toAss(
  cues: readonly CaptionCue[],
  frame: { width: number; height: number; letterbox: boolean },
  shiftSec: number,
): string {
  const u = Math.min(frame.width, frame.height) / 100;
  const bar = frame.letterbox ? letterboxHeight(frame.width, frame.height) : 0;
  const assClock = (seconds: number) => {
    const cs = Math.max(0, Math.round(seconds * 100));
    return `${Math.floor(cs / 360000)}:${pad(Math.floor(cs / 6000) % 60)}:${pad(Math.floor(cs / 100) % 60)}.${pad(cs % 100)}`;
  };
  const styleLine = (name: string, rgb: string) => {
    const bgr = `${rgb.slice(4, 6)}${rgb.slice(2, 4)}${rgb.slice(0, 2)}`;
    return `Style: ${name},DejaVu Sans,${Math.round(4.2 * u)},&H00${bgr},&H00${bgr},&H00101010,&H80000000,-1,0,0,0,100,100,0,0,1,${(0.28 * u).toFixed(1)},${(0.12 * u).toFixed(1)},2,${Math.round(6 * u)},${Math.round(6 * u)},${Math.round(bar + 5 * u)},1`;
  };
  // One style per speaker (their colour); the Name field carries who speaks, the text only the words.
  const speakers = [...new Set(cues.flatMap((c) => (c.speaker ? [c.speaker] : [])))];
  const styleOf = (speaker: string) => `Speaker${speakers.indexOf(speaker) + 1}`;
  const events = cues
    .map((c) => ({ ...c, startSec: c.startSec - shiftSec, endSec: c.endSec - shiftSec }))
    .filter((c) => c.endSec > 0)
    .map((c) => {
      const words = c.text.replace(/[{}\\]/g, '').replace(/\n/g, '\\N');
      const style = c.speaker ? styleOf(c.speaker) : 'Caption';
      const name = c.speaker ? safeName(c.speaker) : '';
      const text = c.speaker ? `\u2014 ${words}` : words;
      return `Dialogue: 0,${assClock(c.startSec)},${assClock(c.endSec)},${style},${name},0,0,0,,${text}`;
    });
  return [
    '[Script Info]',
    'ScriptType: v4.00+',
    `PlayResX: ${frame.width}`,
    `PlayResY: ${frame.height}`,
    'WrapStyle: 0',
    'ScaledBorderAndShadow: yes',
    '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    styleLine('Caption', 'FFFFFF'),
    ...speakers.map((speaker) => styleLine(styleOf(speaker), speakerColour(speaker))),
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
    ...events,
    '',
  ].join('\n');
}

export interface CaptionFiles {
  vtt: ArtifactRef;
  srt: ArtifactRef;
  cues: CaptionCue[];
}

/** Writes the WebVTT and SRT files into the store. */
export async function makeCaptions(cues: CaptionCue[], ctx: RenderContext): Promise<CaptionFiles> {
  const inputs = { version: CAPTIONS_VERSION, cues };
  const vttHash = contentKey('captions-vtt', inputs);
  const srtHash = contentKey('captions-srt', inputs);
  const [vtt, srt] = await allSettled([
    ctx.store.produce(vttHash, 'vtt', (temp) => writeFile(temp, toWebVtt(cues)), {
      signal: ctx.signal,
    }),
    ctx.store.produce(srtHash, 'srt', (temp) => writeFile(temp, toSrt(cues)), {
      signal: ctx.signal,
    }),
  ]);
  return {
    vtt: { kind: 'captions-vtt', hash: vttHash, ext: 'vtt', cached: vtt.hit },
    srt: { kind: 'captions-srt', hash: srtHash, ext: 'srt', cached: srt.hit },
    cues,
  };
}
