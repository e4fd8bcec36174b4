import type { MessageParams } from '../../shared/api/api-messages.ts';
import type { FieldError } from '../../shared/api/field-errors.ts';
import type { I18n } from '../i18n/index.ts';

/**
 * What an action returns when the server refused the input: the API error's
 * code and message, its per-field messages, and the values the user typed so
 * the form can show them again. Safe to import on the client.
 */
export interface ActionFailure {
  ok: false;
  code: string;
  message: string;
  /** The message's key and parameters (shared/api/api-messages.ts), which the UI words. */
  key?: string;
  params?: MessageParams;
  fields: Record<string, string>;
  /** The same fields' keys and parameters, which the UI words (ADR 0020). */
  fieldErrors?: Record<string, FieldError>;
  values: Record<string, string>;
  /** For RATE_LIMITED: seconds until the next attempt is allowed. */
  retryAfterSec?: number;
}

export interface ActionSuccess {
  ok: true;
}

export type ActionResult = ActionFailure | ActionSuccess;

const CODE_MESSAGES: Partial<Record<string, Parameters<I18n['t']>[0]>> = {
  INVALID_CREDENTIALS: 'errors.invalidCredentials',
  RATE_LIMITED: 'errors.rateLimited',
  FORBIDDEN: 'errors.forbidden',
  UNAUTHENTICATED: 'errors.unauthenticated',
  UNAVAILABLE: 'errors.unavailable',
  INTERNAL: 'errors.generic',
  VALIDATION_FAILED: 'errors.fixFields',
};

/** The sentence to show above a form for a failure (null when there is none). */
export function failureMessage(i18n: I18n, result: ActionResult | undefined | null): string | null {
  if (!result || result.ok) return null;
  if (result.code === 'RATE_LIMITED' && result.retryAfterSec) {
    return i18n.t('errors.rateLimitedFor', { time: i18n.duration(result.retryAfterSec) });
  }
  const key = CODE_MESSAGES[result.code];
  return key ? i18n.t(key) : i18n.sent(result);
}

/** The translated message for one field, if the failure names it. */
export function fieldError(
  i18n: I18n,
  result: ActionResult | undefined | null,
  field: string,
): string | undefined {
  if (!result || result.ok) return undefined;
  const message = result.fields[field];
  return message ? i18n.field(result.fieldErrors?.[field], message) : undefined;
}
