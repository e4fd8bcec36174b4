import type { SceneText } from '../scene-text.ts';
import { sentenceSpans } from '../text/sentence-spans.ts';
import type { Token } from '../text/tokens.ts';
import type { Vocabulary } from '../vocabulary/index.ts';
import { addUnique, genderOf, type CastEntry } from './cast-entry.ts';
import { glossToEnglish } from './gloss.ts';
import type { Mention } from './mentions.ts';

/**
 * What the text says about each character once mentions are known:
 * gender from the pronoun that follows a sentence about one character ("…
 * Mara Quinn … She climbed"), and a description from an apposition ("Élise,
 * une jeune bûcheronne"), a predicate ("Tomas was a fisherman") or an
 * appearance phrase in a sentence about that character alone ("his coat
 * soaked through", "le visage inquiet").
 */

const MAX_DESCRIPTIONS = 3;
/** Participles that describe a feature: "soaked", "flowing", "relevés". */
const PARTICIPLE = /(?:ed|ing|en|é|ée|és|ées)$/u;
const PARTICLES = new Set([
  'through',
  'up',
  'down',
  'out',
  'back',
  'open',
  'wide',
  'loose',
  'tight',
]);
const SUBJECT_PRONOUNS = new Set(['she', 'he', 'elle', 'il']);

/**
 * The character a sentence-opening pronoun stands for: the most recent one
 * of the last sentences whose gender agrees; failing that, the most recent
 * one whose gender is still unknown.
 */
function pronounReferent(
  recent: readonly Mention[][],
  gender: 'female' | 'male',
  entries: readonly CastEntry[],
): number | null {
  let unknown: number | null = null;
  for (let s = recent.length - 1; s >= 0; s--) {
    const sentence = recent[s]!;
    for (let k = sentence.length - 1; k >= 0; k--) {
      const e = sentence[k]!.entry;
      const g = genderOf(entries[e]!);
      if (g === gender) return e;
      if (g === null && unknown === null) unknown = e;
    }
  }
  return unknown;
}

/** Words of an introductory phrase before the subject: "Later,", "In the late afternoon,", "Plus tard,". */
const MAX_INTRO_WORDS = 5;

/**
 * The token in subject position at the start of a sentence: its first word,
 * or the first one after a short introductory phrase closed by a comma.
 */
function subjectToken(
  tokens: readonly Token[],
  first: number,
  text: string,
  end: number,
): Token | undefined {
  const opening = tokens[first];
  if (!opening || SUBJECT_PRONOUNS.has(pronounKey(opening.key))) return opening;
  for (let k = first + 1; k < tokens.length && k <= first + MAX_INTRO_WORDS; k++) {
    const t = tokens[k]!;
    if (t.start >= end) break;
    if (/^\s*,\s*$/.test(text.slice(tokens[k - 1]!.end, t.start))) return t;
  }
  return opening;
}

/** "demanda-t-elle" counts as "elle". */
const pronounKey = (key: string) => key.slice(key.lastIndexOf('-') + 1);

function pronounGender(key: string, vocab: Vocabulary): 'female' | 'male' | null {
  const k = pronounKey(key);
  if (vocab.female.has(k)) return 'female';
  if (vocab.male.has(k)) return 'male';
  return null;
}

/**
 * Returns, per scene, how many sentences open with a pronoun standing for a
 * character ("She opened the back of the clock"): a character mostly called
 * "she" is still the most present one.
 */
