import { LANGUAGES, STYLE_PRESETS, type Language, type StylePreset } from '../timeline.ts';
import { apiMessage } from '../api/api-messages.ts';
import { AnalysisInputError, badText } from './errors.ts';
import { SCRIPT_FORMATS, type AnalyzeOptions, type ScriptFormat } from './types.ts';

/** Above this the analysis would still finish, but nobody edits such a board; the API's 413 is lower. */
export const MAX_SCRIPT_CHARS = 2_000_000;
export const MAX_TARGET_SCENES = 500;
export const DEFAULT_MIN_WORDS = 20;
export const DEFAULT_MAX_WORDS = 160;

export interface ResolvedOptions {
  format: ScriptFormat | 'auto';
  language: Language | 'auto';
  stylePreset: StylePreset;
  targetScenes: number | null;
  minWords: number;
  maxWords: number;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Checks the text and every option before any work; throws AnalysisInputError naming the field. */
export function resolveOptions(
  text: unknown,
  options: AnalyzeOptions | undefined,
): ResolvedOptions {
  if (typeof text !== 'string') throw badText(apiMessage('errors.api.scriptNotText'));
  if (text.trim() === '') throw badText(apiMessage('errors.api.scriptEmpty'));
  if (text.length > MAX_SCRIPT_CHARS) {
    throw badText(
      apiMessage('errors.api.scriptTooLong', { length: text.length, max: MAX_SCRIPT_CHARS }),
    );
  }
  const o = options ?? {};
  if (typeof o !== 'object') throw new AnalysisInputError('options', 'options must be an object');
  const format = o.format ?? 'auto';
  if (format !== 'auto' && !(SCRIPT_FORMATS as readonly string[]).includes(format)) {
    throw new AnalysisInputError(
      'format',
      `format must be one of auto, ${SCRIPT_FORMATS.join(', ')} (got ${JSON.stringify(format)})`,
    );
  }
  const language = o.language ?? 'auto';
  if (language !== 'auto' && !(LANGUAGES as readonly string[]).includes(language)) {
    throw new AnalysisInputError(
      'language',
      `language must be one of auto, ${LANGUAGES.join(', ')} (got ${JSON.stringify(language)})`,
    );
  }
  const stylePreset = o.stylePreset ?? 'cinematic';
  if (!(STYLE_PRESETS as readonly string[]).includes(stylePreset)) {
    throw new AnalysisInputError(
      'stylePreset',
      `stylePreset must be one of ${STYLE_PRESETS.join(', ')} (got ${JSON.stringify(stylePreset)})`,
    );
  }
  let targetScenes: number | null = null;
  if (o.targetScenes !== undefined && o.targetScenes !== null) {
    if (!isInt(o.targetScenes) || o.targetScenes < 1 || o.targetScenes > MAX_TARGET_SCENES) {
      throw new AnalysisInputError(
        'targetScenes',
        `targetScenes must be a whole number from 1 to ${MAX_TARGET_SCENES}`,
      );
    }
    targetScenes = o.targetScenes;
  }
  const minWords = o.minWordsPerScene ?? DEFAULT_MIN_WORDS;
  const maxWords = o.maxWordsPerScene ?? Math.max(DEFAULT_MAX_WORDS, minWords * 2);
  if (!isInt(minWords) || minWords < 1 || minWords > 10_000) {
    throw new AnalysisInputError(
      'minWordsPerScene',
      'minWordsPerScene must be a whole number from 1 to 10000',
    );
  }
  if (!isInt(maxWords) || maxWords < 5 || maxWords > 20_000) {
    throw new AnalysisInputError(
      'maxWordsPerScene',
      'maxWordsPerScene must be a whole number from 5 to 20000',
    );
  }
  if (maxWords < minWords) {
    throw new AnalysisInputError(
      'maxWordsPerScene',
      `maxWordsPerScene (${maxWords}) must not be less than minWordsPerScene (${minWords})`,
    );
  }
  return { format, language, stylePreset, targetScenes, minWords, maxWords };
}
