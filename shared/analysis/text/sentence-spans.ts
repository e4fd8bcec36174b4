import { isAbbreviationDot } from './tokens.ts';

/** Sentence boundaries as offsets, for passes that need positions (pronouns, descriptions). */
export interface Span {
  start: number;
  end: number;
}

const BOUNDARY = /[.!?…]+["»”’)\]]*(?:\s+|$)|\n\n+/g;

export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let from = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m; m = BOUNDARY.exec(text)) {
    if (m[0][0] === '.' && isAbbreviationDot(text, m.index, m[0].trimEnd(), from)) continue;
    const end = m.index + m[0].length;
    if (text.slice(from, end).trim()) spans.push({ start: from, end });
    from = end;
    if (m[0].length === 0) BOUNDARY.lastIndex++;
  }
  if (text.slice(from).trim()) spans.push({ start: from, end: text.length });
  return spans;
}
