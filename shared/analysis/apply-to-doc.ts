import type * as Y from 'yjs';
import { fnv1a } from '../fnv1a.ts';
import {
  addCastMember,
  addScene,
  castMap,
  projectMap,
  scenesMap,
  scriptText,
} from '../project-doc.ts';
import { STYLE_PRESETS, type StylePreset } from '../timeline.ts';
import { AnalysisInputError } from './errors.ts';
import { durationOf, fieldOf } from './parse/storyboard.ts';
import { buildImagePrompt, castAppearance } from './prompt/build-prompt.ts';
import { clip } from './text/tokens.ts';
import type { AnalyzedScene, CastMember, ScriptAnalysis } from './types.ts';

/**
 * Writes an analysis into a project document: scenes, cast and script, in
 * ONE transaction with the caller's origin, so an editor's Y.UndoManager
 * that tracks that origin undoes the whole import in one step, and peers
 * receive one update.
 *
 * - replace: removes every scene and cast member and the script first.
 * - append: keeps them; new scenes go after the existing ones; a character
 *   whose name (or alias) matches an existing cast member reuses it; the
 *   script is appended after a blank line.
 *
 * Prompts are rebuilt for `stylePreset`, else the project's style, else the
 * style the analysis was made with.
 *
 * Every imported scene gets an automatic duration (`durationSec: null`)
 * unless the script states one (`scriptedDuration`); durations people set
 * on existing scenes are never touched (append).
 */

export interface ApplyAnalysisOptions {
  mode: 'replace' | 'append';
  stylePreset?: StylePreset;
  /** Transaction origin (e.g. the editor's import origin tracked by its Y.UndoManager). */
  origin?: unknown;
}

export interface ApplyAnalysisResult {
  /** Doc ids of the scenes written, in order. */
  sceneIds: string[];
  /** Analysis cast id → doc cast id (new or reused). */
  castIds: Record<string, string>;
}

/** Doc field limits (timeline.ts). */
const MAX_TITLE = 500;
const MAX_NARRATION = 20_000;
const MAX_PROMPT = 4_000;
const MAX_CAST_DESCRIPTION = 2_000;
const MAX_LOCATION = 500;
const MAX_MOOD = 100;

function isAnalysis(value: unknown): value is ScriptAnalysis {
  const v = value as Partial<ScriptAnalysis> | null;
  return (
    !!v &&
    typeof v === 'object' &&
    v.version === 1 &&
    Array.isArray(v.scenes) &&
    Array.isArray(v.cast) &&
    typeof v.script === 'string'
  );
}

/** The same scene content always gets the same seed, so re-importing gives the same images. */
const seedOf = fnv1a;

/**
 * The duration the script itself gives a scene (a storyboard's "Duration: 5 s",
 * "Durée : 6 s"): its author chose it, so it is written as a set duration.
 * Any other scene is automatic (null): it lasts its narration as the render
 * measures it, and the analysis's estimate is only shown until then; a
 * number there would outlive every narration edit and leave silences
 * (issue 11).
 */
export function scriptedDuration(
  scene: AnalyzedScene,
  scriptLines: readonly string[],
): number | null {
  const lines = scriptLines.slice(scene.lines.start - 1, scene.lines.end);
  const stated = lines.some((line) => {
    const field = fieldOf(line);
    return field?.kind === 'duration' && (durationOf(field.value) ?? 0) > 0;
  });
  // The analysis already read the stated value into durationSec (bounded, rounded).
  return stated ? scene.durationSec : null;
}

/**
 * The narration the voice reads. Prose quotes are already in the text; a
 * screenplay's or storyboard's dialogue is appended as "Speaker: line" so it
 * is neither lost nor silent.
 */
export function docNarration(scene: AnalyzedScene, format: ScriptAnalysis['format']): string {
  if (format === 'prose' || format === 'markdown' || scene.dialogue.length === 0)
    return scene.narration;
  const lines = scene.dialogue.map((d) => (d.speaker ? `${d.speaker}: ${d.text}` : d.text));
  return [scene.narration, ...lines].filter(Boolean).join('\n\n');
}

