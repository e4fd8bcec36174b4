import { AnalysisInputError, type ScriptAnalysis } from '../../shared/analysis/index.ts';
import { MAX_SCRIPT_BYTES } from '../../shared/api/limits.ts';
import { findUnsafeCharacter, unsafeCharacterMessage } from '../../shared/text-safety.ts';
import { jsonBody } from '../http/body-limits.ts';
import { apiMessage, englishMessage } from '../../shared/api/api-messages.ts';
import { ApiError } from '../http/errors.ts';

/**
 * `POST /api/v1/analysis/scenes`: a script in, the analyser's breakdown out
 * (shared/analysis, returned as-is). The analysis is pure CPU work, done in
 * a worker thread (analysis-pool.ts); the size limits below keep one request
 * to about a second of that thread's time.
 */

/**
 * The route's own JSON body limit, above the global MAX_BODY_BYTES: JSON
 * escaping (`\n`, `\"`, `\\`) can double a text's size, so a text just under
 * 1 MB always fits, and the text itself is then measured against 1 MB.
 */
export const ANALYSIS_BODY_LIMIT_BYTES = 2 * MAX_SCRIPT_BYTES + 64 * 1024;

/** The options the route passes on; anything else in the body is ignored. */
const OPTION_KEYS = ['format', 'language', 'stylePreset', 'targetScenes'] as const;

function textTooLarge(sizeBytes?: number): ApiError {
  return new ApiError('PAYLOAD_TOO_LARGE', 'errors.api.scriptTooLarge', {
    field: 'text',
    limitBytes: MAX_SCRIPT_BYTES,
    ...(sizeBytes === undefined ? {} : { sizeBytes }),
  });
}

/**
 * The JSON body parser for the analysis routes, mounted before the global
 * one (which then leaves the parsed body alone), after the session is known.
 * A body too large for this limit gets the same clear 413 as a text over
 * 1 MB; a stranger's big body is not a script too large but a missing
 * session (http/body-limits.ts lets strangers send only a few KiB).
 */
export function analysisBodyParser() {
  return jsonBody(ANALYSIS_BODY_LIMIT_BYTES, (req) =>
    req.session ? textTooLarge() : new ApiError('UNAUTHENTICATED', 'errors.api.signInRequired'),
  );
}

/**
 * Validates the request body and analyses the script with `analyze` (the
 * worker pool in the web process, analysis-pool.ts); bad input → 413 or 422
 * naming the field.
 */
export async function analyzeScriptRequest<Result = ScriptAnalysis>(
  body: unknown,
  analyze: (text: unknown, options: Record<string, unknown>) => Promise<Result>,
): Promise<Result> {
  const input: Record<string, unknown> =
    body && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  const { text } = input;
  if (typeof text === 'string') {
    const sizeBytes = Buffer.byteLength(text, 'utf8');
    if (sizeBytes > MAX_SCRIPT_BYTES) throw textTooLarge(sizeBytes);
    // The scenes made from the script go into the document: refuse what a commit would refuse.
    const unsafe = findUnsafeCharacter(text, 'multi-line');
    if (unsafe) {
      const refusal = apiMessage('errors.api.scriptUnsafe', {
        detail: unsafeCharacterMessage(unsafe),
        codePoint: unsafe.codePoint,
        position: unsafe.position,
      });
      throw new ApiError('VALIDATION_FAILED', refusal, {
        field: 'text',
        fields: { text: englishMessage(refusal) },
      });
    }
  }
  const options: Record<string, unknown> = {};
  for (const key of OPTION_KEYS) {
    if (input[key] !== undefined && input[key] !== null) options[key] = input[key];
  }
  try {
    // The analyser checks the type and range of the text and of every option itself.
    return await analyze(text, options);
  } catch (err) {
    if (err instanceof AnalysisInputError) {
      throw new ApiError('VALIDATION_FAILED', err.refusal, {
        field: err.field,
        fields: { [err.field]: err.message },
      });
    }
    throw err;
  }
}
