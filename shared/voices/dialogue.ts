/**
 * Narration split into who speaks it. A scene's narration holds dialogue as
 * lines `Speaker: line` (written by the analysis for screenplays, typed by
 * people too; French typography puts a space before the colon). A line is
 * dialogue only when its speaker is in the cast, so "Note: …" or "Visual: …"
 * stay narration. The render node (voices), the captions and the editor all
 * read narration through this one parser. Pure.
 */

export interface Speaker {
  id: string;
  name: string;
}

export interface NarrationPart {
  /** The cast member who speaks it; null: the narrator. */
  speakerId: string | null;
  /** The speaker's name as the cast spells it (never part of `text`); null: the narrator. */
  speaker: string | null;
  /** What is said, without the speaker's name. */
  text: string;
}

/** Spaces French typography puts before a colon, besides the ordinary one. */
const SPACE = '[ \\t\\u00a0\\u202f]';
/** `Name: text` / `NAME : text`; the name is short and holds no colon or sentence punctuation. */
const SPEAKER_LINE = new RegExp(`^${SPACE}*([^:.!?\\n]{1,60}?)${SPACE}*:${SPACE}*(.*)$`);

/** Case, accents and spacing do not matter when a line names a speaker. */
export function speakerKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}

/**
 * The narration's parts in order: runs of narrator text and each speaker's
 * lines (consecutive lines of one voice joined by a new line). Empty lines
 * separate nothing; parts with no words are dropped.
 */
export function splitNarration(text: string, cast: readonly Speaker[]): NarrationPart[] {
  const byKey = new Map<string, Speaker>();
  for (const member of cast) {
    const key = speakerKey(member.name);
    // Two members with one name: the first (by the cast's order) speaks.
    if (key && !byKey.has(key)) byKey.set(key, member);
  }
  const parts: NarrationPart[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = SPEAKER_LINE.exec(line);
    const member = match ? byKey.get(speakerKey(match[1]!)) : undefined;
    const said = (member ? match![2]! : line).trim();
    if (!said) continue;
    const speakerId = member?.id ?? null;
    const last = parts.at(-1);
    if (last && last.speakerId === speakerId) last.text = `${last.text}\n${said}`;
    else parts.push({ speakerId, speaker: member?.name ?? null, text: said });
  }
  return parts;
}

/** The words spoken, speakers' names left out (what captions and estimates count). */
export const spokenText = (parts: readonly Pick<NarrationPart, 'text'>[]) =>
  parts.map((p) => p.text).join('\n');
