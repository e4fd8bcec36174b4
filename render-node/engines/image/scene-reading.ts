import { promptSubject } from './prompt-subject.ts';
import type { PictureRequest } from './engine.ts';
import type { TimeOfDay } from './palette.ts';

/**
 * Reads a scene's words (prompt, title, location, mood; English and French)
 * into where and when its picture is: the setting (a family of places, each
 * with its own backdrop), the time of day and the weather. What stands in
 * the scene (props, figures) is read by scene-nouns.ts. Pure; accents are
 * stripped and simple plurals folded before matching.
 */

export const SETTING_KINDS = [
  'room',
  'cafe',
  'kitchen',
  'factory',
  'office',
  'classroom',
  'stage',
  'street',
  'market',
  'harbour',
  'sea',
  'beach',
  'forest',
  'orchard',
  'field',
  'mountain',
  'desert',
  'sky',
  'space',
] as const;
export type SettingKind = (typeof SETTING_KINDS)[number];

/** The ground a setting is built on: the land compositions of procedural-land.ts. */
export type Terrain =
  'interior' | 'city' | 'water' | 'forest' | 'hills' | 'mountains' | 'desert' | 'sky' | 'space';

export const TERRAIN: Record<SettingKind, Terrain> = {
  room: 'interior',
  cafe: 'interior',
  kitchen: 'interior',
  factory: 'interior',
  office: 'interior',
  classroom: 'interior',
  stage: 'interior',
  street: 'city',
  market: 'city',
  harbour: 'water',
  sea: 'water',
  beach: 'water',
  forest: 'forest',
  orchard: 'hills',
  field: 'hills',
  mountain: 'mountains',
  desert: 'desert',
  sky: 'sky',
  space: 'space',
};

export type Weather = 'clear' | 'rain' | 'snow' | 'fog';

export interface SceneReading {
  setting: SettingKind;
  terrain: Terrain;
  /** The scene's words the setting was read from (empty when it is the default). */
  settingWords: string[];
  time: TimeOfDay;
  weather: Weather;
  moodWords: string[];
}

/**
 * Words per setting, English and French, singular and without accents; a
 * stem of 5 letters or more also matches longer words ("montagnes",
 * "orchards"). The most specific places come first: a café by the harbour is
 * drawn as the café. Recycling is placed in the street, where its bins are. A house or a
 * cabin is a thing seen from outside ("a house by the lake"), not a room.
 */
