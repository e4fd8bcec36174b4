/**
 * Puts any pasted or uploaded text into one shape before analysis: LF line
 * endings, no BOM or invisible format characters, plain spaces (French
 * typography puts no-break spaces before « » : ; ? !), no trailing blanks,
 * no run of more than 64 spaces.
 * Line numbers reported by the analysis point into this normalised text.
 */
export function normalizeScript(text: string): string {
  return (
    text
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
      .replace(/[\u00A0\u202F\u2007]/g, ' ')
      // Zero-width space/no-break and stray BOMs; ZWJ (\u200D) stays: it glues emoji sequences.
      .replace(/[\u200B\u2060\uFEFF]/g, '')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
      .replace(/\t/g, '    ')
      // A run of spaces longer than any indentation is layout noise; bounding it keeps every later regex linear.
      .replace(/ {65,}/g, ' '.repeat(64))
      .split('\n')
      // trimEnd per line, not / +$/gm: that regex is quadratic on a long run of spaces.
      .map((line) => line.trimEnd())
      .join('\n')
  );
}

/**
 * Removes inline Markdown/Fountain markup from a line of prose: emphasis
 * markers, links (keeping their text), code ticks, HTML tags, [[notes]].
 */
export function stripInlineMarkup(line: string): string {
  return line
    .replace(/\[\[[^\]]*\]\]/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]{0,200}>/g, '')
    .replace(/`+/g, '')
    .replace(/\*\*|__/g, '')
    .replace(/(^|[\s([{"«“‘'—–-])[*_]+(?=\S)/g, '$1')
    .replace(/(?<=\S)[*_]+(?=$|[\s.,;:!?)\]}"»”’'—–-])/g, '');
}

/** Collapses runs of spaces and trims: narration and prompts are single-spaced. */
export function squeeze(text: string): string {
  return text.replace(/[ \t\n]+/g, ' ').trim();
}