export function gatherEvidence(
  entries: readonly CastEntry[],
  scenes: readonly SceneText[],
  mentions: readonly Mention[][],
  vocab: Vocabulary,
): Map<number, number>[] {
  const pronounMentions = scenes.map(() => new Map<number, number>());
  const appearance = [...vocab.appearanceNouns].join('|');
  const determiners = vocab.language === 'fr' ? 'son|sa|ses|le|la|les|l' : 'his|her|their';
  const APPEARANCE = new RegExp(
    `(?:^|[\\s,(])(?:${determiners})['’\\s]\\s*((?:[\\p{Ll}-]+\\s+){0,2}(?:${appearance})(?:\\s+[\\p{Ll}'’-]+){0,3})`,
    'u',
  );
  const APPOSITION =
    vocab.language === 'fr'
      ? /^,\s+((?:un|une|le|la|l['’])\s*[^,.;:!?«»"“”]{3,60}?)(?=[,.;:!?])/u
      : /^,\s+((?:a|an|the)\s+[^,.;:!?"“”]{3,60}?)(?=[,.;:!?])/u;
  const PREDICATE =
    vocab.language === 'fr'
      ? /^\s+(?:était|est)\s+((?:un|une)\s+[^,.;:!?«»]{3,50})/u
      : /^\s+(?:was|is)\s+((?:a|an)\s+[^,.;:!?"]{3,50})/u;
  /**
   * Keeps the words after the feature that describe it ("coat soaked through",
   * "visage inquiet") and drops the rest of the clause ("pockets rattled with").
   */
  const trimAfterNoun = (phrase: string): string => {
    const words = phrase.split(/\s+/);
    const noun = words.findIndex((w) => vocab.appearanceNouns.has(w.toLowerCase()));
    if (noun === -1) return phrase;
    const kept = words.slice(0, noun + 1);
    for (const w of words.slice(noun + 1)) {
      const lower = w.toLowerCase();
      const first = kept.length === noun + 1;
      const describing =
        vocab.adjectives.has(lower) || PARTICIPLE.test(lower) || (!first && PARTICLES.has(lower));
      if (!describing) break;
      kept.push(w);
    }
    return kept.join(' ');
  };
  const WEARING =
    vocab.language === 'fr'
      ? /(?:portait|porte|vêtue?s? d['’]une?|vêtue?s? de)\s+(?:(?:un|une|des|sa|son|ses)\s+)?([^,.;:!?«»]{3,40})/u
      : /(?:wore|wears|wearing|dressed in)\s+(?:(?:a|an|his|her|their)\s+)?([^,.;:!?"]{3,40})/u;
  /** "his coat soaked through", "le visage inquiet", "She wore a red coat". */
  const appearanceIn = (sentence: string): string | null => {
    const worn = WEARING.exec(sentence);
    if (worn) return worn[1]!.replace(/\s+(?:and|et|while|as|qui|que)\s.*$/u, '').trim();
    const look = APPEARANCE.exec(sentence);
    const phrase = look?.[1] ? trimAfterNoun(look[1]) : null;
    if (!look || !phrase) return null;
    // With an article ("le visage inquiet", not "lever les yeux"), only a described feature counts.
    const article = /^(?:le|la|les|l)$/i.test(
      look[0].replace(/^[\s,(]+/, '').split(/[\s'’]/)[0] ?? '',
    );
    return !article || phrase.split(/\s+/).some((w) => vocab.adjectives.has(w)) ? phrase : null;
  };
  const described = new Set<number>();

  /**
   * Mentions of the last few sentences, newest last: the candidates for a
   * pronoun. The chain runs on across scenes: "Later, she walked up the hill"
   * opens a scene about whoever "she" was at the end of the one before.
   */
  let recent: Mention[][] = [];
  for (const scene of scenes) {
    const sceneMentions = mentions[scene.index] ?? [];
    if (sceneMentions.length === 0 && recent.length === 0) continue;
    const counted = pronounMentions[scene.index]!;
    const text = scene.masked;
    const spans = sentenceSpans(text);
    let m = 0;
    let t = 0;
    for (const span of spans) {
      const inside: Mention[] = [];
      while (m < sceneMentions.length && sceneMentions[m]!.start < span.end) {
        if (sceneMentions[m]!.start >= span.start) inside.push(sceneMentions[m]!);
        m++;
      }
      while (t < scene.tokens.length && scene.tokens[t]!.start < span.start) t++;
      const firstToken = subjectToken(scene.tokens, t, text, span.end);
      // Only a subject pronoun opens a sentence about someone ("Her apprentice…" is about the apprentice).
      const g =
        firstToken &&
        firstToken.start < span.end &&
        SUBJECT_PRONOUNS.has(pronounKey(firstToken.key))
          ? pronounGender(firstToken.key, vocab)
          : null;
      if (g && firstToken) {
        const referent = pronounReferent(recent, g, entries);
        if (referent !== null) {
          const who = entries[referent]!;
          if (g === 'female') who.female += 1;
          else who.male += 1;
          counted.set(referent, (counted.get(referent) ?? 0) + 1);
          // "She was a small woman with grey braids" describes her too.
          const predicate = described.has(referent)
            ? null
            : PREDICATE.exec(text.slice(firstToken.end, Math.min(span.end, firstToken.end + 120)));
          if (predicate && who.source !== 'role') {
            addUnique(who.descriptions, predicate[1]!.replace(/^(?:a|an|un|une)\s+/i, '').trim());
            const english = glossToEnglish(predicate[1]!, vocab);
            if (english) addUnique(who.visuals, english);
            described.add(referent);
          }
          const look =
            who.source === 'role' || who.descriptions.length >= MAX_DESCRIPTIONS
              ? null
              : appearanceIn(text.slice(span.start, span.end));
          if (look) {
            addUnique(who.descriptions, look);
            const english = glossToEnglish(look, vocab);
            if (english) addUnique(who.visuals, english);
          }
        }
      }
      recent = [...recent.slice(-3), inside];
      const distinct = new Set(inside.map((x) => x.entry));
      if (distinct.size !== 1) continue;
      const who = inside[0]!.entry;
      const entry = entries[who]!;
      const last = inside[inside.length - 1]!;
      // A pronoun later in the same sentence ("Tomas … his coat") is weaker evidence.
      for (let k = t; k < scene.tokens.length && scene.tokens[k]!.start < span.end; k++) {
        const tok = scene.tokens[k]!;
        if (tok.start <= last.end) continue;
        const g = pronounGender(tok.key, vocab);
        if (g === 'female') entry.female += 0.5;
        if (g === 'male') entry.male += 0.5;
        if (g) break;
      }
      if (entry.descriptions.length >= MAX_DESCRIPTIONS || entry.source === 'role') continue;
      const sentence = text.slice(span.start, span.end);
      const after = text.slice(last.end, Math.min(span.end, last.end + 120));
      const found: string[] = [];
      if (!described.has(who)) {
        const appos = APPOSITION.exec(after) ?? PREDICATE.exec(after);
        if (appos) found.push(appos[1]!.trim());
      }
      const look = appearanceIn(sentence);
      if (look) found.push(look);
      for (const f of found) {
        const english = glossToEnglish(f, vocab);
        addUnique(entry.descriptions, f.replace(/^(?:a|an|the|un|une|le|la|l['’])\s*/i, ''));
        if (english) addUnique(entry.visuals, english);
        described.add(who);
      }
    }
  }
  return pronounMentions;
}
