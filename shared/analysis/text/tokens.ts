/**
 * Word and sentence tokenisation shared by every step. Unicode-aware (French
 * accents, any script, emoji are simply not words) and linear in the input:
 * a 200 KB line without punctuation must not make any regex backtrack.
 */

export interface Token {
  /** As written. */
  text: string;
  /** Lower case, French elision and English possessive removed: "l'eau" → "eau", "June's" → "june". */
  key: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;
const ELISION = /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=[\p{L}])/iu;
const POSSESSIVE = /['’]s$/i;

export function tokenKey(word: string): string {
  return word.replace(ELISION, '').replace(POSSESSIVE, '').toLowerCase();
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    tokens.push({ text: m[0], key: tokenKey(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text)) n++;
  return n;
}

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'mt',
  'jr',
  'sr',
  'vs',
  'etc',
  'prof',
  'capt',
  'sgt',
  'lt',
  'col',
  'gen',
  'no',
  'fig',
  'm',
  'mme',
  'mlle',
  'mm',
  'me',
  'pr',
  'cf',
  'ex',
  'env',
  'av',
  'bd',
]);

/**
 * True when the "." at `index` ends an abbreviation ("Mr.", "Mme.") or an
 * initial ("J. R."), not a sentence. `mark` is the matched terminator.
 */
export function isAbbreviationDot(text: string, index: number, mark: string, from = 0): boolean {
  if (mark.trim() !== '.') return false;
  const before = text.slice(Math.max(from, index - 12), index);
  const lastWord = /([\p{L}]+)$/u.exec(before)?.[1] ?? '';
  return ABBREVIATIONS.has(lastWord.toLowerCase()) || /^\p{Lu}$/u.test(lastWord);
}

/**
 * Splits a paragraph into sentences at . ! ? … followed by a capital, a quote,
 * a dash or a digit; closing quotes stay with their sentence; known
 * abbreviations (Mr., Mme.) and initials do not end a sentence.
 */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  const end = /[.!?…]+["»”’')\]]*\s+(?=["«“‘(\-—–\p{Lu}\p{N}¿¡])/gu;
  let from = 0;
  for (let m = end.exec(paragraph); m; m = end.exec(paragraph)) {
    if (isAbbreviationDot(paragraph, m.index, m[0], from)) continue;
    const cut = m.index + m[0].trimEnd().length;
    const sentence = paragraph.slice(from, cut).trim();
    if (sentence) out.push(sentence);
    from = m.index + m[0].length;
  }
  const rest = paragraph.slice(from).trim();
  if (rest) out.push(rest);
  return out;
}

export const isCapitalized = (word: string): boolean => /^\p{Lu}/u.test(word);
export const isAllCaps = (word: string): boolean => /\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word);

export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

/** "RIVERSIDE NIGHT MARKET" → "Riverside night market". */
export function sentenceCase(text: string): string {
  const lower = text.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** "JUNE PARK" → "June Park", "O'NEIL" → "O'Neil", "JEAN-LUC" → "Jean-Luc". */
export function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[\s\-'’.])(\p{Ll})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase())
    .replace(/(\p{Ll})['’]S\b/gu, "$1's");
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Cuts at a word boundary and adds an ellipsis when the text is longer than `max` characters. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '') + '…';
}

/** First `n` words of a text (keeps the original spacing and punctuation inside). */
export function firstWords(text: string, n: number): string {
  WORD.lastIndex = 0;
  let count = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    if (++count === n) return text.slice(0, m.index + m[0].length);
  }
  return text;
}
