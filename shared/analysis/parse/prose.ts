import { stripInlineMarkup, squeeze } from '../text/normalize.ts';
import type { RawDialogue } from './raw-scene.ts';
import { parseSpeakerTag } from './speaker-tag.ts';

/**
 * Prose and Markdown: paragraphs, headings (ATX `#` and setext), chapter
 * lines ("Chapter 3", "Chapitre II", "Prologue"), scene breaks (`***`,
 * `* * *`, `---`, `⁂`) and chat-style dialogue lines ("MARA: …"). The
 * segmentation into scenes happens in segment.ts.
 */

export type ProseBlock =
  | { kind: 'paragraph'; text: string; startLine: number; endLine: number }
  | { kind: 'heading'; text: string; level: number; startLine: number; endLine: number }
  | { kind: 'break'; startLine: number; endLine: number }
  | { kind: 'dialogue'; dialogue: RawDialogue; startLine: number; endLine: number };

export interface ProseDocument {
  title: string | null;
  blocks: ProseBlock[];
}

const ATX = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
export const SCENE_BREAK = /^(?:(?:[*\-_~=•·+]\s*){3,}|[⁂§#]+|\*|#)$/;
export const CHAPTER =
  /^(?:chapter|chapitre|part|partie|book|livre|prologue|epilogue|épilogue|interlude|act|acte)\b[^.!?]{0,80}$|^[IVXLC]{1,7}\.?$|^\d{1,3}\.?$/i;

/** Chat-style dialogue is recognised only when it is a habit of the text, not one "Note: …" line. */
function usesSpeakerTags(lines: readonly string[]): boolean {
  const counts = new Map<string, number>();
  let tagged = 0;
  let nonBlank = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    nonBlank++;
    const d = parseSpeakerTag(line);
    if (!d?.speaker) continue;
    tagged++;
    counts.set(d.speaker, (counts.get(d.speaker) ?? 0) + 1);
  }
  return tagged >= 2 && ([...counts.values()].some((n) => n >= 2) || tagged / nonBlank >= 0.3);
}

export function parseProseBlocks(text: string): ProseDocument {
  const lines = text.split('\n');
  const tags = usesSpeakerTags(lines);
  const blocks: ProseBlock[] = [];
  let para: string[] = [];
  let paraStart = 0;
  const flush = (endLine: number) => {
    if (para.length) {
      const joined = squeeze(para.map(stripInlineMarkup).join(' '));
      if (joined) blocks.push({ kind: 'paragraph', text: joined, startLine: paraStart, endLine });
    }
    para = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const lineNo = i + 1;
    const prevBlank = i === 0 || lines[i - 1]!.trim() === '';
    const nextBlank = i === lines.length - 1 || lines[i + 1]!.trim() === '';
    if (line === '') {
      flush(lineNo - 1);
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      flush(lineNo - 1);
      blocks.push({
        kind: 'heading',
        text: stripInlineMarkup(atx[2]!).trim(),
        level: atx[1]!.length,
        startLine: lineNo,
        endLine: lineNo,
      });
      continue;
    }
    if (para.length === 1 && /^(?:=+|-+)$/.test(line) && line.length >= 2) {
      // Setext heading: the single line above, underlined.
      const headingText = stripInlineMarkup(para[0]!).trim();
      para = [];
      blocks.push({
        kind: 'heading',
        text: headingText,
        level: line.startsWith('=') ? 1 : 2,
        startLine: paraStart,
        endLine: lineNo,
      });
      continue;
    }
    if (SCENE_BREAK.test(line) && (prevBlank || para.length === 0)) {
      flush(lineNo - 1);
      blocks.push({ kind: 'break', startLine: lineNo, endLine: lineNo });
      continue;
    }
    if (prevBlank && nextBlank && CHAPTER.test(line)) {
      flush(lineNo - 1);
      blocks.push({ kind: 'heading', text: line, level: 2, startLine: lineNo, endLine: lineNo });
      continue;
    }
    if (tags) {
      const dialogue = parseSpeakerTag(line);
      if (dialogue) {
        flush(lineNo - 1);
        blocks.push({ kind: 'dialogue', dialogue, startLine: lineNo, endLine: lineNo });
        continue;
      }
    }
    if (para.length === 0) paraStart = lineNo;
    para.push(line);
  }
  flush(lines.length);

  // A lone top heading names the document; it does not open a scene.
  let title: string | null = null;
  const first = blocks[0];
  if (first?.kind === 'heading') {
    const rivals = blocks.some((b, k) => k > 0 && b.kind === 'heading' && b.level <= first.level);
    if (!rivals) {
      title = first.text;
      blocks.shift();
    }
  }
  return { title, blocks };
}
