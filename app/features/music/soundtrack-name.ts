import type { SoundtrackRecord } from '../../../shared/music/soundtrack.ts';
import { MAX_TEMPO, MIN_TEMPO } from '../../../shared/music/soundtrack-request.ts';
import type { I18n } from '../../i18n/index.ts';

/** Tonics as French names them (solfège). */
const FRENCH_TONICS: Record<string, string> = {
  C: 'do',
  D: 'ré',
  E: 'mi',
  F: 'fa',
  G: 'sol',
  A: 'la',
  B: 'si',
};

/** "D minor" in the page's language: "D minor", "ré mineur", "F♯ major", "fa dièse majeur" (pure). */
export function keyName(i18n: Pick<I18n, 't' | 'locale'>, key: string): string {
  const match = /^([A-G])(#|b)? (major|minor)$/.exec(key);
  if (!match) return key;
  const [, tonic, accidental, mode] = match as unknown as [
    string,
    string,
    string | undefined,
    'major' | 'minor',
  ];
  const tonicName = i18n.locale === 'fr' ? FRENCH_TONICS[tonic]! : tonic;
  return i18n.t(`soundtrack.key.${mode}`, {
    tonic: accidental
      ? i18n.t(accidental === '#' ? 'soundtrack.key.sharp' : 'soundtrack.key.flat', {
          tonic: tonicName,
        })
      : tonicName,
  });
}

/** A kept soundtrack's name: "<mood> <genre> · <key> · <tempo> bpm", translated (pure). */
export function soundtrackName(
  i18n: Pick<I18n, 't' | 'locale'>,
  record: Pick<SoundtrackRecord, 'mood' | 'genre' | 'key' | 'tempoBpm'>,
): string {
  return i18n.t('soundtrack.name', {
    mood: i18n.t(`soundtrack.mood.${record.mood}`),
    genre: i18n.t(`soundtrack.genre.${record.genre}`),
    key: keyName(i18n, record.key),
    tempo: Math.round(record.tempoBpm),
  });
}

/** "" (automatic) or a whole tempo in bounds; anything else is an error to show (pure). */
export function parseTempo(text: string): { tempo: number | undefined } | { error: true } {
  const trimmed = text.trim();
  if (!trimmed) return { tempo: undefined };
  if (!/^\d+$/.test(trimmed)) return { error: true };
  const tempo = Number(trimmed);
  return tempo >= MIN_TEMPO && tempo <= MAX_TEMPO ? { tempo } : { error: true };
}
