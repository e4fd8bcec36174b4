import type { Transition } from '../../timeline.ts';
import { sentenceCase, titleCase } from '../text/tokens.ts';
import { squeeze, stripInlineMarkup } from '../text/normalize.ts';
import type { Setting, TimeOfDay } from '../types.ts';
import {
  emptyScene,
  isEmptyScene,
  type CharacterIntro,
  type ParsedScript,
  type RawScene,
} from './raw-scene.ts';
import { analysisWarning, type AnalysisWarning } from '../warnings.ts';

/**
 * Fountain screenplays (https://fountain.io/syntax), English or French:
 * title page, sluglines (INT./EXT./INT./EXT./I/E/EST, or forced with '.'),
 * character cues with extensions, parentheticals, dialogue, transitions
 * (CUT TO:, FADE OUT., FONDU AU NOIR…), notes and boneyard.
 */

const SLUGLINE = /^(?:\.(?=[\p{L}\p{N}])|(?:INT\.?\/EXT|EXT\.?\/INT|INT|EXT|EST|I\/E|E\/I)[.\s])/iu;
const CUE = /^@?([\p{Lu}][\p{Lu}\p{N}'’. -]{0,38}?)((?:\s*\([\p{Lu}\p{N}'’. ]{1,20}\))*)\s*\^?$/u;
const TRANSITION =
  /^(?:[\p{Lu} ]+(?:TO|À)\s?:|FADE (?:OUT|IN|TO BLACK)\s?[.:]?|CUT TO BLACK\s?[.:]?|FONDU (?:AU NOIR|ENCHAÎNÉ|ENCHAINÉ)\s?[.:]?|ENCHAÎNÉ\s?[.:]?|FERMETURE AU NOIR\s?[.:]?|OUVERTURE AU NOIR\s?[.:]?|CUT\s?[.:]|COUPE\s?[.:]|THE END\.?|FIN\.?)$/u;
const TITLE_KEY =
  /^(title|credit|author|authors|source|draft date|date|contact|notes|copyright|revision|titre|auteur|auteurs|crédit)\s*:/i;
const CHAPTER_LIKE =
  /^(?:CHAPTER|CHAPITRE|PART|PARTIE|BOOK|LIVRE|PROLOGUE|EPILOGUE|ÉPILOGUE|ACT|ACTE)\b/u;

export const isSlugline = (line: string): boolean =>
  line.length <= 140 && SLUGLINE.test(line.trim()) && !line.trim().startsWith('..');

export const isTransitionLine = (line: string): boolean => {
  const t = line.trim();
  return (t.startsWith('>') && !t.endsWith('<')) || TRANSITION.test(t);
};

/** A cue is an all-caps name on its own line, after a blank line, with dialogue right below. */
export function isCharacterCue(
  line: string,
  prevBlank: boolean,
  next: string | undefined,
): boolean {
  const t = line.trim();
  if (!prevBlank || next === undefined || next.trim() === '') return false;
  if (t.startsWith('@')) return t.length > 1;
  const name = cueName(t);
  if (!CUE.test(t) || name.length < 2) return false;
  return !isSlugline(t) && !isTransitionLine(t) && !CHAPTER_LIKE.test(t);
}

export function cueName(line: string): string {
  return squeeze(
    line
      .trim()
      .replace(/^@/, '')
      .replace(/\^$/, '')
      .replace(/\([^)]*\)/g, ''),
  );
}