const SETTING_WORDS: [SettingKind, string[]][] = [
  [
    'space',
    [
      'space',
      'espace',
      'planet',
      'planete',
      'galaxy',
      'galaxie',
      'orbit',
      'orbite',
      'cosmos',
      'asteroid',
      'spaceship',
      'astronaut',
      'astronaute',
    ],
  ],
  [
    'cafe',
    [
      'cafe',
      'coffeeshop',
      'bar',
      'pub',
      'bistro',
      'bistrot',
      'restaurant',
      'brasserie',
      'shop',
      'boutique',
      'store',
      'magasin',
      'bakery',
      'boulangerie',
      'counter',
      'comptoir',
      'tavern',
      'taverne',
    ],
  ],
  ['kitchen', ['kitchen', 'cuisine', 'stove', 'fourneau', 'cuisiniere']],
  [
    'factory',
    ['factory', 'usine', 'workshop', 'atelier', 'warehouse', 'entrepot', 'forge', 'garage'],
  ],
  ['office', ['office', 'bureau', 'desk', 'meeting', 'reunion', 'openspace']],
  [
    'classroom',
    [
      'classroom',
      'classe',
      'school',
      'ecole',
      'college',
      'lycee',
      'lesson',
      'lecon',
      'blackboard',
      'university',
      'universite',
    ],
  ],
  ['stage', ['stage', 'theatre', 'theater', 'concert', 'opera', 'cinema', 'spectacle']],
  [
    'room',
    [
      'room',
      'bedroom',
      'hall',
      'library',
      'studio',
      'chambre',
      'salle',
      'salon',
      'bibliotheque',
      'inside',
      'interieur',
      'interior',
      'home',
      'apartment',
      'appartement',
    ],
  ],
  // A market by the river or the sea is drawn as the market.
  ['market', ['market', 'marche', 'stall', 'etal', 'bazaar', 'bazar', 'foire']],
  [
    'harbour',
    [
      'harbour',
      'harbor',
      'port',
      'quay',
      'quai',
      'dock',
      'pier',
      'jetee',
      'marina',
      'wharf',
      'lighthouse',
      'phare',
    ],
  ],
  ['beach', ['beach', 'plage', 'sand', 'sable', 'shore', 'rivage', 'seaside', 'dune']],
  [
    'sea',
    [
      'sea',
      'ocean',
      'mer',
      'wave',
      'vague',
      'boat',
      'bateau',
      'ship',
      'navire',
      'sail',
      'voilier',
      'lake',
      'lac',
      'river',
      'riviere',
      'fleuve',
      'coast',
      'cote',
      'island',
      'ile',
      'bay',
      'baie',
    ],
  ],
  [
    'street',
    [
      'street',
      'rue',
      'city',
      'ville',
      'town',
      'village',
      'avenue',
      'boulevard',
      'road',
      'route',
      'square',
      'building',
      'immeuble',
      'downtown',
      'quartier',
      'skyline',
      'sidewalk',
      'trottoir',
      'courtyard',
      'cour',
      'plaza',
      'metro',
      'station',
      'gare',
      'recycling',
      'recyclage',
      'tri',
    ],
  ],
  [
    'orchard',
    [
      'orchard',
      'verger',
      'pommier',
      'poirier',
      'cerisier',
      'vineyard',
      'vigne',
      'vignoble',
      'garden',
      'jardin',
      'park',
      'parc',
    ],
  ],
  [
    'forest',
    [
      'forest',
      'foret',
      'wood',
      'woods',
      'bois',
      'jungle',
      'pine',
      'sapin',
      'pin',
      'stream',
      'ruisseau',
      'creek',
      'brook',
    ],
  ],
  [
    'mountain',
    [
      'mountain',
      'montagne',
      'peak',
      'summit',
      'sommet',
      'alps',
      'alpes',
      'cliff',
      'falaise',
      'glacier',
      'valley',
      'vallee',
      'canyon',
      'hill',
      'colline',
    ],
  ],
  ['desert', ['desert', 'oasis', 'savanna', 'savane']],
  [
    'field',
    [
      'field',
      'champ',
      'meadow',
      'prairie',
      'farm',
      'ferme',
      'countryside',
      'campagne',
      'barn',
      'grange',
      'pasture',
      'paturage',
      'wheat',
      'ble',
    ],
  ],
  [
    'sky',
    ['sky', 'ciel', 'cloud', 'nuage', 'flight', 'airplane', 'avion', 'balloon', 'montgolfiere'],
  ],
];

const TIME_WORDS: [TimeOfDay, string[]][] = [
  [
    'night',
    [
      'night',
      'nuit',
      'moon',
      'lune',
      'midnight',
      'minuit',
      'star',
      'etoile',
      'nocturnal',
      'nocturne',
      'dark',
      'obscur',
      'obscurite',
      'tonight',
      'soiree',
    ],
  ],
  [
    'sunset',
    ['sunset', 'dusk', 'evening', 'twilight', 'soir', 'crepuscule', 'couchant', 'coucher'],
  ],
  ['dawn', ['dawn', 'sunrise', 'morning', 'aube', 'aurore', 'matin', 'lever', 'daybreak']],
];

