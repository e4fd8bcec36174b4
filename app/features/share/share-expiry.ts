import {
  MAX_SHARE_LINK_SECONDS,
  SHARE_EXPIRY_PRESETS,
  type ShareExpiryPreset,
} from '../../../shared/api/share-links.ts';

/** The Share dialog's expiry choices: the presets, or a date the person picks. */
export type ExpiryChoice = ShareExpiryPreset | 'date';

/**
 * `expiresInSeconds` for a choice (null: never). A date (`YYYY-MM-DD`, the
 * browser's date field) means the end of that day in the person's time zone;
 * a day already over, or a malformed or too distant one, is 'invalid'.
 */
export function expiryInSeconds(
  choice: ExpiryChoice,
  date: string,
  now: Date,
): number | null | 'invalid' {
  if (choice !== 'date') return SHARE_EXPIRY_PRESETS[choice];
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return 'invalid';
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const end = new Date(year, month - 1, day, 23, 59, 59);
  if (end.getFullYear() !== year || end.getMonth() !== month - 1 || end.getDate() !== day)
    return 'invalid';
  const seconds = Math.floor((end.getTime() - now.getTime()) / 1000);
  return seconds >= 1 && seconds <= MAX_SHARE_LINK_SECONDS ? seconds : 'invalid';
}
