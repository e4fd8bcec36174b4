import type { WebhookSettings } from '../config.ts';

/**
 * When a delivery is tried again (pure): exponential backoff from
 * `retryBaseMs`, doubling after each failed attempt up to `retryMaxDelayMs`,
 * and no attempt later than `retryForSec` after the event. Null: give up.
 */
export function nextAttemptAt(
  settings: Pick<WebhookSettings, 'retryBaseMs' | 'retryMaxDelayMs' | 'retryForSec'>,
  attemptsMade: number,
  createdAt: Date,
  now: Date,
): Date | null {
  const delay = Math.min(
    settings.retryMaxDelayMs,
    settings.retryBaseMs * 2 ** Math.max(0, Math.min(attemptsMade - 1, 30)),
  );
  const at = new Date(now.getTime() + delay);
  return at.getTime() - createdAt.getTime() <= settings.retryForSec * 1000 ? at : null;
}

export const ANSWER_EXCERPT_MAX = 300;

/** Control characters (tab and line feed aside), bidi overrides, zero-width and replacement characters. */
const UNSHOWABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffd]/g;

/**
 * What the delivery log keeps of a receiver's answer (pure): at most
 * ANSWER_EXCERPT_MAX characters of text, control and bidi characters
 * replaced, so a hostile receiver cannot write markup-like or invisible text
 * into the log (it is shown as text, never as HTML, in any case).
 */
export function answerExcerpt(text: string): string | null {
  const clean = text.replace(UNSHOWABLE, '?').replace(/\s+/g, ' ').trim();
  if (!clean) return null;
  return clean.length > ANSWER_EXCERPT_MAX ? `${clean.slice(0, ANSWER_EXCERPT_MAX - 1)}…` : clean;
}

/** A delivery's answer counts as accepted on a 2xx status only (redirects are not followed). */
export const accepted = (status: number) => status >= 200 && status < 300;
