import { tokenKey } from '../text/tokens.ts';
import type { CastEntry } from './cast-entry.ts';

/**
 * Finds characters by the words of their names without scanning every
 * character: a pasted list of thousands of names must stay linear.
 */
export interface EntryIndex {
  readonly entries: CastEntry[];
  add(entry: CastEntry): void;
  /** Registers another name form ("mara" for "Mara Quinn"); `first` makes it the canonical one. */
  addForm(entry: CastEntry, keys: string[], first?: boolean): void;
  byForm(keys: readonly string[]): CastEntry | undefined;
  /** Characters with a name containing every word of `keys` ("mara" ⊂ "mara quinn"). */
  containing(keys: readonly string[]): CastEntry[];
  /** Characters with a shorter name made of words of `keys` ("june" for "june park"). */
  containedIn(keys: readonly string[]): CastEntry[];
}

/** "Mr. Smith" → ["mr", "smith"]: the keys name forms are stored and looked up by. */
export const keysOf = (name: string): string[] =>
  name
    .split(/\s+/)
    .map((w) => tokenKey(w.replace(/[.,;:!?]+$/, '')))
    .filter(Boolean);

export function createEntryIndex(initial: readonly CastEntry[] = []): EntryIndex {
  const entries: CastEntry[] = [];
  const forms = new Map<string, CastEntry>();
  const byWord = new Map<string, Set<CastEntry>>();
  const index = (entry: CastEntry, keys: readonly string[]) => {
    if (!forms.has(keys.join(' '))) forms.set(keys.join(' '), entry);
    for (const k of keys) {
      const set = byWord.get(k) ?? new Set<CastEntry>();
      set.add(entry);
      byWord.set(k, set);
    }
  };
  const api: EntryIndex = {
    entries,
    add(entry) {
      entries.push(entry);
      for (const f of entry.nameForms) index(entry, f);
    },
    addForm(entry, keys, first = false) {
      if (first) entry.nameForms.unshift(keys);
      else entry.nameForms.push(keys);
      index(entry, keys);
    },
    byForm: (keys) => forms.get(keys.join(' ')),
    containing(keys) {
      const near = byWord.get(keys[0] ?? '');
      if (!near) return [];
      return [...near].filter((e) => e.nameForms.some((f) => keys.every((k) => f.includes(k))));
    },
    containedIn(keys) {
      // Shorter names are sub-sequences of the words ("june" in "june park"): at most 2^5 lookups.
      const found = new Set<CastEntry>();
      const n = Math.min(keys.length, 5);
      for (let mask = 1; mask < (1 << n) - 1; mask++) {
        const sub = keys.filter((_, i) => i < n && mask & (1 << i));
        const e = forms.get(sub.join(' '));
        if (e) found.add(e);
      }
      return [...found];
    },
  };
  for (const e of initial) api.add(e);
  return api;
}

/** Resolves a written name ("JUNE", "Mara", "le roi") to a character's index, or -1. */
export function entryFinder(entries: readonly CastEntry[]): (name: string) => number {
  const index = createEntryIndex(entries);
  const position = new Map(entries.map((e, i) => [e, i]));
  const byAlias = new Map<string, number>();
  entries.forEach((e, i) => {
    for (const a of [e.name, ...e.aliases])
      if (!byAlias.has(a.toLowerCase())) byAlias.set(a.toLowerCase(), i);
  });
  return (name) => {
    const keys = keysOf(name);
    const exact = index.byForm(keys);
    if (exact) return position.get(exact)!;
    const alias = byAlias.get(name.toLowerCase());
    if (alias !== undefined) return alias;
    const containing = index.containing(keys);
    return containing.length === 1 ? position.get(containing[0]!)! : -1;
  };
}
