import type { AvailableModel, RenderNodesAnswer } from '../../../shared/api/render-nodes.ts';
import type { ImageEngineSetting, Language } from '../../../shared/timeline.ts';
import { voiceIdIssue } from '../../../shared/voice-id.ts';

/**
 * What the engine and voice pickers offer (pure): storyboard frames always,
 * each usable model of the live render nodes, and a chosen model that no
 * live node has — kept, flagged, never silently replaced (ADR 0040).
 */

/** The picker value of storyboard frames; a model's is `onnx:<id>`. */
export const PROCEDURAL_VALUE = 'procedural';
export const modelValue = (id: string) => `onnx:${id}`;

export interface ImageEngineChoice {
  value: string;
  /** null: storyboard frames. */
  model: string | null;
  name: string;
  /** Where the live nodes run it; null for storyboard frames and for a model no live node has. */
  where: 'gpu' | 'cpu' | 'gpuOrCpu' | null;
}

const whereOf = (model: AvailableModel): ImageEngineChoice['where'] =>
  model.providers.includes('cuda') ? (model.providers.includes('cpu') ? 'gpuOrCpu' : 'gpu') : 'cpu';

export function imageEngineChoices(
  available: readonly AvailableModel[],
  current: ImageEngineSetting | null,
): { choices: ImageEngineChoice[]; value: string; missing: string | null } {
  const choices: ImageEngineChoice[] = [
    { value: PROCEDURAL_VALUE, model: null, name: '', where: null },
    ...available.map((model) => ({
      value: modelValue(model.id),
      model: model.id,
      name: model.name,
      where: whereOf(model),
    })),
  ];
  const chosen = current?.engine === 'onnx' && current.model ? current.model : null;
  const missing = chosen && !available.some((m) => m.id === chosen) ? chosen : null;
  if (missing)
    choices.push({ value: modelValue(missing), model: missing, name: missing, where: null });
  return { choices, value: chosen ? modelValue(chosen) : PROCEDURAL_VALUE, missing };
}

/** The setting a picker value stands for, keeping the fallback choice as it was. */
export function imageEngineOf(value: string, fallback: boolean): ImageEngineSetting | null {
  if (!value.startsWith('onnx:')) return null;
  return { engine: 'onnx', model: value.slice('onnx:'.length), fallback };
}

export interface VoiceGroup {
  /** Piper's language ("fr_FR"). */
  language: string;
  voices: AvailableModel[];
}

/**
 * Installed Piper voices by language, the project's language first; voices
 * whose id a timeline could not hold (shared/voice-id.ts) are left out.
 */
export function piperVoiceGroups(
  voices: RenderNodesAnswer['voices'],
  language: Language,
): VoiceGroup[] {
  const groups = voices
    .map((group) => ({
      language: group.language,
      voices: group.voices.filter((voice) => voiceIdIssue('piper', voice.id) === null),
    }))
    .filter((group) => group.voices.length > 0);
  const own = (group: VoiceGroup) => group.language.split('_')[0] === language;
  return [...groups.filter(own), ...groups.filter((group) => !own(group))];
}

/** Whether a Piper voice is installed on a live node. */
export const hasPiperVoice = (groups: readonly VoiceGroup[], id: string) =>
  groups.some((group) => group.voices.some((voice) => voice.id === id));

/** A Piper language ("fr_FR") named in the reader's language ("French (France)"). */
export function languageName(language: string, locale: string): string {
  try {
    return (
      new Intl.DisplayNames([locale], { type: 'language', languageDisplay: 'standard' }).of(
        language.replace('_', '-'),
      ) ?? language
    );
  } catch {
    return language;
  }
}
