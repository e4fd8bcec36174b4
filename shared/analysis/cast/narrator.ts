import type { SceneText } from '../scene-text.ts';
import type { Vocabulary } from '../vocabulary/index.ts';
import { newEntry, type CastEntry } from './cast-entry.ts';
import type { StoryFocus } from './focus.ts';
import type { Presence } from './rank-cast.ts';

/**
 * Point of view: a story told as "I went…" / "je suis allée…" follows its
 * narrator, whatever names it mentions. The narrator joins the cast (in the
 * scenes where it says "I"), every "I" / "je" counting as a subject.
 */

export interface FirstPersonReading {
  /** Per scene: first-person words outside quotes. */
  perScene: number[];
  /** "I" / "je" / "j'": the narrator as the subject of a sentence. */
  subjects: number;
}

/** Below this, "I" is a turn of phrase ("I think") in a third-person story, not its point of view. */
const MIN_FIRST_PERSON = 3;
const MIN_SHARE = 0.01;

export function readFirstPerson(
  texts: readonly SceneText[],
  vocab: Vocabulary,
): FirstPersonReading | null {
  let words = 0;
  let subjects = 0;
  const perScene = texts.map((t) => {
    let n = 0;
    for (const tok of t.tokens) {
      words++;
      // "j'ai": the elision leaves "ai" as the key, the subject is in the text.
      const subject = vocab.firstPersonSubjects.has(tok.key) || /^j['’]\p{L}/iu.test(tok.text);
      if (subject) subjects++;
      if (subject || vocab.firstPersonWords.has(tok.key)) n++;
    }
    return n;
  });
  const total = perScene.reduce((a, b) => a + b, 0);
  if (subjects < MIN_FIRST_PERSON || total / Math.max(1, words) < MIN_SHARE) return null;
  return { perScene, subjects };
}

/** Adds the narrator to the entries, the scenes' presence and the story focus. */
export function addNarrator(
  entries: CastEntry[],
  presence: Presence,
  focus: StoryFocus,
  reading: FirstPersonReading,
  vocab: Vocabulary,
): void {
  const e = entries.length;
  entries.push(newEntry(vocab.narratorName, [], 'name'));
  reading.perScene.forEach((n, i) => {
    if (n > 0) presence[i]!.set(e, n);
  });
  // The point of view is whom the story follows: the narrator is the subject most often by
  // definition, even where a sentence about someone else opens with their name.
  focus.subjects.push(Math.max(reading.subjects, ...focus.subjects.map((n) => n + 1)));
  focus.inTitle.push(false);
}
