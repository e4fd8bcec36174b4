import { estimateDuration, estimateSpokenSec, MIN_SCENE_SEC } from './analysis/scene/duration.ts';
import { fnv1a } from './fnv1a.ts';
import { countWords } from './analysis/text/tokens.ts';
import { en } from './analysis/vocabulary/en.ts';
import { fr } from './analysis/vocabulary/fr.ts';
import type { Language } from './timeline.ts';

/**
 * Scene durations as the editor shows them, and how far a set duration is
 * from the scene's narration. Pure; shared by the timeline, the scene card
 * and the render plan (the pauses around the narration are planned here).
 */

/** Narration speed per language: the one the script analysis uses. */
const WORDS_PER_MINUTE: Record<Language, number> = {
  en: en.speakingWordsPerMinute,
  fr: fr.speakingWordsPerMinute,
};

/**
 * The pauses of an automatic scene (render-node/stages/plan.ts plans them):
 * `leadSec` before the narration, `tailSec` after it, then the transition
 * into the next scene. The last scene has no transition, so a video of
 * automatic scenes ends `tailSec` after its last words.
 */
export const NARRATION_PAUSES = {
  leadSec: 0.25,
  tailSec: 0.35,
  transitionSec: 0.5,
} as const;

/** Paragraphs are separated by a blank line (how the analysis writes narration). */
const PARAGRAPH_BREAK = /\n[^\S\n]*\n\s*/;

/** A narration as the analysis's estimate reads it: words and paragraphs of prose. */
function spokenInput(narration: string) {
  return {
    narrationWords: countWords(narration),
    dialogueWords: 0,
    dialogueLines: 0,
    paragraphs: narration.split(PARAGRAPH_BREAK).filter((p) => p.trim()).length,
    format: 'prose' as const,
  };
}

const wordsPerMinute = (language: Language) => WORDS_PER_MINUTE[language] ?? WORDS_PER_MINUTE.en;

/** Seconds the narration takes to say, estimated from its words; 0 for no words. */
export function estimateNarrationSec(narration: string, language: Language): number {
  const input = spokenInput(narration);
  return input.narrationWords ? estimateSpokenSec(input, wordsPerMinute(language)) : 0;
}

/**
 * A render's measured narration of one scene: its length and the fingerprint
 * of the text it spoke, so a narration edited since is not read as measured.
 */
export interface MeasuredNarration {
  sec: number;
  fingerprint: string;
}

/** FNV-1a of the trimmed narration text: equal texts, equal fingerprints (not a security hash). */
export function narrationFingerprint(narration: string): string {
  return fnv1a(narration.trim()).toString(16).padStart(8, '0');
}

/** The measured length when it was measured for this very text, else null. */
export function measuredNarrationSec(
  narration: string,
  measured: MeasuredNarration | null | undefined,
): number | null {
  if (!measured || !Number.isFinite(measured.sec) || measured.sec < 0) return null;
  return measured.fingerprint === narrationFingerprint(narration) ? measured.sec : null;
}

export interface NarrationLength {
  sec: number;
  /** true: measured by the latest render; false: estimated from the words. */
  measured: boolean;
}

/** The narration's length: measured when a render spoke this text, else estimated. */
export function narrationLength(
  narration: string,
  language: Language,
  measured?: MeasuredNarration | null,
): NarrationLength {
  const sec = measuredNarrationSec(narration, measured);
  return sec !== null
    ? { sec, measured: true }
    : { sec: estimateNarrationSec(narration, language), measured: false };
}

const tenths = (sec: number) => Math.round(sec * 10) / 10;

/** What an automatic scene needs for its narration: lead + narration + tail (transition aside). */
export function narrationFitSec(narrationSec: number): number {
  return NARRATION_PAUSES.leadSec + narrationSec + NARRATION_PAUSES.tailSec;
}

/**
 * How long a scene lasts on screen. A set duration wins; `null` means
 * automatic (`auto: true`): lead + the measured narration + tail when a
 * render measured this text, else estimated from the narration like the
 * script analysis does, and at least MIN_SCENE_SEC for an empty narration.
 */
export function sceneDuration(
  narration: string,
  language: Language,
  durationSec: number | null,
  measured?: MeasuredNarration | null,
): { sec: number; auto: boolean } {
  if (durationSec !== null) return { sec: durationSec, auto: false };
  const input = spokenInput(narration);
  if (!input.narrationWords) return { sec: MIN_SCENE_SEC, auto: true };
  const measuredSec = measuredNarrationSec(narration, measured);
  if (measuredSec !== null) {
    return { sec: tenths(Math.max(1, narrationFitSec(measuredSec))), auto: true };
  }
  const sec = estimateDuration({ ...input, explicit: null }, wordsPerMinute(language));
  return { sec, auto: true };
}

/**
 * When a set duration is "much" off its narration: more than MISMATCH_MIN_SEC
 * AND more than MISMATCH_RATIO of what the narration needs. Both, so a
 * half-second on a short line and a few seconds on a long one pass.
 */
export const MISMATCH_MIN_SEC = 1.5;
export const MISMATCH_RATIO = 0.4;

export interface DurationMismatch {
  /** long: silence after the narration; short: the narration is cut. */
  kind: 'long' | 'short';
  /** What the narration needs: lead + narration + tail (what "auto" gives, transition aside). */
  fitSec: number;
  /** Set duration minus fitSec (negative when short). */
  offSec: number;
  measured: boolean;
}

/**
 * Whether a scene's set duration is much longer or shorter than its narration.
 * Automatic scenes (null) are never flagged: they follow the narration. A
 * scene without words is not flagged either: its set duration is all it has.
 */
export function durationMismatch(
  durationSec: number | null,
  narration: NarrationLength,
): DurationMismatch | null {
  if (durationSec === null || !(narration.sec > 0)) return null;
  const fitSec = narrationFitSec(narration.sec);
  const offSec = durationSec - fitSec;
  const off = Math.abs(offSec);
  if (off <= MISMATCH_MIN_SEC || off <= MISMATCH_RATIO * fitSec) return null;
  return {
    kind: offSec > 0 ? 'long' : 'short',
    fitSec: tenths(fitSec),
    offSec: tenths(offSec),
    measured: narration.measured,
  };
}
