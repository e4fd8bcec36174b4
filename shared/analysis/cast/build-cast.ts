import type { Language } from '../../timeline.ts';
import type { NlpToolkit } from '../nlp/toolkit.ts';
import type { CharacterIntro } from '../parse/raw-scene.ts';
import type { SceneText } from '../scene-text.ts';
import { capitalize, titleCase } from '../text/tokens.ts';
import type { Vocabulary } from '../vocabulary/index.ts';
import { addUnique, newEntry, type CastEntry } from './cast-entry.ts';
import { createEntryIndex, keysOf } from './entry-index.ts';
import { findNameCandidates, isPersonCandidate } from './name-candidates.ts';
import { findRoleCandidates, type RoleCandidate } from './role-candidates.ts';
import { glossToEnglish } from './gloss.ts';

/**
 * Assembles the characters of a script from every source, most reliable
 * first: screenplay cues and their introductions, speaker tags, proper names,
 * then role nouns. Later sources merge into earlier characters when a word of
 * the name matches ("Mara" into "Mara Quinn", "le prince" into Alexandre).
 */

export interface CastInput {
  scenes: readonly SceneText[];
  vocab: Vocabulary;
  language: Language;
  nlp: NlpToolkit | null;
  emphasized: ReadonlySet<string>;
  cues: readonly string[];
  intros: readonly CharacterIntro[];
}

const DECADES: Record<string, string> = {
  vingtaine: '20s',
  trentaine: '30s',
  quarantaine: '40s',
  cinquantaine: '50s',
  soixantaine: '60s',
  septantaine: '70s',
};

/** "JUNE PARK (30s, apron)", "CLAIRE (40 ans, tablier)": ages spelled out, the rest in English. */
function introVisual(description: string, vocab: Vocabulary): string {
  return description
    .split(/\s*,\s*/)
    .map((part) => {
      if (/^\d{1,2}0s$/.test(part)) return `in their ${part}`;
      const years = /^(\d{1,3})(?:\s*(?:ans|years?(?: old)?|yo))?$/i.exec(part);
      if (years) return `${years[1]} years old`;
      const decade = /^(?:la\s+)?(\p{L}+aine)$/u.exec(part);
      if (decade && DECADES[decade[1]!.toLowerCase()])
        return `in their ${DECADES[decade[1]!.toLowerCase()]}`;
      return glossToEnglish(part, vocab);
    })
    .filter(Boolean)
    .join(', ');
}

export function roleCharacterName(role: RoleCandidate, language: Language): string {
  if (language === 'en') return `The ${role.key}`;
  const article = /^[aeiouyhéèêàâîôûœ]/i.test(role.key)
    ? "L'"
    : role.role.gender === 'female'
      ? 'La '
      : 'Le ';
  return article + role.key;
}

