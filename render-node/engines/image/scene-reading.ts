import type { PictureRequest } from './engine.ts';
import type { TimeOfDay } from './palette.ts';

/**
 * Reads a scene's words (prompt, title, location, mood; English and French)
 * into what the procedural picture shows: the setting, the time of day, the
 * weather, props and figures. Pure; accents are stripped before matching.
 */

export type Setting =
  'water' | 'mountains' | 'city' | 'forest' | 'interior' | 'space' | 'desert' | 'hills';
export type Weather = 'clear' | 'rain' | 'snow' | 'fog';
export type Prop = 'lighthouse' | 'boat' | 'house' | 'castle' | 'tree' | 'birds';

export interface SceneReading {
  setting: Setting;
  time: TimeOfDay;
  weather: Weather;
  props: Prop[];
  /** Figures to draw: one per cast member in the scene (max 3), or one when a person is mentioned. */
  figures: Figure[];
  moodWords: string[];
}

export interface Figure {
  /** 0..1: build and height vary per character but stay the same across scenes. */
  build: number;
  /** A colour named in the character's description, for their coat. */
  colour: string | null;
}

const SETTINGS: [Setting, string[]][] = [
  [
    'space',
    [
      'space',
      'espace',
      'planet',
      'planete',
      'galax',
      'orbit',
      'cosmos',
      'asteroid',
      'rocket',
      'fusee',
    ],
  ],
  [
    'interior',
    [
      'room',
      'kitchen',
      'office',
      'classroom',
      'interior',
      'bedroom',
      'hall',
      'library',
      'studio',
      'chambre',
      'cuisine',
      'bureau',
      'salle',
      'salon',
      'bibliotheque',
      'atelier',
      'inside',
      'interieur',
      'cafe',
      'restaurant',
      'shop',
      'boutique',
    ],
  ],
  [
    'water',
    [
      'sea',
      'ocean',
      'beach',
      'harbour',
      'harbor',
      'port',
      'coast',
      'shore',
      'lake',
      'river',
      'bay',
      'island',
      'wave',
      'mer',
      'plage',
      'lac',
      'riviere',
      'fleuve',
      'cote',
      'ile',
      'vague',
      'lighthouse',
      'phare',
      'boat',
      'bateau',
      'ship',
      'navire',
      'sail',
      'voilier',
    ],
  ],
  [
    'mountains',
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
    ],
  ],
  [
    'city',
    [
      'city',
      'street',
      'town',
      'building',
      'skyline',
      'downtown',
      'village',
      'ville',
      'rue',
      'immeuble',
      'quartier',
      'avenue',
      'metro',
      'market',
      'marche',
      'square',
      'place',
    ],
  ],
  [
    'forest',
    [
      'forest',
      'foret',
      'wood',
      'bois',
      'tree',
      'arbre',
      'jungle',
      'garden',
      'jardin',
      'park',
      'parc',
      'orchard',
      'verger',
    ],
  ],
  ['desert', ['desert', 'dune', 'sand', 'sable', 'oasis', 'savanna', 'savane']],
];

const TIMES: [TimeOfDay, string[]][] = [
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
      'nocturn',
      'dark',
      'obscur',
    ],
  ],
  [
    'sunset',
    ['sunset', 'dusk', 'evening', 'twilight', 'soir', 'crepuscule', 'couchant', 'coucher'],
  ],
  ['dawn', ['dawn', 'sunrise', 'morning', 'aube', 'aurore', 'matin', 'lever']],
];

const WEATHERS: [Weather, string[]][] = [
  ['rain', ['rain', 'pluie', 'storm', 'orage', 'tempete', 'drizzle', 'bruine', 'pleu']],
  ['snow', ['snow', 'neige', 'blizzard', 'winter', 'hiver', 'frost', 'givre']],
  ['fog', ['fog', 'mist', 'brume', 'brouillard', 'haze', 'smoke', 'fumee']],
];

const PROPS: [Prop, string[]][] = [
  ['lighthouse', ['lighthouse', 'phare', 'beacon']],
  ['boat', ['boat', 'bateau', 'ship', 'navire', 'sail', 'voilier', 'barque', 'ferry', 'yacht']],
  ['house', ['house', 'cabin', 'cottage', 'home', 'maison', 'cabane', 'chalet', 'farm', 'ferme']],
  ['castle', ['castle', 'chateau', 'tower', 'tour', 'fortress', 'forteresse', 'palace', 'palais']],
  ['tree', ['tree', 'arbre', 'oak', 'chene', 'willow', 'saule']],
  ['birds', ['bird', 'oiseau', 'gull', 'mouette', 'crow', 'corbeau', 'flock', 'vol']],
];

const PERSON_WORDS = [
  'man',
  'woman',
  'child',
  'girl',
  'boy',
  'people',
  'person',
  'teacher',
  'student',
  'keeper',
  'traveller',
  'traveler',
  'homme',
  'femme',
  'enfant',
  'fille',
  'garcon',
  'gens',
  'personne',
  'professeur',
  'eleve',
  'gardien',
  'voyageu',
  'he',
  'she',
  'il',
  'elle',
  'hero',
  'heroine',
  'friend',
  'ami',
  'amie',
];

const COLOUR_WORDS: [string, string[]][] = [
  ['#c0392b', ['red', 'rouge', 'crimson', 'scarlet', 'ecarlate']],
  ['#2e86de', ['blue', 'bleu', 'bleue', 'navy', 'marine']],
  ['#f1c40f', ['yellow', 'jaune', 'gold', 'golden', 'dore']],
  ['#27ae60', ['green', 'vert', 'verte']],
  ['#e67e22', ['orange']],
  ['#8e44ad', ['purple', 'violet', 'violette', 'mauve']],
  ['#ecf0f1', ['white', 'blanc', 'blanche']],
  ['#8d6e63', ['brown', 'brun', 'brune', 'marron']],
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

const mentions = (words: readonly string[], stems: readonly string[]) =>
  words.some((w) => stems.some((s) => (s.length <= 3 ? w === s : w.startsWith(s))));

export function readScene(request: PictureRequest): SceneReading {
  const words = wordsOf([request.prompt, request.title, request.location].join(' '));
  const moodWords = wordsOf(request.mood);
  const all = [...words, ...moodWords];
  const setting = SETTINGS.find(([, stems]) => mentions(words, stems))?.[0] ?? 'hills';
  const time = TIMES.find(([, stems]) => mentions(all, stems))?.[0] ?? 'day';
  const weather = WEATHERS.find(([, stems]) => mentions(all, stems))?.[0] ?? 'clear';
  const props = PROPS.filter(([prop, stems]) => mentions(words, stems) && fits(prop, setting))
    .map(([prop]) => prop)
    .slice(0, 2);
  const cast = request.cast.slice(0, 3).map((member) => ({
    build: (hashString(member.name || member.description) % 1000) / 1000,
    colour:
      COLOUR_WORDS.find(([, stems]) => mentions(wordsOf(member.description), stems))?.[0] ?? null,
  }));
  const figures =
    cast.length > 0 ? cast : mentions(words, PERSON_WORDS) ? [{ build: 0.5, colour: null }] : [];
  return { setting, time, weather, props, figures, moodWords };
}

/** Props that make no sense in a setting are left out (no lighthouse in space). */
function fits(prop: Prop, setting: Setting): boolean {
  if (setting === 'space' || setting === 'interior') return false;
  if (prop === 'boat') return setting === 'water';
  if (prop === 'tree') return setting !== 'forest';
  return true;
}

/** FNV-1a, 32 bit: stable small hashes for layout decisions. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
