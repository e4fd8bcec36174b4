/**
 * Bad input to the analyser: names the offending field so the API can answer
 * 400 VALIDATION_FAILED with `details.field`, and the import dialog can point
 * at it. Thrown before any work is done.
 */
export class AnalysisInputError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'AnalysisInputError';
    this.field = field;
  }
}
