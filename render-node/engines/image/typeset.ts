/**
 * Text measurement and line breaking for SVG lettering. SVG has no line
 * wrapping, so lines are broken here with the real advance widths of the
 * DejaVu faces resvg renders with (hundredths of an em, ASCII 32..126 then
 * … “ ” « » ’ — ·). Accented letters measure as their base letter.
 */

export type Face = 'sans' | 'sans-bold' | 'serif' | 'serif-bold' | 'condensed-bold';

const EXTRA_CHARS = '\u2026\u201c\u201d\u00ab\u00bb\u2019\u2014\u00b7';

const WIDTHS: Record<Face, number[]> = {
  sans: parse(
    '32,40,46,84,64,95,78,27,39,39,50,84,32,36,32,34,64,64,64,64,64,64,64,64,64,64,34,34,84,84,84,53,100,68,69,70,77,63,58,77,75,29,29,66,56,86,75,79,60,79,69,63,61,73,68,99,69,61,69,39,34,39,84,50,50,61,63,55,63,62,35,63,63,28,28,58,28,97,63,61,63,63,41,52,39,63,59,82,59,59,52,64,34,64,84,100,52,52,61,61,32,100,32',
  ),
  'sans-bold': parse(
    '35,46,52,84,70,100,87,31,46,46,52,84,38,42,38,37,70,70,70,70,70,70,70,70,70,70,40,40,84,84,84,58,100,77,76,73,83,68,68,82,84,37,37,77,64,100,84,85,73,85,77,72,68,81,77,110,77,72,73,46,37,46,84,50,50,67,72,59,72,68,44,72,71,34,34,67,34,104,71,69,72,72,49,60,48,71,65,92,65,65,58,71,37,71,84,100,66,66,65,65,38,100,38',
  ),
  serif: parse(
    '32,40,46,84,64,95,89,27,39,39,50,84,32,34,32,34,64,64,64,64,64,64,64,64,64,64,34,34,84,84,84,54,100,72,73,77,80,73,69,80,87,40,40,75,66,102,88,82,67,82,75,69,67,84,72,103,71,66,69,39,34,39,84,50,50,60,64,56,64,59,37,64,64,32,31,61,32,95,64,60,64,64,48,51,40,64,56,86,56,56,53,64,34,64,84,100,51,51,61,61,32,100,32',
  ),
  'serif-bold': parse(
    '35,44,52,84,70,95,90,31,47,47,52,84,35,42,35,37,70,70,70,70,70,70,70,70,70,70,37,37,84,84,84,59,100,78,85,80,87,76,71,85,94,47,47,87,70,111,91,87,75,87,83,72,74,87,78,112,78,71,73,47,37,47,84,50,50,65,70,61,70,64,43,70,73,38,36,69,38,106,73,67,70,70,53,56,46,73,58,86,60,58,57,64,36,64,84,100,58,58,62,62,35,100,35',
  ),
  'condensed-bold': parse(
    '31,41,47,75,63,90,78,28,41,41,47,75,34,37,34,33,63,63,63,63,63,63,63,63,63,63,36,36,75,75,75,52,90,70,69,66,75,61,61,74,75,33,33,70,57,90,75,76,66,76,69,65,61,73,70,99,69,65,65,41,33,41,75,45,45,61,64,53,64,61,39,64,64,31,31,60,31,94,64,62,64,64,44,54,43,64,59,83,58,59,52,64,33,64,75,90,59,59,58,58,34,90,34',
  ),
};

function parse(list: string) {
  return list.split(',').map(Number);
}

function advance(face: Face, char: string): number {
  const table = WIDTHS[face];
  const code = char.codePointAt(0) ?? 32;
  if (code >= 32 && code <= 126) return table[code - 32]!;
  const extra = EXTRA_CHARS.indexOf(char);
  if (extra >= 0) return table[95 + extra]!;
  const base = char.normalize('NFD')[0] ?? '';
  const baseCode = base.codePointAt(0) ?? 0;
  if (base !== char && baseCode >= 32 && baseCode <= 126) return table[baseCode - 32]!;
  return table[77 - 32]!; // 'M': wide enough for anything unknown
}

/** Width in px of `text` at `size` px, plus `tracking` em between letters. */
export function measureText(text: string, face: Face, size: number, tracking = 0): number {
  let hundredths = 0;
  let count = 0;
  for (const char of text) {
    hundredths += advance(face, char);
    count++;
  }
  return ((hundredths / 100 + tracking * Math.max(0, count - 1)) * size) | 0;
}

export interface TextStyle {
  face: Face;
  size: number;
  tracking?: number;
}

/** Shortens `text` at a word boundary with an ellipsis until it fits. */
export function fitLine(text: string, style: TextStyle, maxWidth: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (measureText(clean, style.face, style.size, style.tracking) <= maxWidth) return clean;
  const words = clean.split(' ');
  while (words.length > 1) {
    words.pop();
    const candidate = `${words.join(' ').replace(/[\s,;:.\u2014-]+$/, '')}\u2026`;
    if (measureText(candidate, style.face, style.size, style.tracking) <= maxWidth)
      return candidate;
  }
  // One long word: cut by characters.
  let word = words[0] ?? '';
  while (word.length > 1 && measureText(`${word}\u2026`, style.face, style.size) > maxWidth) {
    word = word.slice(0, -1);
  }
  return `${word}\u2026`;
}

/** Greedy line breaking into at most `maxLines`; the last line is ellipsised when text remains. */
export function wrapText(
  text: string,
  style: TextStyle,
  maxWidth: number,
  maxLines: number,
): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines: string[] = [];
  let current = '';
  let index = 0;
  for (; index < words.length; index++) {
    const word = words[index]!;
    const candidate = current ? `${current} ${word}` : word;
    if (measureText(candidate, style.face, style.size, style.tracking) <= maxWidth || !current) {
      current = candidate;
      continue;
    }
    lines.push(current);
    current = word;
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines) {
    if (current) lines.push(current);
    return lines.map((l) => fitLine(l, style, maxWidth));
  }
  // Out of lines with words left: the last line takes the rest, ellipsised.
  const rest = [lines.pop()!, ...words.slice(index)].join(' ');
  lines.push(fitLine(rest, style, maxWidth));
  return lines;
}

/** The first sentence of a narration (what a storyboard panel quotes). */
export function firstSentence(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const match = /^(.+?[.!?\u2026])(\s|$)/.exec(clean);
  return match ? match[1]! : clean;
}
