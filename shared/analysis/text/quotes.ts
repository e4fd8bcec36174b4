/**
 * Direct speech in prose: “…”, "…", «…», and French dialogue paragraphs that
 * open with a dash (— Bonjour, dit-il.). A quote left open closes at the end
 * of its paragraph (English reopens quotes on each paragraph of a long
 * speech). A "quote" longer than MAX_QUOTE is a stray mark, not speech.
 */

export interface QuoteSpan {
  /** Offset of the opening mark. */
  start: number;
  /** Offset just past the closing mark (or the paragraph end). */
  end: number;
  /** The spoken words, trimmed. */
  text: string;
}

const MAX_QUOTE = 3000;
const CLOSERS: Record<string, string> = { '“': '”', '«': '»', '"': '"', '„': '“' };

export function findQuotes(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open: { start: number; closer: string } | null = null;
  let paraStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n' && text[i + 1] === '\n') {
      if (open) push(open.start, i);
      open = null;
      paraStart = true;
      continue;
    }
    if (open) {
      if (ch === open.closer) {
        push(open.start, i + 1);
        open = null;
      } else if (i - open.start > MAX_QUOTE) {
        open = null; // a stray mark: forget it
      }
      continue;
    }
    if (paraStart && (ch === '—' || ch === '–') && text[i + 1] === ' ') {
      const end = text.indexOf('\n\n', i);
      const stop = end === -1 ? text.length : end;
      push(i, stop);
      i = stop - 1;
      continue;
    }
    if (ch !== ' ' && ch !== '\n') paraStart = false;
    const closer = CLOSERS[ch];
    if (closer) open = { start: i, closer };
  }
  if (open) push(open.start, text.length);
  return spans;

  function push(start: number, end: number) {
    const inner = text
      .slice(start + 1, end)
      .replace(/[”»"“]$/, '')
      .trim()
      .replace(/^[\s,]+|[\s,]+$/g, '');
    if (inner && end - start <= MAX_QUOTE + 2) spans.push({ start, end, text: inner });
  }
}

/** The text with the spoken words blanked (same length, so offsets still match). */
export function maskQuotes(text: string, spans: readonly QuoteSpan[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let from = 0;
  for (const s of spans) {
    out += text.slice(from, s.start) + ' '.repeat(s.end - s.start);
    from = s.end;
  }
  return out + text.slice(from);
}