export function buildCastEntries(input: CastInput): CastEntry[] {
  const { vocab, language, nlp } = input;
  const cast = createEntryIndex();

  // 1. Screenplay cues, completed by their introductions ("JUNE PARK (30s, …)").
  for (const cue of input.cues) {
    if (!cast.byForm(keysOf(cue))) cast.add(newEntry(titleCase(cue), [keysOf(cue)], 'cue'));
  }
  for (const intro of input.intros) {
    const keys = keysOf(intro.name);
    const entry = cast.byForm(keys) ?? cast.byForm(keys.slice(0, 1));
    if (!entry) continue;
    if (keys.length > 1 && cast.byForm(keys) !== entry) {
      entry.aliases.add(entry.name);
      entry.name = titleCase(intro.name);
      cast.addForm(entry, keys, true);
    }
    if (intro.description) {
      addUnique(entry.descriptions, intro.description);
      addUnique(entry.visuals, introVisual(intro.description, vocab));
    }
  }

  // 2. Speakers of tagged dialogue ("MARA: …") and storyboard dialogue.
  for (const scene of input.scenes) {
    for (const line of scene.dialogue) {
      if (!line.speaker) continue;
      const keys = keysOf(line.speaker);
      if (cast.byForm(keys) || cast.containing(keys).length === 1) continue;
      const name =
        line.speaker === line.speaker.toUpperCase() ? titleCase(line.speaker) : line.speaker;
      cast.add(newEntry(name, [keys], 'speaker'));
    }
  }

  // 3. Proper names: full names first, so a first name alone becomes an alias.
  const candidates = findNameCandidates(input.scenes, vocab, input.emphasized, language, nlp).sort(
    (a, b) => b.keys.length - a.keys.length || b.count - a.count,
  );
  const thingWords = new Set<string>(
    [...input.emphasized].flatMap((phrase) => (phrase.includes(' ') ? keysOf(phrase) : [])),
  );
  for (const c of candidates) {
    const person = isPersonCandidate(c);
    if (c.keys.length > 1 && !person) {
      if (!cast.byForm(c.keys)) for (const k of c.keys) thingWords.add(k);
      continue;
    }
    const same = cast.byForm(c.keys);
    if (same) {
      if (same.name !== c.name && c.name !== c.name.toUpperCase()) same.aliases.add(c.name);
      continue;
    }
    const owner = c.keys.length === 1 ? cast.containing(c.keys)[0] : undefined;
    if (owner) {
      // "Mara" inside "Mara Quinn": an alias, whatever its own evidence.
      owner.aliases.add(c.name);
      cast.addForm(owner, c.keys);
      continue;
    }
    // "June Park" completing the cue "JUNE".
    const shorter = person ? cast.containedIn(c.keys)[0] : undefined;
    if (shorter) {
      shorter.aliases.add(shorter.name);
      shorter.name = c.name;
      cast.addForm(shorter, c.keys, true);
      continue;
    }
    // "Brigid" alone after "*Saint Brigid*": the ship again, unless the text makes it speak.
    if (c.keys.length === 1 && thingWords.has(c.keys[0]!) && c.spoken === 0) continue;
    if (person) {
      const entry = newEntry(c.name, [c.keys], 'name');
      // Said to be a crow or a tree, yet it speaks: a character, but not a human one.
      entry.creature = c.thing > 0;
      cast.add(entry);
    }
  }
  // A first name's usual gender is a prior; pronouns in the text can outvote it.
  for (const entry of cast.entries) {
    const first = entry.nameForms[0]?.[0];
    const gender = first ? nlp?.firstNameGender(first) : undefined;
    if (gender === 'female') entry.female += 1.5;
    if (gender === 'male') entry.male += 1.5;
  }

  // 4. Role nouns: linked to a name, the same as a name's word, or a character of their own.
  for (const role of findRoleCandidates(input.scenes, vocab)) {
    const linkedTo = new Set<CastEntry>();
    for (const name of role.links.keys()) {
      const keys = keysOf(name);
      const owner = cast.byForm(keys) ?? cast.containing(keys)[0];
      if (owner) linkedTo.add(owner);
    }
    const owners = linkedTo.size
      ? [...linkedTo]
      : cast
          .containing([role.key])
          .filter((e) => e.nameForms.some((f) => f.length === 1 && f[0] === role.key));
    const adjectives = [...role.adjectives.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 2)
      .map(([a]) => a);
    const visual = [...adjectives, role.role.english].join(' ');
    // The fullest form describes best ("jeune prince" over "prince").
    const surface =
      [...role.surfaces.entries()].sort(
        (a, b) => b[0].split(' ').length - a[0].split(' ').length || b[1] - a[1],
      )[0]?.[0] ?? role.key;
    const gender = role.role.gender;
    if (owners.length === 1) {
      const owner = owners[0]!;
      owner.roleKeys.add(role.key);
      owner.roleEnglish ??= role.role.english;
      const named = owner.nameForms.some((f) => f.includes(role.key));
      if (!named || surface !== role.key) addUnique(owner.descriptions, surface);
      // "Inspector" named by its role word alone: the word adds nothing to its look.
      if (!named || visual !== role.role.english) addUnique(owner.visuals, visual);
      owner.aliases.add(roleCharacterName(role, language).toLowerCase());
      if (gender === 'female') owner.female += 2;
      if (gender === 'male') owner.male += 2;
      continue;
    }
    if (owners.length > 1) {
      for (const o of owners) addUnique(o.descriptions, surface);
      continue;
    }
    if (role.definite < 2 && role.speaks === 0) continue;
    const entry = newEntry(capitalize(roleCharacterName(role, language)), [], 'role');
    entry.roleKeys.add(role.key);
    entry.roleEnglish = role.role.english;
    for (const s of role.surfaces.keys()) if (s !== role.key) entry.aliases.add(s);
    if (surface !== role.key) addUnique(entry.descriptions, surface);
    addUnique(entry.visuals, visual);
    if (gender === 'female') entry.female += 3;
    if (gender === 'male') entry.male += 3;
    cast.add(entry);
  }
  return cast.entries;
}