/** The cast description kept in every prompt where the character appears: English appearance. */
export function docCastDescription(
  member: CastMember,
  language: ScriptAnalysis['language'],
): string {
  return castAppearance(member) || (language === 'en' ? member.description : '');
}

/**
 * The style the project has chosen, or null: unlike `readProjectSettings`,
 * a missing or broken value is not read as the default, so the analysis's
 * own style applies then.
 */
function projectStyle(doc: Y.Doc): StylePreset | null {
  const style = projectMap(doc).get('stylePreset');
  return typeof style === 'string' && (STYLE_PRESETS as readonly string[]).includes(style)
    ? (style as StylePreset)
    : null;
}

export function applyAnalysis(
  doc: Y.Doc,
  analysis: ScriptAnalysis,
  options: ApplyAnalysisOptions,
): ApplyAnalysisResult {
  // Validate everything before the first write: bad input changes nothing.
  if (!isAnalysis(analysis)) {
    throw new AnalysisInputError(
      'analysis',
      'analysis must be the result of analyzeScript (version 1)',
    );
  }
  if (options?.mode !== 'replace' && options?.mode !== 'append') {
    throw new AnalysisInputError('mode', "mode must be 'replace' or 'append'");
  }
  if (
    options.stylePreset !== undefined &&
    !(STYLE_PRESETS as readonly string[]).includes(options.stylePreset)
  ) {
    throw new AnalysisInputError(
      'stylePreset',
      `stylePreset must be one of ${STYLE_PRESETS.join(', ')}`,
    );
  }
  const style = options.stylePreset ?? projectStyle(doc) ?? analysis.stylePreset;
  const result: ApplyAnalysisResult = { sceneIds: [], castIds: {} };

  doc.transact(() => {
    const scenes = scenesMap(doc);
    const cast = castMap(doc);
    const script = scriptText(doc);
    if (options.mode === 'replace') {
      for (const id of [...scenes.keys()]) scenes.delete(id);
      for (const id of [...cast.keys()]) cast.delete(id);
      if (script.length) script.delete(0, script.length);
      script.insert(0, analysis.script);
    } else {
      script.insert(script.length, script.length ? `\n\n${analysis.script}` : analysis.script);
    }

    const existing = new Map<string, string>();
    if (options.mode === 'append') {
      cast.forEach((member, id) => {
        const name = member.get('name');
        if (typeof name === 'string' && name.trim()) existing.set(name.trim().toLowerCase(), id);
      });
    }
    for (const member of analysis.cast) {
      const reuse = [member.name, ...member.aliases]
        .map((n) => existing.get(n.trim().toLowerCase()))
        .find((id) => id !== undefined);
      const description = clip(docCastDescription(member, analysis.language), MAX_CAST_DESCRIPTION);
      if (reuse) {
        result.castIds[member.id] = reuse;
        const kept = cast.get(reuse);
        // Never overwrite what someone wrote; fill an empty description only.
        if (kept && !kept.get('description') && description) kept.set('description', description);
      } else {
        result.castIds[member.id] = addCastMember(doc, {
          name: clip(member.name, 200),
          description,
        });
      }
    }

    const restyle = style !== analysis.stylePreset;
    const scriptLines = analysis.script.split('\n');
    for (const scene of analysis.scenes) {
      const prompt = restyle
        ? buildImagePrompt(scene, { stylePreset: style, cast: analysis.cast }).prompt
        : scene.prompt;
      const title = clip(scene.title, MAX_TITLE);
      result.sceneIds.push(
        addScene(doc, {
          title,
          narration: clip(docNarration(scene, analysis.format), MAX_NARRATION),
          prompt: clip(prompt, MAX_PROMPT),
          durationSec: scriptedDuration(scene, scriptLines) ?? null,
          transition: scene.transition,
          motion: scene.camera.motion,
          seed: seedOf(`${title}\n${prompt}`),
          cast: scene.characters.map((id) => result.castIds[id]).filter((id): id is string => !!id),
          location: clip(scene.location?.name ?? '', MAX_LOCATION),
          mood: clip(scene.mood.label, MAX_MOOD),
          act: Math.min(10, Math.max(1, Math.round(scene.act))),
        }),
      );
    }
  }, options.origin ?? null);
  return result;
}
