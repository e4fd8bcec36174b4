import {
  ANALYSIS_WARNINGS,
  type AnalysisWarning,
  type AnalysisWarningCode,
} from '../../../shared/analysis/warnings.ts';
import type { MessageParams } from '../../../shared/api/api-messages.ts';
import type { I18n, MessageKey } from '../../i18n/index.ts';

/** The catalogue key of each analysis warning (a test checks every one reads in every language). */
export function analysisWarningKey(code: AnalysisWarningCode): MessageKey {
  return `analysis.warning.${code}`;
}

export const ANALYSIS_WARNING_CODES = Object.keys(ANALYSIS_WARNINGS) as AnalysisWarningCode[];

/**
 * An analysis warning in the user's language: worded from its code, with a
 * language or format parameter (sent as its code) named in the locale. A code
 * this UI does not know yet shows the analysis's English sentence.
 */
export function analysisWarningText(warning: AnalysisWarning, i18n: I18n): string {
  // The code comes over the network: one this UI does not know yet shows the English sentence.
  const key = `analysis.warning.${String(warning.code)}`;
  if (!i18n.has(key)) return warning.message;
  const params: MessageParams = { ...warning.params };
  const named = (prefix: string, value: string | number | undefined) => {
    const nameKey = `${prefix}.${String(value)}`;
    return i18n.has(nameKey) ? i18n.t(nameKey) : String(value);
  };
  if (params.language !== undefined) params.language = named('projects.language', params.language);
  for (const field of ['format', 'detected'] as const) {
    if (params[field] !== undefined) params[field] = named('import.format', params[field]);
  }
  return i18n.t(key, params);
}
