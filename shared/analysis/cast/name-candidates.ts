import type { Language } from '../../timeline.ts';
import type { NlpToolkit } from '../nlp/toolkit.ts';
import type { SceneText } from '../scene-text.ts';
import { sentenceSpans, type Span } from '../text/sentence-spans.ts';
import { isCapitalized, type Token } from '../text/tokens.ts';
import { matchPhrase, type Vocabulary } from '../vocabulary/index.ts';

/**
 * Proper names that are people. Candidates are runs of capitalised words;
 * a run is kept when it looks like a name (seen mid-sentence, never written
 * in lower case, not a function word) and classified person / not person by
 * votes: the NLP tagger and name lexicon, speech verbs and "named X" around
 * it for a person; an article before it ("the Needles"), a place noun after
 * it ("Gull Point lighthouse"), a locative preposition before it or emphasis
 * (a ship, a book title) against.
 */

export interface NameCandidate {
  /** As written, possessive removed ("Mara Quinn"). */
  name: string;
  /** Lower-case keys of its words. */
  keys: string[];
  count: number;
  /** Occurrences not at the start of a sentence. */
  mid: number;
  person: number;
  notPerson: number;
  /** Speech verbs and "named X" around it: evidence from this text, not from a lexicon. */
  spoken: number;
  /**
   * Said to be a thing or an animal: "Old Ben, the apple tree", "a horse
   * called Duke", "La Marguerite, la vieille barque". Not a character unless it
   * speaks.
   */
  thing: number;
  /** Never seen mid-sentence and nothing says it is a name: usable as an alias of a full name only. */
  startOnly: boolean;
  /** A sentence around its first mid-sentence occurrence (for the tagger and descriptions). */
  context: string;
}

