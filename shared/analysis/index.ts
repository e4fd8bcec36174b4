/**
 * Script analysis: a pasted story, screenplay or explainer script in, a
 * proposed breakdown out (scenes, cast, acts, prompts). Pure: no I/O, runs
 * in Node and in the browser. See README.md.
 *
 *   const analysis = await analyzeScript(text, { stylePreset: 'watercolor' });
 *   applyAnalysis(doc, analysis, { mode: 'replace', origin: 'import' });
 */
import { LANGUAGES, type Language } from '../timeline.ts';
import { analyzeScriptSync } from './analyze.ts';
import { detectLanguage } from './language.ts';
import { loadNlpToolkit } from './nlp/load-toolkit.ts';
import type { NlpToolkit } from './nlp/toolkit.ts';
import { resolveOptions } from './options.ts';
import type { AnalyzeOptions, ScriptAnalysis } from './types.ts';
import { analysisWarning, type AnalysisWarning } from './warnings.ts';

export { analyzeScriptSync } from './analyze.ts';
export { AnalysisInputError } from './errors.ts';
export { detectFormat, type FormatGuess } from './format.ts';
export { detectLanguage, type LanguageGuess } from './language.ts';
export { MAX_SCRIPT_CHARS, MAX_TARGET_SCENES } from './options.ts';
export {
  buildImagePrompt,
  type ImagePrompt,
  type PromptCast,
  type PromptScene,
} from './prompt/build-prompt.ts';
export type { NlpToolkit } from './nlp/toolkit.ts';
export * from './types.ts';

export interface Analyzer {
  /** Synchronous analysis with the NLP libraries already loaded. */
  analyze(text: string, options?: AnalyzeOptions): ScriptAnalysis;
}

async function toolkitOrNull(
  languages: readonly Language[],
): Promise<{ nlp: NlpToolkit | null; warning: AnalysisWarning | null }> {
  try {
    return { nlp: await loadNlpToolkit(languages), warning: null };
  } catch {
    return {
      nlp: null,
      warning: analysisWarning('nlpUnavailable'),
    };
  }
}

/**
 * Loads the NLP libraries once (lazily, in their own chunks) and returns a
 * synchronous analyser. `languages` limits what is downloaded (default: all).
 * If a library cannot be loaded, the analyser still works with heuristics
 * and says so in `warnings`.
 */
export async function loadAnalyzer(
  options: { languages?: readonly Language[] } = {},
): Promise<Analyzer> {
  const { nlp, warning } = await toolkitOrNull(options.languages ?? LANGUAGES);
  return {
    analyze(text, analyzeOptions) {
      const result = analyzeScriptSync(text, analyzeOptions, nlp);
      if (warning) {
        result.warnings.push(warning.message);
        result.warningDetails.push(warning);
      }
      return result;
    },
  };
}

/**
 * The main entry: validates the input (rejects with AnalysisInputError
 * naming the field), loads the NLP library for the script's language on
 * first use, then analyses.
 */
export async function analyzeScript(
  text: string,
  options?: AnalyzeOptions,
): Promise<ScriptAnalysis> {
  const resolved = resolveOptions(text, options);
  const language = resolved.language === 'auto' ? detectLanguage(text).language : resolved.language;
  return (await loadAnalyzer({ languages: [language] })).analyze(text, options);
}
