import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { singular, wordsOf } from './scene-reading.ts';

/**
 * Props and figures come from the Fluent Emoji Flat set (Microsoft, MIT;
 * `@iconify-json/fluent-emoji-flat`), found by the nouns of a scene through
 * emojibase's English and French labels and keywords (`emojibase-data`,
 * MIT). The word → icon index is built once, on first use, from those data
 * files. Node-only (reads files): the browser never loads the icon data.
 */

export interface IconInfo {
  /** The icon's name in the Fluent set, e.g. "sailboat". */
  icon: string;
  label: { en: string; fr: string };
  /** emojibase group and subgroup (meta/groups.json): what kind of thing it is. */
  group: number;
  subgroup: number;
}

/** emojibase groups an icon may come from; faces, skin tones, symbols and flags are never props. */
const GROUPS = new Set([1, 3, 4, 5, 6, 7]);
export const GROUP = { people: 1, nature: 3, food: 4, places: 5, activities: 6, objects: 7 };
/** People-body subgroups that are whole persons (not hands or body parts). */
const PERSON_SUBGROUPS = new Set([23, 24, 25, 26, 27, 28, 29, 30, 31]);

/**
 * Words whose best icon by the data alone is not the one a storyboard wants
 * ("boat" would be a motor boat, "bin" a litter sign, "net" a cage).
 */
const PREFERRED: Record<string, string> = {
  boat: 'sailboat',
  bateau: 'sailboat',
  barque: 'canoe',
  voilier: 'sailboat',
  ship: 'ship',
  navire: 'ship',
  bin: 'wastebasket',
  poubelle: 'wastebasket',
  trash: 'wastebasket',
  dustbin: 'wastebasket',
  bottle: 'bottle-with-popping-cork',
  bouteille: 'bottle-with-popping-cork',
  net: 'goal-net',
  filet: 'goal-net',
  hand: 'raised-hand',
  main: 'raised-hand',
  tree: 'deciduous-tree',
  arbre: 'deciduous-tree',
  apple: 'red-apple',
  pomme: 'red-apple',
  pommier: 'red-apple',
  house: 'house',
  maison: 'house',
  cup: 'hot-beverage',
  tasse: 'hot-beverage',
  coffee: 'hot-beverage',
  table: 'chair',
  fish: 'fish',
  poisson: 'fish',
  car: 'automobile',
  voiture: 'automobile',
  dog: 'dog',
  chien: 'dog',
  cat: 'cat',
  chat: 'cat',
  plane: 'airplane',
  airplane: 'airplane',
  avion: 'airplane',
  machine: 'gear',
  pot: 'pot-of-food',
  marmite: 'pot-of-food',
  train: 'locomotive',
  lantern: 'red-paper-lantern',
  lanterne: 'red-paper-lantern',
  glass: 'tumbler-glass',
  verre: 'tumbler-glass',
  stone: 'rock',
  pierre: 'rock',
  goutte: 'droplet',
  drop: 'droplet',
};

