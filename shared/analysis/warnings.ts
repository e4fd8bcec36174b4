import { fillPlaceholders, type MessageParams } from '../api/api-messages.ts';

/**
 * Every warning the analysis can give, by code, with its English sentence
 * (`{name}` placeholders filled from the warning's parameters). The result
 * carries the English text for API clients and logs, and the code and
 * parameters beside it so the UI words each warning in the user's language
 * (app/i18n, `analysis.warning.<code>`). Parameters are raw values: a
 * language or format as its code, counts as numbers.
 */
export const ANALYSIS_WARNINGS = {
  languageGuessed:
    'The language could not be detected with confidence; {languageName} was assumed. Set the language to override.',
  formatOverridden: 'Read as {format} as requested, although it looks like {detected}.',
  noStructure: 'No scene structure was found: the whole text is one scene.',
  targetScenesIgnored:
    'targetScenes applies to prose and markdown; this {format} defines {count} scenes itself.',
  castTrimmed:
    '{leftOut} more names looked like characters; only the {kept} most present were kept.',
  narrationClipped: 'A scene was longer than 20,000 characters; its narration was shortened.',
  manyScenes: '{count} scenes: consider a target scene count or a larger maxWordsPerScene.',
  unattributedDialogue: 'Some dialogue lines have no identified speaker.',
  unpunctuatedPassage:
    'A passage had no sentence punctuation for more than {maxWords} words; it was cut every {maxWords} words.',
  tooFewScenes: 'Only {made} scenes could be made (target {target}): the text is too short.',
  noSluglines: 'No sluglines (INT./EXT.) found: the screenplay was read as a single scene.',
  introScene: 'Text before the first scene marker became an introductory scene.',
  nlpUnavailable: 'The language library could not be loaded; names were found with simpler rules.',
} as const;

export type AnalysisWarningCode = keyof typeof ANALYSIS_WARNINGS;

export interface AnalysisWarning {
  code: AnalysisWarningCode;
  params: MessageParams;
  /** The English sentence, for API clients and logs. */
  message: string;
}

export function analysisWarning(
  code: AnalysisWarningCode,
  params: MessageParams = {},
): AnalysisWarning {
  return { code, params, message: fillPlaceholders(ANALYSIS_WARNINGS[code], params) };
}
