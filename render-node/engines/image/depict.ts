import { fnv1a } from '../../../shared/fnv1a.ts';
import type { DepictedFigure, DepictedProp, Depiction } from '../../../shared/render/depiction.ts';
import type { PictureRequest } from './engine.ts';
import { GROUP, iconForWord, isPerson, STOP_WORDS, type IconInfo } from './icon-index.ts';
import { promptSubject } from './prompt-subject.ts';
import {
  PLACE_AND_TIME_WORDS,
  readScene,
  singular,
  tokensOf,
  wordsOf,
  type SceneReading,
} from './scene-reading.ts';

/**
 * What a scene's procedural picture shows, read from its words: the setting,
 * time and weather (scene-reading.ts), a prop for each concrete noun of the
 * prompt that an icon stands for (counted: "three bins" are three), and a
 * figure per cast member or person named ("a family" is four figures).
 * Pure apart from the icon index it reads (built once).
 */

/** Place words that are also things to draw ("a boat on the sea": the boat is both). */
const PLACE_THINGS = new Set([
  'boat',
  'bateau',
  'ship',
  'navire',
  'voilier',
  'house',
  'maison',
  'cabin',
  'cabane',
  'barn',
  'grange',
  'desk',
  'stove',
  'airplane',
  'avion',
  'balloon',
  'montgolfiere',
  'pommier',
  'poirier',
  'cerisier',
]);

/** Trees named by their fruit's icon: part of an orchard or garden, not a subject to close in on. */
const FRUIT_TREES = new Set([
  'pommier',
  'poirier',
  'cerisier',
  'pommiers',
  'poiriers',
  'cerisiers',
]);

const NUMBERS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  couple: 2,
  pair: 2,
  few: 3,
  several: 3,
  many: 5,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  paire: 2,
  quelque: 3,
  plusieur: 3,
  nombreux: 5,
};
const MAX_COUNT = 6;

/** Groups of people named by one word, drawn as several figures. */
const GROUPS_OF_PEOPLE: Record<string, number> = {
  family: 4,
  famille: 4,
  crowd: 6,
  foule: 6,
  people: 4,
  gens: 4,
  audience: 6,
  public: 6,
  team: 4,
  equipe: 4,
  children: 3,
  enfants: 3,
  couple: 2,
};
const FRENCH_LINKS = new Set(['de', 'd', 'du', 'des']);
const MAX_PROPS = 5;

const COAT_COLOURS: [string, string[]][] = [
  ['#c0392b', ['red', 'rouge', 'crimson', 'scarlet', 'ecarlate']],
  ['#2e86de', ['blue', 'bleu', 'bleue', 'navy', 'marine']],
  ['#f1c40f', ['yellow', 'jaune', 'gold', 'golden', 'dore']],
  ['#27ae60', ['green', 'vert', 'verte']],
  ['#e67e22', ['orange']],
  ['#8e44ad', ['purple', 'violet', 'violette', 'mauve']],
  ['#ecf0f1', ['white', 'blanc', 'blanche']],
  ['#8d6e63', ['brown', 'brun', 'brune', 'marron']],
  ['#2d3436', ['black', 'noir', 'noire']],
];
/** Clothing for characters whose description names no colour: from their name, so the same in every scene. */
const NAME_COLOURS = [
  '#16a085',
  '#d35400',
  '#2980b9',
  '#8e44ad',
  '#c0392b',
  '#27ae60',
  '#f39c12',
  '#6d4c41',
];

const FEMININE = new Set([
  'woman',
  'girl',
  'she',
  'her',
  'femme',
  'fille',
  'elle',
  'mother',
  'mere',
  'grandmother',
  'grand',
  'gran',
  'lady',
  'dame',
  'madame',
  'sister',
  'soeur',
  'queen',
  'reine',
]);
const MASCULINE = new Set([
  'man',
  'boy',
  'he',
  'his',
  'him',
  'homme',
  'garcon',
  'father',
  'pere',
  'grandfather',
  'sir',
  'monsieur',
  'brother',
  'frere',
  'king',
  'roi',
]);

export function depictScene(request: PictureRequest): Depiction {
  const reading = readScene(request);
  return depictWith(request, reading);
}

export function depictWith(request: PictureRequest, reading: SceneReading): Depiction {
  const { props, people } = readNouns(tokensOf(promptSubject(request.prompt, request.cast)));
  return {
    setting: { kind: reading.setting, words: reading.settingWords },
    time: reading.time,
    weather: reading.weather,
    props: props.slice(0, MAX_PROPS),
    figures: [...castFigures(request.cast), ...withoutCastNamedAgain(people, request.cast)].slice(
      0,
      6,
    ),
  };
}