/**
 * Words never read as things: grammar words, nouns too general to draw
 * ("thing", "side", "time") or whose emoji is a pun rather than the thing.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or of in on at to by with without from for into onto over under above below near ' +
    'its it this that these those his her their our your my some any each every who which what while ' +
    'is are was were be been being has have had do does did holding holds hold standing stands sits sitting ' +
    'looking looks walking walks old new big small little large tiny bright dark light quiet busy empty full ' +
    'thing things object side time way kind sort part place top bottom front back end middle view scene shot ' +
    'close up down out off one image picture frame style colour color coloured colored ' +
    'le la les l un une des de du d au aux a et ou en dans sur sous par pour avec sans vers chez qui que quoi ' +
    'son sa ses leur leurs ce cet cette ces mon ma mes ton ta tes est sont etait tient tenant tiennent ' +
    'vieux vieille nouveau nouvelle grand grande petit petite chose cote fond haut bas milieu vue plan ' +
    'face sign symbol button mark ' +
    // Counts are read as counts; the sky draws its own sun, moon and stars.
    'one two three four five six seven eight nine ten deux trois quatre cinq sept huit neuf dix ' +
    'sun soleil moon lune star etoile sky ciel ' +
    // Words emojibase tags that name no thing ("nothing" is an empty jar, "see" a pair of eyes).
    'nothing something everything anything see sees seen look watch go goes come make take give get say ' +
    'rien tout voir vu regarde va vient fait prend donne dit high low far haut loin ' +
    // No icon is the thing: a "tower" would be Tokyo's, a "lamp" a diya.
    'tower tour lamp lampe ' +
    // Names whose head word is not the thing (French "jeune pousse", "tête de singe"; "palms
    // up together"), and "personne", which is more often "nobody" than "a person".
    'together finger fingers jeune fil fils tete personne source slip eye yeux'
  ).split(' '),
);

interface Hit {
  info: IconInfo;
  score: number;
  order: number;
}

interface Index {
  byWord: Map<string, Hit>;
  byIcon: Map<string, IconInfo>;
  bodies: Record<string, { body: string }>;
}

interface EmojibaseRecord {
  label: string;
  hexcode: string;
  tags?: string[];
  group?: number;
  subgroup?: number;
  order?: number;
}

let index: Index | null = null;

const require = createRequire(import.meta.url);
const readJson = <T>(specifier: string): T =>
  JSON.parse(readFileSync(require.resolve(specifier), 'utf8')) as T;

function buildIndex(): Index {
  const icons = readJson<{ icons: Record<string, { body: string }> }>(
    '@iconify-json/fluent-emoji-flat/icons.json',
  );
  const chars = readJson<Record<string, string>>('@iconify-json/fluent-emoji-flat/chars.json');
  const en = readJson<EmojibaseRecord[]>('emojibase-data/en/data.json');
  const fr = new Map(
    readJson<EmojibaseRecord[]>('emojibase-data/fr/data.json').map((r) => [r.hexcode, r]),
  );
  const byWord = new Map<string, Hit>();
  const byIcon = new Map<string, IconInfo>();
  const offer = (word: string, hit: Hit) => {
    if (word.length < 3 || STOP_WORDS.has(word)) return;
    const best = byWord.get(word);
    if (!best || hit.score > best.score || (hit.score === best.score && hit.order < best.order)) {
      byWord.set(word, hit);
    }
  };
  for (const record of en) {
    // Variants ("family: man, woman, boy") stay out: the plain emoji stands for them.
    if (record.group === undefined || !GROUPS.has(record.group) || record.label.includes(':')) {
      continue;
    }
    const hex = record.hexcode.toLowerCase().replace(/-fe0f/g, '');
    const icon = chars[hex] ?? record.label.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    if (!icons.icons[icon]) continue;
    const french = fr.get(record.hexcode);
    const info: IconInfo = {
      icon,
      label: { en: record.label, fr: french?.label ?? record.label },
      group: record.group,
      subgroup: record.subgroup ?? -1,
    };
    byIcon.set(icon, info);
    const order = record.order ?? 1e6;
    // A word finds an icon only by the noun that heads its name: English names end on it
    // ("red apple"), French ones start with it ("pomme rouge"). Keywords (tags) and the other
    // words of a name are left out: on real scripts they drew a medal for "second", a lion
    // for "roi", a heart for "red".
    const enName = wordsOf(record.label.split(/ with | on | in /)[0]!).map(singular);
    const frLabel = french?.label ?? '';
    const frName = wordsOf(frLabel.split(/ avec | sur | dans | de | à | au /)[0]!).map(singular);
    const offerHead = (name: string[], head: string | undefined, score: number) => {
      if (head) offer(head, { info, order, score: name.length === 1 ? 6 : score });
    };
    offerHead(enName, enName.at(-1), 5);
    // "tête de singe" is a monkey's face, "pomme de terre" a potato: a weaker claim on the head.
    offerHead(frName, frName[0], / de | d’| d'/.test(frLabel) ? 4 : 5);
  }
  return { byWord, byIcon, bodies: icons.icons };
}

function loaded(): Index {
  index ??= buildIndex();
  return index;
}

/** The icon a (lowercase, accentless) word stands for, or null when none fits. */
export function iconForWord(word: string): IconInfo | null {
  const lemma = singular(word);
  if (STOP_WORDS.has(word) || STOP_WORDS.has(lemma)) return null;
  const { byWord, byIcon } = loaded();
  const preferred = PREFERRED[lemma] ?? PREFERRED[word];
  if (preferred) return byIcon.get(preferred) ?? null;
  return (byWord.get(lemma) ?? byWord.get(word))?.info ?? null;
}

export function iconInfo(icon: string): IconInfo | null {
  return loaded().byIcon.get(icon) ?? null;
}

/** Whether an icon is a whole person (drawn as a figure, not a prop). */
export function isPerson(info: IconInfo): boolean {
  return info.group === GROUP.people && PERSON_SUBGROUPS.has(info.subgroup);
}

/**
 * An icon's SVG body (a 32×32 drawing), its ids prefixed with `useId` so two
 * copies in one picture never share a gradient by accident.
 */
export function iconBody(icon: string, useId: string): string {
  const body = loaded().bodies[icon]?.body;
  if (!body) throw new Error(`no icon named ${icon} in the Fluent Emoji set`);
  if (!body.includes('id="')) return body;
  return body
    .replace(/id="([^"]+)"/g, `id="${useId}$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${useId}$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${useId}$1"`);
}
