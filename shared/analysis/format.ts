import { isCharacterCue, isSlugline, isTransitionLine } from './parse/screenplay.ts';
import { SCENE_MARKER, fieldOf } from './parse/storyboard.ts';
import type { ScriptFormat } from './types.ts';

export interface FormatGuess {
  format: ScriptFormat;
  /** Line counts behind the decision, for tests and debugging. */
  evidence: {
    sluglines: number;
    cues: number;
    transitions: number;
    markers: number;
    fields: number;
    headings: number;
  };
}

/** Scanning this many lines is enough to recognise a format. */
const SAMPLE_LINES = 5_000;

/**
 * Recognises the script's format from its line shapes: sluglines and cues
 * (Fountain), scene markers and Visual:/Narration: fields (storyboard),
 * several Markdown headings (markdown); anything else is prose.
 */
export function detectFormat(text: string): FormatGuess {
  const lines = text.split('\n', SAMPLE_LINES);
  const evidence = { sluglines: 0, cues: 0, transitions: 0, markers: 0, fields: 0, headings: 0 };
  let visual = 0;
  let narration = 0;
  let nonBlank = 0;
  lines.forEach((line, i) => {
    const t = line.trim();
    if (t === '') return;
    nonBlank++;
    const prevBlank = i === 0 || lines[i - 1]!.trim() === '';
    if (prevBlank && isSlugline(t)) evidence.sluglines++;
    else if (isCharacterCue(t, prevBlank, lines[i + 1])) evidence.cues++;
    else if (isTransitionLine(t) && /[:.]$/.test(t)) evidence.transitions++;
    if (SCENE_MARKER.test(line)) evidence.markers++;
    const field = fieldOf(line);
    if (field) {
      evidence.fields++;
      if (field.kind === 'visual') visual++;
      if (field.kind === 'narration') narration++;
    }
    if (/^#{1,6}\s+\S/.test(t)) evidence.headings++;
  });
  const e = evidence;
  let format: ScriptFormat = 'prose';
  if (e.sluglines >= 2 || (e.sluglines >= 1 && e.cues >= 1)) format = 'screenplay';
  else if (e.markers >= 2 || (e.markers >= 1 && e.fields >= 2) || (visual >= 2 && narration >= 1)) {
    format = 'storyboard';
  } else if (e.sluglines >= 1 || e.cues >= 3 || (e.cues >= 2 && e.cues / nonBlank >= 0.25)) {
    // Cues without sluglines: a screenplay of dialogue only.
    format = 'screenplay';
  }
  // One heading is the title; two or more structure the text.
  else if (e.headings >= 3 || (e.headings >= 2 && !/^\s*#\s/.test(text))) format = 'markdown';
  return { format, evidence };
}
