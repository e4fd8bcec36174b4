import type { Transition } from '../../timeline.ts';
import { stripInlineMarkup, squeeze } from '../text/normalize.ts';
import type { Setting, ShotType } from '../types.ts';
import { emptyScene, isEmptyScene, type ParsedScript, type RawScene } from './raw-scene.ts';
import { parseSpeakerTag } from './speaker-tag.ts';
import { analysisWarning, type AnalysisWarning } from '../warnings.ts';

/**
 * Explainer and storyboard scripts: "Scene 1: Hook" / "Scène 1 : Accroche"
 * markers (also Shot, Plan, Slide, Séquence, under a Markdown heading or in
 * bold), each followed by fields such as Visual:/Visuel :, Narration:/Voix
 * off :, Camera:/Plan :, Duration:/Durée :, Transition:, Location:/Lieu :.
 * A field may run over several lines until a blank line or the next field.
 */

export const SCENE_MARKER =
  /^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*(?:scene|scène|sequence|séquence|shot|plan|slide|diapo(?:sitive)?)\s*(?:n[°o]\.?\s*)?(\d{1,4}|[IVXLC]{1,6})\b\s*(?:\*\*|__)?\s*(?:[:.)–—-]\s*)?(.*?)\s*(?:\*\*|__)?\s*$/iu;

type FieldKind =
  | 'visual'
  | 'narration'
  | 'dialogue'
  | 'camera'
  | 'duration'
  | 'transition'
  | 'location'
  | 'mood'
  | 'ignored';

const MULTI_LINE: ReadonlySet<FieldKind> = new Set(['visual', 'narration', 'dialogue', 'ignored']);
const FIELD_NAMES: Record<string, FieldKind> = {};
const addFields = (kind: FieldKind, names: string) => {
  for (const n of names.split(',')) FIELD_NAMES[n] = kind;
};
addFields(
  'visual',
  "visual,visuals,image,images,picture,on screen,on-screen,visuel,visuels,à l’écran,à l'écran,illustration,scene description",
);
addFields(
  'narration',
  'narration,narrator,narrateur,narratrice,voice-over,voiceover,voice over,vo,v.o.,voix off,voix-off,voix,texte lu,script',
);
addFields('dialogue', 'dialogue,dialogues');
addFields('camera', 'camera,caméra,shot,plan,cadrage,angle');
addFields('duration', 'duration,durée,length,timing,time code,timecode');
addFields('transition', 'transition');
addFields('location', 'location,lieu,setting,décor,place');
addFields('mood', 'mood,ambiance,tone,ton,atmosphere,atmosphère');
addFields(
  'ignored',
  "music,musique,sound,sfx,son,sound effects,text,texte,on-screen text,texte à l’écran,texte à l'écran,caption,sous-titre,sous-titres,notes,note,cta,title card",
);