const SLUG_TIMES: Record<string, TimeOfDay> = {
  day: 'day',
  daytime: 'day',
  noon: 'day',
  night: 'night',
  midnight: 'night',
  morning: 'morning',
  afternoon: 'afternoon',
  evening: 'evening',
  dusk: 'dusk',
  twilight: 'dusk',
  dawn: 'dawn',
  sunset: 'sunset',
  sunrise: 'sunrise',
  jour: 'day',
  nuit: 'night',
  matin: 'morning',
  'après-midi': 'afternoon',
  soir: 'evening',
  soirée: 'evening',
  aube: 'dawn',
  aurore: 'dawn',
  crépuscule: 'dusk',
  'coucher du soleil': 'sunset',
  'lever du soleil': 'sunrise',
  midi: 'day',
  minuit: 'night',
};
const CONTINUITY =
  /^(?:continuous|continued|cont'?d|later|moments later|a moment later|same|same time|same day|suite|continu|continue|plus tard|même moment|un peu plus tard|instants plus tard)$/;

export interface Slugline {
  setting: Setting;
  location: string;
  timeOfDay: TimeOfDay | null;
  modifier: string | null;
}

export function parseSlugline(line: string): Slugline {
  let t = line.trim().replace(/\s*#[^#]*#\s*$/, '');
  let setting: Setting = 'unknown';
  const prefix = /^(INT\.?\/EXT|EXT\.?\/INT|INT|EXT|EST|I\/E|E\/I)[.\s]\s*/i.exec(t);
  if (prefix) {
    const p = prefix[1]!.toUpperCase();
    setting = p.startsWith('INT') || p === 'I/E' ? 'interior' : 'exterior';
    t = t.slice(prefix[0].length);
  } else if (t.startsWith('.')) {
    t = t.slice(1);
  }
  const parts = t.split(/\s+[-–—]+\s+|\s+[-–—]{2,}\s*|\s*\/\s*(?=[\p{L}])/u).map((p) => p.trim());
  let timeOfDay: TimeOfDay | null = null;
  let modifier: string | null = null;
  while (parts.length > 1) {
    const last = parts[parts.length - 1]!.toLowerCase().replace(/[.]+$/, '');
    if (SLUG_TIMES[last]) timeOfDay = SLUG_TIMES[last];
    else if (CONTINUITY.test(last)) modifier = last;
    else break;
    parts.pop();
  }
  return { setting, location: parts.join(' - ').replace(/[.]+$/, ''), timeOfDay, modifier };
}

export function transitionOf(line: string): Transition | null {
  const t = line.trim().replace(/^>\s*/, '').toUpperCase();
  if (/^FADE IN|^OUVERTURE/.test(t)) return null;
  if (/FADE|BLACK|NOIR|THE END|^FIN/.test(t)) return 'fade-black';
  if (/DISSOLVE|ENCHA[ÎI]N|MATCH|FONDU/.test(t)) return 'crossfade';
  return 'cut';
}

const INTRO =
  /(?:^|[\s,;:(])((?:[\p{Lu}][\p{Lu}'’.-]+)(?:\s+[\p{Lu}][\p{Lu}'’.-]*){0,3})\s*\(([^()]{1,80})\)/gu;
/** "A teenage boy, LEO (16)": the words before the name describe it. */
const APPOSITIVE_BEFORE = /(?:^|[\s])(?:an?|the|une?|le|la)\s+([\p{Ll}\p{M}' -]{3,40}),\s*$/iu;

/** ALL-CAPS words of action lines (a Fountain convention for introductions and sounds) read as normal words. */
function readableAction(line: string, cues: ReadonlySet<string>): string {
  return line.replace(/(?<![\p{L}'’-])\p{Lu}[\p{Lu}'’-]+(?![\p{L}])/gu, (w) => {
    if (w.length < 2 || /^(?:[IVX]+|TV|OK|USA|UK|FBI|CIA|DJ)$/.test(w)) return w;
    const isName = cues.has(w) || cues.has(w.replace(/['’]S$/, ''));
    const lower = w.toLowerCase();
    return isName ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
  });
}

export function parseScreenplay(text: string): ParsedScript {
  // Boneyard (/* … */) is commented out; keep its line breaks so line numbers still match.
  const cleaned = text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ''));
  const lines = cleaned.split('\n');
  const warnings: AnalysisWarning[] = [];
  let title: string | null = null;
  let i = 0;

  if (lines[0] !== undefined && TITLE_KEY.test(lines[0].trim())) {
    let key = '';
    for (; i < lines.length && lines[i]!.trim() !== ''; i++) {
      const line = lines[i]!;
      const kv = /^([^:]{1,30}):\s*(.*)$/.exec(line.trim());
      if (kv && !/^\s/.test(line)) {
        key = kv[1]!.toLowerCase();
        if ((key === 'title' || key === 'titre') && kv[2]) title = stripInlineMarkup(kv[2]).trim();
      } else if ((key === 'title' || key === 'titre') && !title) {
        title = stripInlineMarkup(line).trim();
      }
    }
  }

  // First pass: the cue names, so ALL-CAPS names in action lines can be recognised.
  const cueSet = new Set<string>();
  for (let k = i; k < lines.length; k++) {
    const prevBlank = k === 0 || lines[k - 1]!.trim() === '';
    if (isCharacterCue(lines[k]!, prevBlank, lines[k + 1])) cueSet.add(cueName(lines[k]!));
  }

  const scenes: RawScene[] = [];
  const cues: string[] = [];
  const intros: CharacterIntro[] = [];
  let scene = emptyScene(i + 1, 'start');
  let action: string[] = [];
  const flushAction = () => {
    if (action.length) scene.paragraphs.push(squeeze(action.join(' ')));
    action = [];
  };
  const closeScene = (nextStart: number) => {
    flushAction();
    if (!isEmptyScene(scene)) scenes.push(scene);
    scene = emptyScene(nextStart, 'slugline');
  };

  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    const lineNo = i + 1;
    const prevBlank = i === 0 || lines[i - 1]!.trim() === '';
    if (line === '') {
      flushAction();
      continue;
    }
    if (
      /^={3,}$/.test(line) ||
      line.startsWith('=') ||
      /^#+\s/.test(line) ||
      line.startsWith('#')
    ) {
      flushAction(); // page break, synopsis, section: structure notes, not content
      continue;
    }
    if (prevBlank && isSlugline(line)) {
      closeScene(lineNo);
      const slug = parseSlugline(line);
      scene.heading = line.replace(/^\./, '');
      scene.location = slug.location ? { name: slug.location, setting: slug.setting } : null;
      scene.timeOfDay = slug.timeOfDay;
      scene.timeModifier = slug.modifier;
      scene.endLine = lineNo;
      continue;
    }
    if (isTransitionLine(line) && (prevBlank || lines[i + 1]?.trim() === '')) {
      flushAction();
      const transition = transitionOf(line);
      if (transition) {
        // A transition closes the scene before it; "FADE IN:" at the top opens the film.
        const target = isEmptyScene(scene) ? scenes[scenes.length - 1] : scene;
        if (target) {
          target.transition = transition;
          target.endLine = Math.max(target.endLine, lineNo);
        }
      }
      continue;
    }
    if (isCharacterCue(line, prevBlank, lines[i + 1])) {
      flushAction();
      const speaker = cueName(line);
      if (!cues.includes(speaker)) cues.push(speaker);
      let parenthetical: string | null = null;
      const spoken: string[] = [];
      let k = i + 1;
      for (; k < lines.length && lines[k]!.trim() !== ''; k++) {
        const d = lines[k]!.trim();
        if (/^\(.*\)$/.test(d)) {
          if (spoken.length) {
            scene.dialogue.push({ speaker, text: squeeze(spoken.join(' ')), parenthetical });
            spoken.length = 0;
          }
          parenthetical = d.slice(1, -1).trim();
        } else {
          spoken.push(stripInlineMarkup(d));
        }
      }
      if (spoken.length)
        scene.dialogue.push({ speaker, text: squeeze(spoken.join(' ')), parenthetical });
      scene.endLine = k;
      i = k - 1;
      continue;
    }
    // Action (a forced '!' or centred '>text<' line is action too).
    const body = stripInlineMarkup(line.replace(/^!/, '').replace(/^>\s*(.*?)\s*<$/, '$1'));
    INTRO.lastIndex = 0;
    for (let m = INTRO.exec(body); m; m = INTRO.exec(body)) {
      const name = m[1]!.trim();
      const first = name.split(/\s+/)[0]!;
      if (!cueSet.has(name) && !cueSet.has(first)) continue;
      const before = APPOSITIVE_BEFORE.exec(body.slice(0, m.index + m[0].indexOf(m[1]!)));
      const description = [before?.[1]?.trim(), m[2]!.trim()].filter(Boolean).join(', ');
      intros.push({ name, description, sceneIndex: scenes.length });
    }
    // The introduction notes went to the cast description; the narration reads the name only.
    const withoutNotes = body.replace(INTRO, (all, name: string) => {
      const known = cueSet.has(name) || cueSet.has(name.split(/\s+/)[0]!);
      return all.slice(0, all.indexOf(name)) + (known ? titleCase(name) : name);
    });
    action.push(readableAction(withoutNotes, cueSet));
    scene.endLine = lineNo;
  }
  closeScene(lines.length + 1);

  if (!scenes.some((s) => s.heading)) {
    warnings.push(analysisWarning('noSluglines'));
  }
  for (const s of scenes) {
    if (s.location) s.location.name = locationName(s.location.name, cueSet);
  }
  return { title, scenes, warnings, cues, intros };
}

/** "JUNE'S VAN" → "June's van": sentence case, character names keep their capital. */
function locationName(raw: string, cues: ReadonlySet<string>): string {
  if (/\p{Ll}/u.test(raw)) return raw;
  const words = sentenceCase(raw).split(' ');
  return words
    .map((w, k) => {
      const upper = w.toUpperCase();
      const isName = cues.has(upper) || cues.has(upper.replace(/['’]S$/, ''));
      return isName && k > 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w;
    })
    .join(' ');
}
