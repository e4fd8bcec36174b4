import type { SceneText } from '../scene-text.ts';
import { tokenize } from '../text/tokens.ts';
import type { CastEntry } from './cast-entry.ts';
import type { Mention } from './mentions.ts';

/**
 * Whom the story follows, beyond how often a name comes up: the character
 * who does things (the subject of sentences: "Later, Gran walked …"), whom
 * the sentence-opening pronouns point to ("She poured her tea"), and whom the
 * title names. A name talked about ("a letter from Jamie", "Jamie's farm")
 * counts for presence, not for focus.
 */

/** An introductory phrase before the subject: "Later,", "In the late afternoon,", "À l'aube,". */
const INTRO = /^[^,.;:!?…]{0,60},\s*$/u;
/** A new clause whose subject follows: "…, and Jamie", "…; Lucas", "…, puis Élise". */
const CLAUSE = /(?:[;:]|,\s*(?:and|but|then|so|while|et|mais|puis|alors|tandis que))\s*$/iu;

function isSubject(text: string, m: Mention): boolean {
  const after = text.slice(m.end, m.end + 2);
  if (/^['’]s/.test(after)) return false; // "Jamie's farm": a possessive, not the doer.
  const before = text.slice(Math.max(0, m.start - 80), m.start);
  const sentence = before.split(/[.!?…]\s+|\n/u).pop() ?? '';
  return sentence.trim() === '' || INTRO.test(sentence) || CLAUSE.test(sentence);
}

export interface StoryFocus {
  /** Per entry: subject-position name mentions plus the sentence-opening pronouns resolved to it. */
  subjects: number[];
  /** Per entry: one of its name forms is in the script's title. */
  inTitle: boolean[];
}

export function storyFocus(
  entries: readonly CastEntry[],
  texts: readonly SceneText[],
  mentions: readonly Mention[][],
  pronounMentions: readonly Map<number, number>[],
  title: string | null,
): StoryFocus {
  const subjects = entries.map(() => 0);
  texts.forEach((t, i) => {
    for (const m of mentions[i]!) if (isSubject(t.masked, m)) subjects[m.entry]!++;
    for (const [e, n] of pronounMentions[i]!) subjects[e]! += n;
  });
  const titleKeys = new Set(tokenize(title ?? '').map((t) => t.key));
  const inTitle = entries.map((e) =>
    e.nameForms.some((keys) => keys.length > 0 && keys.every((k) => titleKeys.has(k))),
  );
  return { subjects, inTitle };
}