/**
 * A person word that names a cast member again ("a teenage boy, Leo" when Leo is a teenage boy;
 * "the young prince" for Alexandre, a young prince) is that member, not one more figure: for
 * each member, the first such figure whose word their description uses is dropped. Groups ("a
 * family") stay: they are more people.
 */
function withoutCastNamedAgain(
  people: DepictedFigure[],
  cast: PictureRequest['cast'],
): DepictedFigure[] {
  const left = [...people];
  for (const member of cast) {
    const described = new Set(wordsOf(member.description).map(singular));
    const again = left.findIndex((figure) =>
      figure.words.some((written) => {
        const word = singular(wordsOf(written)[0] ?? '');
        return described.has(word) && !GROUPS_OF_PEOPLE[word];
      }),
    );
    if (again >= 0) left.splice(again, 1);
  }
  return left;
}

interface NounHit {
  at: number;
  word: string;
  /** As the scene wrote it, for the record. */
  written: string;
  info: IconInfo;
}

function readNouns(tokens: { word: string; written: string }[]): {
  props: DepictedProp[];
  people: DepictedFigure[];
} {
  const words = tokens.map((t) => t.word);
  const hits: NounHit[] = [];
  const people: DepictedFigure[] = [];
  tokens.forEach(({ word, written }, at) => {
    const lemma = singular(word);
    const group = GROUPS_OF_PEOPLE[word] ?? GROUPS_OF_PEOPLE[lemma];
    if (group) {
      people.push(...groupFigures(word, written, group));
      return;
    }
    if (NUMBERS[lemma] || NUMBERS[word]) return;
    if (
      (PLACE_AND_TIME_WORDS.has(lemma) || PLACE_AND_TIME_WORDS.has(word)) &&
      !PLACE_THINGS.has(lemma)
    )
      return;
    const info = iconForWord(word);
    // "his coat soaked through", "son manteau": worn by a figure, not a thing standing in the scene.
    if (info && isClothing(info) && POSSESSIVES.has(words[at - 1] ?? '')) return;
    if (info) hits.push({ at, word, written, info });
  });
  const kept = hits.filter((hit) => !isModifier(hit, hits, words));
  const props = new Map<string, DepictedProp>();
  for (const hit of kept) {
    if (isPerson(hit.info)) {
      people.push(...personFigure(hit.written, hit.info, countBefore(words, hit.at) ?? 1));
      continue;
    }
    const prop = props.get(hit.info.icon);
    if (prop) {
      if (!prop.words.includes(hit.written)) prop.words.push(hit.written);
      continue;
    }
    props.set(hit.info.icon, {
      icon: hit.info.icon,
      label: hit.info.label,
      words: [hit.written],
      count: countBefore(words, hit.at) ?? (singular(hit.word) !== hit.word ? 2 : 1),
      ...(isOverhead(words, hit.at) ? { overhead: true } : {}),
    });
  }
  return { props: [...props.values()], people };
}

/**
 * A noun that only qualifies the next one: English puts it first ("fishing
 * boat", "recycling bins"), French after "de" ("bateau de pêche").
 */
function isModifier(hit: NounHit, hits: NounHit[], words: string[]): boolean {
  if (hits.some((other) => other.at === hit.at + 1)) return true;
  const link = words[hit.at - 1];
  return (
    link !== undefined && FRENCH_LINKS.has(link) && hits.some((other) => other.at === hit.at - 2)
  );
}

/**
 * "three bins", "trois poubelles", "3 coloured bins": a number up to two
 * words before the noun; undefined when none is said.
 */
function countBefore(words: string[], at: number): number | undefined {
  for (const word of words.slice(Math.max(0, at - 2), at).reverse()) {
    const lemma = singular(word);
    const count = /^\d+$/.test(word) ? Number(word) : (NUMBERS[word] ?? NUMBERS[lemma]);
    if (count) return Math.min(MAX_COUNT, Math.max(1, count));
  }
  return undefined;
}

/** emojibase's clothing subgroup (objects): coats, hats, dresses, shoes, bags. */
const CLOTHING_SUBGROUP = 65;
const isClothing = (info: IconInfo) =>
  info.group === GROUP.objects && info.subgroup === CLOTHING_SUBGROUP;
