import type { Gender } from '../types.ts';

/** A character while the cast is being assembled (before ranking and ids). */
export interface CastEntry {
  name: string;
  aliases: Set<string>;
  /** Lower-case word keys matched as a capitalised name in the text ("mara", "quinn"). */
  nameForms: string[][];
  /** Role nouns that stand for this character ("prince", "roi"). */
  roleKeys: Set<string>;
  /** Pronoun and lexicon votes. */
  female: number;
  male: number;
  /** In the script's language. */
  descriptions: string[];
  /** English, for prompts. */
  visuals: string[];
  source: 'cue' | 'speaker' | 'name' | 'role';
  /** English role noun when the character is known by it ("king"). */
  roleEnglish: string | null;
  /** A speaking animal or thing ("Pip, the old crow" who says things): no human look in prompts. */
  creature: boolean;
}

export function newEntry(name: string, keys: string[][], source: CastEntry['source']): CastEntry {
  return {
    name,
    aliases: new Set(),
    nameForms: keys,
    roleKeys: new Set(),
    female: 0,
    male: 0,
    descriptions: [],
    visuals: [],
    source,
    roleEnglish: null,
    creature: false,
  };
}

export function genderOf(entry: CastEntry): Gender | null {
  if (entry.female > entry.male) return 'female';
  if (entry.male > entry.female) return 'male';
  return null;
}

/** Adds a description part unless an existing part already says it ("teenage boy" in "teenage boy, 16"). */
export function addUnique(list: string[], value: string): void {
  const v = value.trim();
  if (v && !list.some((x) => x.toLowerCase().includes(v.toLowerCase()))) list.push(v);
}
