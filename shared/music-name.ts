import { MAX_MUSIC_NAME } from './api/limits.ts';

/**
 * A music file's name as the bed's display name (the browser sends it, the
 * server applies it again): the part after any folder,
 * trimmed, cut to the longest name the document keeps (never inside a
 * surrogate pair). Null when nothing is left (the bed is then unnamed).
 */
export function musicUploadName(fileName: string): string | null {
  const base = fileName.split(/[\\/]/).at(-1)!.trim();
  if (!base) return null;
  if (base.length <= MAX_MUSIC_NAME) return base;
  const cut = base.slice(0, MAX_MUSIC_NAME);
  const last = cut.charCodeAt(cut.length - 1);
  return (last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut).trimEnd();
}