const WEATHER_WORDS: [Weather, string[]][] = [
  [
    'rain',
    [
      'rain',
      'rainy',
      'pluie',
      'pluvieux',
      'storm',
      'orage',
      'tempete',
      'drizzle',
      'bruine',
      'pleut',
      'raining',
    ],
  ],
  ['snow', ['snow', 'snowy', 'neige', 'enneige', 'blizzard', 'winter', 'hiver', 'frost', 'givre']],
  ['fog', ['fog', 'foggy', 'mist', 'misty', 'brume', 'brouillard', 'haze', 'smoke', 'fumee']],
];

/** Lowercase words without accents. */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * The words of `text` as matched (lowercase, no accents) beside the words as
 * written (lowercase), so a record can say "from “pêche”" rather than "peche".
 */
export function tokensOf(text: string): { word: string; written: string }[] {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).flatMap((token) =>
    wordsOf(token).map((word) => ({ word, written: token.toLowerCase() })),
  );
}

/** A word's singular, English or French ("bins" → "bin", "bateaux" → "bateau", "filets" → "filet"). */
export function singular(word: string): string {
  if (word.length <= 3) return word;
  if (/(eaux|eux)$/.test(word)) return word.slice(0, -1);
  if (/aux$/.test(word)) return `${word.slice(0, -3)}al`;
  if (/ies$/.test(word) && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|sses|xes)$/.test(word)) return word.slice(0, -2);
  if (/[^su]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The first of `words` naming one of `stems` (singular, or a prefix of 5 letters or more). */
export function findMention(words: readonly string[], stems: readonly string[]): string | null {
  return words.find((word) => names(word, stems)) ?? null;
}

function names(word: string, stems: readonly string[]): boolean {
  const lemma = singular(word);
  return stems.some((s) => lemma === s || word === s || (s.length >= 5 && lemma.startsWith(s)));
}

function firstOf<T>(table: [T, string[]][], words: readonly string[]): [T, string] | null {
  for (const [value, stems] of table) {
    const word = findMention(words, stems);
    if (word) return [value, word];
  }
  return null;
}

/** Nouns that make the word before them a kind of chart, not a place: a "bar chart" is no bar. */
const CHART_WORDS = new Set(['chart', 'graph', 'graphique', 'diagram', 'diagramme', 'code']);

/** The words of `text` that may say where it is. */
const placeWords = (text: string) => {
  const words = wordsOf(text);
  return words.filter((_, i) => !CHART_WORDS.has(words[i + 1] ?? ''));
};

/**
 * Where a scene is: its location first (a person named it), then its
 * prompt, then its title. Without a place word: a field, or the open sky
 * for nothing at all.
 */
export function readScene(request: PictureRequest): SceneReading {
  const moodWords = wordsOf(request.mood);
  const prompt = promptSubject(request.prompt, request.cast);
  const all = wordsOf([prompt, request.title, request.location].join(' '));
  const source = [request.location, prompt, request.title].find((text) =>
    firstOf(SETTING_WORDS, placeWords(text)),
  );
  const setting = (source && firstOf(SETTING_WORDS, placeWords(source))?.[0]) || 'field';
  // Every word of that text naming the place, as written: "sea", "boat" for a boat at sea.
  const stems = SETTING_WORDS.find(([kind]) => kind === setting)![1];
  const settingWords = source
    ? [
        ...new Set(
          tokensOf(source)
            .filter((t) => names(t.word, stems))
            .map((t) => t.written),
        ),
      ]
    : [];
  const time = firstOf(TIME_WORDS, [...all, ...moodWords])?.[0] ?? 'day';
  const weather = firstOf(WEATHER_WORDS, [...all, ...moodWords])?.[0] ?? 'clear';
  return {
    setting,
    terrain: TERRAIN[setting],
    settingWords,
    time,
    weather,
    moodWords,
  };
}

/** Every word that says where or when a scene is: such words are never read as props. */
export const PLACE_AND_TIME_WORDS: ReadonlySet<string> = new Set(
  [...SETTING_WORDS, ...TIME_WORDS, ...WEATHER_WORDS].flatMap(([, stems]) => stems),
);
