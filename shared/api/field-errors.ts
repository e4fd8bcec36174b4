import type { z } from 'zod';

/**
 * Why a request field was refused, as a stable key with parameters that
 * app/i18n words in the user's language (`errors.title.tooLong`, `{ max }`),
 * beside the English sentence API clients read. The key comes from the zod
 * issue, not from its sentence: `errors.<field>.<problem>`, or the key a
 * custom check names in its `params.key` (text safety, password strength).
 */

export type FieldErrorParams = Record<string, string | number>;

export interface FieldError {
  key: string;
  params: FieldErrorParams;
}

/** What this module reads of a zod issue (zod's own type is wider). */
export interface FieldIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  minimum?: unknown;
  maximum?: unknown;
  params?: Record<string, unknown>;
}

/**
 * Every key the shared schemas and the server's own checks can produce; the
 * i18n test holds both catalogues to this list.
 */
export const FIELD_ERROR_KEYS = [
  'errors.email.invalid',
  'errors.email.required',
  'errors.email.tooLong',
  'errors.email.taken',
  'errors.email.alreadyMember',
  'errors.name.required',
  'errors.name.tooLong',
  'errors.password.required',
  'errors.password.tooShort',
  'errors.password.tooLong',
  'errors.password.repetitive',
  'errors.password.guessable',
  'errors.password.common',
  'errors.title.required',
  'errors.title.tooLong',
  'errors.message.tooLong',
  'errors.role.invalid',
  'errors.language.invalid',
  'errors.unsafe.control',
  'errors.unsafe.bidi',
  'errors.unsafe.line-break',
  'errors.unsafe.nul',
  // For a field without its own wording (API clients' fields, new fields).
  'errors.field.required',
  'errors.field.tooShort',
  'errors.field.tooLong',
  'errors.field.invalid',
] as const;

export type FieldErrorKey = (typeof FIELD_ERROR_KEYS)[number];

/** The `params` a custom check adds to its issue so that the UI can word it. */
export const keyedIssueParams = (key: FieldErrorKey, params: FieldErrorParams = {}) => ({
  key,
  ...params,
});

const numberParam = (value: unknown) => (typeof value === 'number' ? value : Number(value));

function problemOf(issue: FieldIssue): { problem: string; params: FieldErrorParams } {
  if (issue.code === 'too_small') {
    const min = numberParam(issue.minimum);
    return min === 1
      ? { problem: 'required', params: {} }
      : { problem: 'tooShort', params: { min } };
  }
  if (issue.code === 'too_big')
    return { problem: 'tooLong', params: { max: numberParam(issue.maximum) } };
  return { problem: 'invalid', params: {} };
}

/** One field refused by a check outside the schemas (a taken e-mail), as fieldErrorsOf reports it. */
export const refusedField = (field: string, key: FieldErrorKey, message: string): FieldErrors => ({
  fields: { [field]: message },
  fieldErrors: { [field]: { key, params: {} } },
});

/** The key and parameters of one issue on a request field (pure). */
export function fieldErrorOf(issue: FieldIssue): FieldError {
  const { key, ...rest } = issue.params ?? {};
  if (typeof key === 'string') {
    const params: FieldErrorParams = {};
    for (const [name, value] of Object.entries(rest)) {
      if (typeof value === 'string' || typeof value === 'number') params[name] = value;
    }
    return { key, params };
  }
  const field = String(issue.path.at(-1) ?? '');
  const { problem, params } = problemOf(issue);
  const own = `errors.${field}.${problem}`;
  return {
    key: (FIELD_ERROR_KEYS as readonly string[]).includes(own) ? own : `errors.field.${problem}`,
    params,
  };
}

/** The `details` of a 422 on a request's fields. */
export type FieldErrors = {
  /** The English sentence per field, for API clients. */
  fields: Record<string, string>;
  /** The same fields' keys and parameters, which the UI words. */
  fieldErrors: Record<string, FieldError>;
};

/** The first issue per field, by dotted path (`_` for the whole body), as the API reports them. */
export function fieldErrorsOf(issues: readonly FieldIssue[]): FieldErrors {
  const fields: Record<string, string> = {};
  const fieldErrors: Record<string, FieldError> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (path in fields) continue;
    fields[path] = issue.message;
    fieldErrors[path] = fieldErrorOf(issue);
  }
  return { fields, fieldErrors };
}

/** `details.fieldErrors` of an API error as received (untrusted JSON): the well-formed entries only. */
export function readFieldErrors(details: unknown): Record<string, FieldError> {
  const raw = (details as { fieldErrors?: unknown } | null | undefined)?.fieldErrors;
  if (!raw || typeof raw !== 'object') return {};
  const errors: Record<string, FieldError> = {};
  for (const [field, value] of Object.entries(raw)) {
    const { key, params } = (value ?? {}) as Partial<FieldError>;
    if (typeof key !== 'string') continue;
    errors[field] = { key, params: params && typeof params === 'object' ? params : {} };
  }
  return errors;
}

/**
 * A form's values checked against the schema the server parses them with:
 * the refused fields as the API would report them, or null when the server
 * would accept them. Lets the UI show a field's error before any round trip.
 */
export function checkFields(schema: z.ZodType, input: unknown): FieldErrors | null {
  const result = schema.safeParse(input);
  return result.success ? null : fieldErrorsOf(result.error.issues);
}