const POSSESSIVES = new Set([
  'his',
  'her',
  'their',
  'my',
  'your',
  'son',
  'sa',
  'ses',
  'leur',
  'leurs',
  'mon',
  'ma',
  'mes',
  'ton',
  'ta',
  'tes',
]);

const OVERHEAD_WORDS = new Set([
  'ceiling',
  'plafond',
  'overhead',
  'hanging',
  'hang',
  'hangs',
  'suspendu',
  'suspendus',
  'suspendue',
  'suspendues',
  'pendent',
  'above',
  'dessus',
]);

/** "nets on the ceiling", "des filets au plafond": an overhead word in the next four words. */
function isOverhead(words: string[], at: number): boolean {
  return words.slice(at + 1, at + 5).some((word) => OVERHEAD_WORDS.has(word));
}

function groupFigures(word: string, written: string, size: number): DepictedFigure[] {
  return Array.from({ length: size }, (_, i) => {
    // A family: two adults and children; other groups: adults of varied height.
    const child = word.startsWith('famil')
      ? i >= 2
      : word.startsWith('enfant') || word === 'children';
    return {
      name: null,
      icon: ['woman-standing', 'man-standing', 'person-standing'][i % 3]!,
      words: [written],
      colour: NAME_COLOURS[(fnv1a(word) + i) % NAME_COLOURS.length]!,
      scale: child ? 0.62 : 0.92 + ((fnv1a(`${word}${i}`) % 100) / 100) * 0.16,
    };
  });
}

function personFigure(word: string, info: IconInfo, count: number): DepictedFigure[] {
  const icon = standingIcon(wordsOf(info.label.en));
  const child = /child|boy|girl|baby/.test(info.label.en);
  return Array.from({ length: count }, (_, i) => ({
    name: null,
    icon,
    words: [word],
    colour: NAME_COLOURS[(fnv1a(word) + i) % NAME_COLOURS.length]!,
    scale: child ? 0.65 : 1,
  }));
}

function standingIcon(words: string[]): string {
  if (words.some((w) => FEMININE.has(w))) return 'woman-standing';
  if (words.some((w) => MASCULINE.has(w))) return 'man-standing';
  return 'person-standing';
}

/** Cast members as figures: the same icon and clothing in every scene, from their name and description. */
export function castFigures(cast: PictureRequest['cast']): DepictedFigure[] {
  return cast.slice(0, 4).map((member) => {
    const description = wordsOf(member.description);
    const named = COAT_COLOURS.find(([, words]) => description.some((w) => words.includes(w)));
    const hash = fnv1a(member.name || member.description);
    return {
      name: member.name,
      icon: standingIcon(description),
      words: [member.name],
      colour: named?.[0] ?? NAME_COLOURS[hash % NAME_COLOURS.length]!,
      scale: 0.94 + (((hash >>> 8) % 100) / 100) * 0.12,
    };
  });
}

/**
 * What the picture is of: the people when the prompt names them (a people
 * word or a cast member's name) before any standing thing ("a family at
 * sunset", "Tomas ran along the harbour wall", "a teacher with books") or
 * names nothing else, else the first thing it names ("a fishing boat on the
 * sea").
 * Overhead things (nets on the ceiling) are décor, never the subject.
 */
export type Focus = { figures: true } | { icon: string } | null;

export function focalSubject(prompt: string, depiction: Depiction): Focus {
  // (`prompt`: what the scene shows, promptSubject's reading of the request.)
  const written = tokensOf(prompt).map((t) => t.written);
  const firstAt = (words: string[]) => {
    const at = written.findIndex((w) => words.includes(w));
    return at < 0 ? Infinity : at;
  };
  // An orchard's apple trees are drawn as the setting; their fruit icon is not its subject.
  const standing = depiction.props.filter(
    (p) => !p.overhead && !p.words.some((w) => FRUIT_TREES.has(wordsOf(w)[0] ?? '')),
  );
  const thing = standing
    .map((prop) => ({ icon: prop.icon, at: firstAt(prop.words) }))
    .sort((a, b) => a.at - b.at)[0];
  // People words ("a family") and cast names ("Tomas Reyes ran…", "le roi": by each word but articles).
  const peopleAt = firstAt(
    depiction.figures.flatMap((f) =>
      f.words.flatMap((w) => tokensOf(w).map((t) => t.written)).filter((w) => !STOP_WORDS.has(w)),
    ),
  );
  if (thing && thing.at < peopleAt) return { icon: thing.icon };
  if (depiction.figures.length) return { figures: true };
  return null;
}