const CONNECTORS = new Set([
  'de',
  'du',
  'van',
  'von',
  'da',
  'di',
  'del',
  'della',
  'bin',
  'ibn',
  'al',
  'mac',
]);
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'doctor',
  'captain',
  'capt',
  'sir',
  'lady',
  'lord',
  'king',
  'queen',
  'prince',
  'princess',
  'inspector',
  'detective',
  'professor',
  'prof',
  'aunt',
  'uncle',
  'saint',
  'm',
  'mme',
  'mlle',
  'monsieur',
  'madame',
  'mademoiselle',
  'docteur',
  'capitaine',
  'roi',
  'reine',
  'princesse',
  'inspecteur',
  'professeur',
  'tante',
  'oncle',
  'maître',
  'père',
  'mère',
  'sœur',
  'frère',
]);
const OPENERS = /[«“"‘(—–\-[]\s*$/;
const MAX_CANDIDATES_FOR_NLP = 40;
const CONTEXT_CHARS = 280;

interface Occurrence {
  scene: number;
  atStart: boolean;
  prev: Token | undefined;
  next: Token | undefined;
  nextIsPlace: boolean;
  possessive: boolean;
  /** What an apposition or "a … named X" says it is. */
  nature: 'person' | 'thing' | null;
  /** Where the sentence is (sliced only for the one occurrence that becomes the context). */
  source: string;
  span: Span;
}

interface Sentence {
  /** The text the offsets refer to. */
  source: string;
  span: Span;
  /** The sentence's tokens (a view of the scene's tokens, not a copy of the text). */
  tokens: readonly Token[];
}

/** The scene's sentences over its existing tokens: nothing is tokenised twice. */
function* sentencesOf(scene: SceneText): Generator<Sentence> {
  for (const [source, tokens] of [
    [scene.narration, scene.allTokens],
    [scene.visual, scene.visualTokens],
  ] as const) {
    let k = 0;
    for (const span of sentenceSpans(source)) {
      while (k < tokens.length && tokens[k]!.start < span.start) k++;
      let end = k;
      while (end < tokens.length && tokens[end]!.start < span.end) end++;
      if (end > k) yield { source, span, tokens: tokens.slice(k, end) };
      k = end;
    }
  }
}

export function findNameCandidates(
  scenes: readonly SceneText[],
  vocab: Vocabulary,
  emphasized: ReadonlySet<string>,
  language: Language,
  nlp: NlpToolkit | null,
): NameCandidate[] {
  const lowerSeen = new Set<string>();
  const found = new Map<string, { keys: string[]; occ: Occurrence[] }>();
  const isFunction = (key: string) =>
    vocab.functionWords.has(key) || (nlp?.isFunctionWord(key, language) ?? false);

  for (const scene of scenes) {
    for (const { source, span, tokens } of sentencesOf(scene)) {
      for (const t of tokens) if (!/\p{Lu}/u.test(t.text)) lowerSeen.add(t.key);
      for (let i = 0; i < tokens.length; i++) {
        if (!isCapitalized(tokens[i]!.text)) continue;
        // Grow a run of capitalised words separated by single spaces (connectors allowed inside).
        let j = i + 1;
        while (j < tokens.length && j - i < 5) {
          const gap = source.slice(tokens[j - 1]!.end, tokens[j]!.start);
          // "Mr. Smith", "Mme. Curie", "Dr. Alvarez": a title's dot stays inside the name.
          if (gap !== ' ' && !(gap === '. ' && TITLES.has(tokens[j - 1]!.key))) break;
          const t = tokens[j]!;
          if (isCapitalized(t.text)) j++;
          else if (CONNECTORS.has(t.key) && tokens[j + 1] && isCapitalized(tokens[j + 1]!.text))
            j += 2;
          else break;
        }
        let a = i;
        let b = j;
        while (a < b && (isFunction(tokens[a]!.key) || tokens[a]!.text.length < 2)) a++;
        while (b > a && (isFunction(tokens[b - 1]!.key) || tokens[b - 1]!.text.length < 2)) b--;
        if (a < b) {
          const run = tokens.slice(a, b);
          const name = run
            .map(
              (t, k) =>
                t.text.replace(/['’]s$/i, '') +
                (k < run.length - 1 && TITLES.has(t.key) && source[t.end] === '.' ? '.' : ''),
            )
            .join(' ');
          const first = run[0]!;
          const gapBefore = source.slice(a === 0 ? span.start : tokens[a - 1]!.end, first.start);
          // A capital after an opening quote or dash is a sentence start too.
          const atStart = a === 0 || OPENERS.test(gapBefore);
          const last = run[run.length - 1]!;
          const next = tokens[b];
          const entry = found.get(name) ?? { keys: run.map((t) => t.key), occ: [] };
          entry.occ.push({
            scene: scene.index,
            atStart,
            prev: tokens[a - 1],
            next,
            nextIsPlace: b < tokens.length && matchPhrase(vocab.places, tokens, b) !== null,
            possessive: /['’]s$/i.test(last.text),
            nature: natureOf(tokens, a, b, source, vocab),
            source,
            span,
          });
          found.set(name, entry);
        }
        i = j - 1;
      }
    }
  }

  const candidates: NameCandidate[] = [];
  for (const [name, { keys, occ }] of found) {
    const single = keys.length === 1;
    const key = keys[0]!;
    if (single && isFunction(key)) continue;
    const mid = occ.filter((o) => !o.atStart).length;
    const knownName = keys.some((k) => nlp?.isKnownName(k) ?? false);
    // Written in lower case elsewhere: a common word capitalised at a sentence start.
    if (single && lowerSeen.has(key) && !knownName) continue;
    // Emphasis marks the title of a work or a ship's name ("*Saint Brigid*"), never a person.
    if (emphasized.has(name)) continue;
    let person = 0;
    let notPerson = 0;
    let spoken = 0;
    let thing = 0;
    if (TITLES.has(key) && keys.length > 1) person += 2;
    if (knownName) person += 1.5;
    for (const o of occ) {
      const prev = o.prev?.key;
      const next = o.next?.key;
      // "a horse called Duke": "called" names a thing here, it does not make it speak.
      if (o.nature === 'thing') {
        thing++;
        continue;
      }
      if ((next && vocab.speechVerbs.has(next)) || (prev && vocab.speechVerbs.has(prev))) {
        person += 1;
        spoken++;
      }
      if (o.nature === 'person') person += 1;
      if (prev && vocab.nameLinkers.has(prev)) {
        person += 3;
        spoken++;
      }
      if (o.possessive) person += 0.3;
      if (o.nextIsPlace) notPerson += 2;
      if (prev && /^(?:the|le|la|les)$/.test(prev)) notPerson += 1;
      // "in Paris", "dans Lyon"; not "at" or "to", which people take too ("smiled at Tomas").
      if (prev && /^(?:in|into|inside|dans|en)$/.test(prev)) notPerson += 1;
    }
    // Only ever first in a sentence: a capitalised common word unless a lexicon or the text says it is a name.
    const startOnly = mid === 0 && !knownName && spoken === 0;
    const first = occ.find((o) => !o.atStart) ?? occ[0]!;
    candidates.push({
      name,
      keys,
      count: occ.length,
      mid,
      person,
      notPerson,
      spoken,
      thing,
      startOnly,
      context: contextAround(first.source.slice(first.span.start, first.span.end), name),
    });
  }

  if (nlp) {
    const ranked = [...candidates]
      .sort((x, y) => y.count - x.count)
      .slice(0, MAX_CANDIDATES_FOR_NLP);
    const tags = nlp.classifyNames(
      ranked.map((c) => ({ name: c.name, context: c.context })),
      language,
    );
    ranked.forEach((c, k) => {
      if (tags[k]!.person) c.person += 2;
      if (tags[k]!.place || tags[k]!.organization) c.notPerson += 2.5;
    });
  }
  return candidates;
}

/** Whether a candidate reads as a person: more evidence for than against, or repeated with none against. */
export function isPersonCandidate(c: NameCandidate): boolean {
  if (c.startOnly) return false;
  // A named tree, horse or boat is scenery unless it talks like a person.
  if (c.thing > 0 && c.spoken === 0) return false;
  if (c.person > c.notPerson && c.person >= 1) return true;
  // Repeated, or a full name mid-sentence ("By dusk, Mara Quinn …"), with nothing against it.
  return c.notPerson === 0 && (c.count >= 2 || (c.keys.length >= 2 && c.mid >= 1));
}

const APPOSITION_HEAD_WORDS = 3;

/** A person noun among these tokens: a role ("the old king") or a word such as "woman". */
function namesAPerson(tokens: readonly Token[], vocab: Vocabulary): boolean {
  return tokens.some(
    (t, k) => vocab.personNouns.has(t.key) || matchPhrase(vocab.roles, tokens, k) !== null,
  );
}

/**
 * What the words around a name say it is. An apposition ("Old Ben, the apple
 * tree …", "Alexandre, le jeune prince") is a person when its first words hold
 * a person noun, a thing otherwise; so is the noun of "a horse called Duke" /
 * "une barque nommée Marguerite".
 */
function natureOf(
  tokens: readonly Token[],
  a: number,
  b: number,
  source: string,
  vocab: Vocabulary,
): 'person' | 'thing' | null {
  const next = tokens[b];
  if (next && /^\s*,\s*$/.test(source.slice(tokens[b - 1]!.end, next.start))) {
    if (vocab.determiners.has(next.key) || /^[ld]['’]/i.test(next.text)) {
      const head: Token[] = [];
      // "l'arbre": the article is inside the noun's token.
      const from = /^[ld]['’]/i.test(next.text) ? b : b + 1;
      for (let k = from; k < tokens.length && head.length < APPOSITION_HEAD_WORDS; k++) {
        const t = tokens[k]!;
        if (k > from && source.slice(tokens[k - 1]!.end, t.start).trim() !== '') break;
        head.push(t);
      }
      if (head.length) return namesAPerson(head, vocab) ? 'person' : 'thing';
    }
  }
  const linker = tokens[a - 1];
  const noun = tokens[a - 2];
  if (linker && noun && vocab.nameLinkers.has(linker.key) && !vocab.adjectives.has(noun.key)) {
    return namesAPerson([noun], vocab) ? 'person' : 'thing';
  }
  return null;
}

function contextAround(sentence: string, name: string): string {
  if (sentence.length <= CONTEXT_CHARS) return sentence;
  const at = Math.max(0, sentence.indexOf(name) - CONTEXT_CHARS / 2);
  return sentence.slice(at, at + CONTEXT_CHARS);
}