const FIELD =
  /^\s*(?:[-*•]\s*)?(?:\*\*|__)?\s*([\p{L}][\p{L}.’' -]{0,24}?)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.*)$/u;

export function fieldOf(line: string): { kind: FieldKind; value: string } | null {
  const m = FIELD.exec(line);
  if (!m) return null;
  const kind = FIELD_NAMES[m[1]!.toLowerCase().replace(/\s+/g, ' ')];
  if (!kind) return null;
  return { kind, value: m[2]!.replace(/(?:\*\*|__)\s*$/, '').trim() };
}

export function shotOf(value: string): ShotType | null {
  const v = value.toLowerCase();
  if (/close|gros plan|très gros|détail|detail|insert|macro/.test(v)) return 'close-up';
  if (/wide|large|establishing|ensemble|aerial|aérien|panoram|drone|général/.test(v)) return 'wide';
  if (/medium|moyen|américain|mid|taille|two[- ]shot/.test(v)) return 'medium';
  return null;
}

export function transitionOfField(value: string): Transition | null {
  const v = value.toLowerCase();
  if (/black|noir|fade out|fade to/.test(v)) return 'fade-black';
  if (/dissolve|cross|enchaîné|enchaine|fondu|fade/.test(v)) return 'crossfade';
  if (/cut|coupe|sec|hard/.test(v)) return 'cut';
  return null;
}

/** "8s", "8 sec", "1 min 30", "0:45", "12 secondes" → seconds; null when not a duration. */
export function durationOf(value: string): number | null {
  const v = value.toLowerCase().replace(',', '.');
  const clock = /(\d{1,2}):(\d{2})/.exec(v);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  const min = /(\d+(?:\.\d+)?)\s*(?:min|mn|minutes?)\b(?:\s*(\d+))?/.exec(v);
  if (min) return Number(min[1]) * 60 + Number(min[2] ?? 0);
  const sec = /(\d+(?:\.\d+)?)\s*(?:s|sec|secs|seconds?|secondes?|")?(?:\s|$)/.exec(v);
  return sec ? Number(sec[1]) : null;
}

function settingOf(value: string): Setting {
  if (/^\s*(?:int|intérieur|interior)\b/i.test(value)) return 'interior';
  if (/^\s*(?:ext|extérieur|exterior)\b/i.test(value)) return 'exterior';
  return 'unknown';
}

export function parseStoryboard(text: string): ParsedScript {
  const lines = text.split('\n');
  const scenes: RawScene[] = [];
  const warnings: AnalysisWarning[] = [];
  let title: string | null = null;
  let scene: RawScene | null = null;
  let preface: RawScene | null = emptyScene(1, 'start');
  let field: FieldKind | null = null;
  let buffer: string[] = [];

  const flushField = () => {
    const target = scene ?? preface;
    if (!target || field === null || buffer.length === 0) {
      buffer = [];
      return;
    }
    const value = squeeze(stripInlineMarkup(buffer.join(' ')));
    buffer = [];
    if (!value) return;
    switch (field) {
      case 'visual':
        target.visual = target.visual ? `${target.visual} ${value}` : value;
        break;
      case 'narration':
        target.paragraphs.push(value);
        break;
      case 'dialogue': {
        const tagged = parseSpeakerTag(value);
        target.dialogue.push(
          tagged ?? {
            speaker: null,
            text: value.replace(/^["«“]\s*|\s*["»”]$/g, ''),
            parenthetical: null,
          },
        );
        break;
      }
      case 'camera':
        target.shot = shotOf(value) ?? target.shot;
        break;
      case 'duration':
        target.durationSec = durationOf(value) ?? target.durationSec;
        break;
      case 'transition':
        target.transition = transitionOfField(value) ?? target.transition;
        break;
      case 'location':
        target.location = {
          name: value.replace(
            /^\s*(?:int|ext|intérieur|extérieur|interior|exterior)\.?\s*[-–—:]?\s*/i,
            '',
          ),
          setting: settingOf(value),
        };
        break;
      case 'mood':
      case 'ignored':
        break;
    }
  };

  // Without "Scene 1" markers, an explainer's sections are its headings ("## Accroche"),
  // or failing those, each new Visual: line after a complete Visual + Narration block.
  const hasMarkers = lines.some((l) => SCENE_MARKER.test(l));
  const openScene = (lineNo: number, heading: string, title: string | null) => {
    flushField();
    field = null;
    if (scene) scenes.push(scene);
    else if (preface && !isEmptyScene(preface)) scenes.push(preface);
    preface = null;
    scene = emptyScene(lineNo, 'marker');
    scene.heading = heading;
    scene.title = title;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    const trimmed = line.trim();
    const marker = SCENE_MARKER.exec(line);
    if (marker) {
      const t = marker[2]!.replace(/[:.]+$/, '').trim();
      openScene(
        lineNo,
        trimmed.replace(/^#+\s*/, '').replace(/\*\*|__/g, ''),
        t ? stripInlineMarkup(t) : null,
      );
      continue;
    }
    const sectionHeading = /^#{1,6}\s+(.*)$/.exec(trimmed);
    // The first "# Title" names the script; any other heading opens a section.
    if (
      sectionHeading &&
      !hasMarkers &&
      (title !== null || scene !== null || !/^#\s/.test(trimmed))
    ) {
      const t = stripInlineMarkup(sectionHeading[1]!).trim();
      openScene(lineNo, t, t || null);
      continue;
    }
    if (trimmed === '') {
      flushField();
      field = null;
      continue;
    }
    const target = scene ?? preface!;
    target.endLine = lineNo;
    const heading = /^#{1,6}\s+(.*)$/.exec(trimmed);
    if (heading && !scene) {
      title ??= stripInlineMarkup(heading[1]!).trim();
      continue;
    }
    const f = fieldOf(line);
    if (f) {
      flushField();
      const current = scene ?? preface;
      if (
        f.kind === 'visual' &&
        !hasMarkers &&
        current?.visual &&
        (current.paragraphs.length > 0 || current.dialogue.length > 0)
      ) {
        openScene(lineNo, trimmed, null);
      }
      field = f.kind;
      if (f.value) buffer.push(f.value);
      // Settings (camera, duration, transition, place, mood) fit on their line; only text runs on.
      if (!MULTI_LINE.has(f.kind)) {
        flushField();
        field = null;
      }
      continue;
    }
    const tagged = parseSpeakerTag(trimmed);
    if (field !== null && !tagged) {
      buffer.push(trimmed);
      continue;
    }
    flushField();
    field = null;
    if (tagged) target.dialogue.push(tagged);
    else if (!/^(?:[-*_=~]\s*){3,}$/.test(trimmed))
      target.paragraphs.push(squeeze(stripInlineMarkup(trimmed)));
  }
  flushField();
  if (scene) scenes.push(scene);
  else if (preface && !isEmptyScene(preface)) scenes.push(preface);
  if (scenes.length && scenes[0]!.opening === 'start' && scenes.length > 1) {
    warnings.push(analysisWarning('introScene'));
  }
  return { title, scenes, warnings, cues: [], intros: [] };
}
