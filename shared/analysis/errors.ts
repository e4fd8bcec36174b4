import { apiMessage, englishMessage, type ApiMessage } from '../api/api-messages.ts';

/**
 * Bad input to the analyser: names the offending field so the API can answer
 * 400 VALIDATION_FAILED with `details.field`, and the import dialog can point
 * at it. Thrown before any work is done.
 */
export class AnalysisInputError extends Error {
  readonly field: string;
  /** The refusal as the API words it: a specific key, or the option's sentence as is. */
  readonly refusal: ApiMessage;
  constructor(field: string, message: string, refusal?: ApiMessage) {
    super(message);
    this.name = 'AnalysisInputError';
    this.field = field;
    this.refusal = refusal ?? apiMessage('errors.api.analysisOption', { field, reason: message });
  }
}

/** Bad text: the sentence comes from the key's English template. */
export const badText = (refusal: ApiMessage) =>
  new AnalysisInputError('text', englishMessage(refusal), refusal);
