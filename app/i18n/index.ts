import { useRouteLoaderData } from '@remix-run/react';
import { en, type MessageKey } from './en.ts';
import { fr } from './fr.ts';
import { fillPlaceholders, type MessageParams } from '../../shared/api/api-messages.ts';
import type { FieldError } from '../../shared/api/field-errors.ts';
import { formatDuration, formatRelativeTime } from '../lib/format.ts';

/**
 * The one translation layer of the UI: a catalogue per locale, `{name}`
 * placeholders, plural keys (`key.one` / `key.other`), and the server's
 * refusals worded by their keys (`errors.api.*`, `errors.<field>.*`; ADR 0020).
 * The root loader picks the locale.
 */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, fr };

/** The best supported locale for an Accept-Language header (q-values honoured). */
export function pickLocale(acceptLanguage: string | null | undefined): Locale {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return {
        base: tag.trim().toLowerCase().split('-')[0] ?? '',
        q: q ? Number(q.slice(2)) : 1,
        index,
      };
    })
    .filter((entry) => entry.base && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { base } of ranked) {
    if ((LOCALES as readonly string[]).includes(base)) return base as Locale;
  }
  return 'en';
}

type Vars = Record<string, string | number>;
type PluralBase = {
  [K in MessageKey]: K extends `${infer B}.one` ? B : never;
}[MessageKey];

export interface I18n {
  locale: Locale;
  t(key: MessageKey, vars?: Vars): string;
  /** Whether a key computed at run time (`history.field.${name}`) is in the catalogue. */
  has(key: string): key is MessageKey;
  /** `base.one` or `base.other` by the locale's plural rules; `{count}` is filled in. */
  plural(base: PluralBase, count: number, vars?: Vars): string;
  /**
   * A message the server sent (an API error's `key`, `params` and `message`):
   * worded by its key when the catalogue has it, else as the server wrote it.
   */
  sent(message: SentMessage): string;
  /**
   * A refused field in the user's language: by its key (`details.fieldErrors`,
   * shared/api/field-errors.ts), or the server's sentence when it sent no key.
   */
  field(error: FieldError | undefined, message: string): string;
  date(iso: string): string;
  /** "4.5 s", "2 min 05 s", "1 h 02 min" in the locale. */
  duration(sec: number): string;
  /** "2 minutes ago", "yesterday", or the date beyond a week; `now` defaults to the current time. */
  relativeTime(iso: string, now?: Date): string;
}

/** What the server sent of a message: its key and parameters when it has them. */
export interface SentMessage {
  message: string;
  key?: string | undefined;
  params?: MessageParams | undefined;
}

const fill = fillPlaceholders;

const cache = new Map<Locale, I18n>();

export function i18n(locale: Locale): I18n {
  const cached = cache.get(locale);
  if (cached) return cached;
  const messages = catalogues[locale];
  const rules = new Intl.PluralRules(locale);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const value: I18n = {
    locale,
    t: (key, vars) => fill(messages[key] ?? en[key], vars),
    has: (key): key is MessageKey => Object.hasOwn(en, key),
    plural: (base, count, vars) => {
      const key = `${base}.${rules.select(count) === 'one' ? 'one' : 'other'}` as MessageKey;
      return fill(messages[key], { count, ...vars });
    },
    sent: ({ message, key, params }) =>
      key !== undefined && Object.hasOwn(en, key)
        ? fill(messages[key as MessageKey], params)
        : message,
    field: (error, message) =>
      error && Object.hasOwn(en, error.key)
        ? fill(messages[error.key as MessageKey], error.params)
        : message,
    date: (iso) => dates.format(new Date(iso)),
    duration: (sec) => formatDuration(sec, locale),
    relativeTime: (iso, now = new Date()) => formatRelativeTime(iso, now, locale),
  };
  cache.set(locale, value);
  return value;
}

/** The UI's translator, from the locale the root loader chose (English when unknown). */
export function useI18n(): I18n {
  const root = useRouteLoaderData('root') as { locale?: Locale } | undefined;
  return i18n(root?.locale ?? 'en');
}
