import type { SceneText } from '../scene-text.ts';
import { clip } from '../text/tokens.ts';
import type { CastMember } from '../types.ts';
import type { Vocabulary } from '../vocabulary/index.ts';
import { genderOf, type CastEntry } from './cast-entry.ts';
import type { StoryFocus } from './focus.ts';
import type { Mention } from './mentions.ts';

/**
 * Who is in each scene, and the cast ranked by presence. A character is
 * present where named, described by a role, speaking, or standing behind a
 * sentence-opening pronoun; a scene told only with pronouns ("Ils marchèrent
 * …") keeps the people of the scene before. The protagonist is the one the
 * story follows (`focus.ts`): present in most scenes and most often the
 * subject or in the title, then the most mentioned, then the first seen.
 */

/** Per scene: entry index → mentions (0 = carried over from the scene before). */
export type Presence = Map<number, number>[];

export function scenePresence(
  texts: readonly SceneText[],
  mentions: readonly Mention[][],
  visualMentions: readonly Mention[][],
  pronounMentions: readonly Map<number, number>[],
  dialogue: readonly { entry: number | null }[][],
  vocab: Vocabulary,
): Presence {
  const presence = texts.map((_, i) => {
    const counts = new Map<number, number>();
    const add = (e: number, n = 1) => counts.set(e, (counts.get(e) ?? 0) + n);
    for (const m of mentions[i]!) add(m.entry);
    for (const m of visualMentions[i]!) add(m.entry);
    for (const d of dialogue[i]!) if (d.entry !== null) add(d.entry);
    for (const [e, n] of pronounMentions[i]!) add(e, n);
    return counts;
  });
  presence.forEach((counts, i) => {
    if (counts.size || i === 0) return;
    const pronouns = texts[i]!.tokens.some(
      (t) => vocab.female.has(t.key) || vocab.male.has(t.key) || vocab.plural.has(t.key),
    );
    if (pronouns) for (const e of presence[i - 1]!.keys()) counts.set(e, 0);
  });
  return presence;
}

/** More characters than this is a list of names, not a cast: the rest are left out, with a warning. */
export const MAX_CAST = 100;

export function rankCast(
  entries: readonly CastEntry[],
  presence: Presence,
  dialogue: readonly { entry: number | null }[][],
  focus?: StoryFocus,
): { cast: CastMember[]; idOf: Map<number, string>; leftOut: number } {
  // One pass over the scenes, whatever the number of characters.
  const stats = entries.map((_, e) => ({ e, scenes: [] as number[], count: 0, lines: 0 }));
  presence.forEach((counts, i) => {
    for (const [e, n] of counts) {
      stats[e]!.scenes.push(i);
      stats[e]!.count += n;
    }
  });
  for (const scene of dialogue)
    for (const d of scene) if (d.entry !== null) stats[d.entry]!.lines++;
  // Who the story follows: presence in scenes, plus up to one scene's worth for being the
  // subject most often (names and opening pronouns), plus half for being named in the title.
  const maxSubjects = Math.max(1, ...(focus?.subjects ?? []));
  const followed = (e: number) =>
    (focus ? focus.subjects[e]! / maxSubjects + (focus.inTitle[e] ? 0.5 : 0) : 0) +
    stats[e]!.scenes.length;
  const present = stats
    .filter((s) => s.scenes.length > 0)
    .sort(
      (a, b) => followed(b.e) - followed(a.e) || b.count - a.count || a.scenes[0]! - b.scenes[0]!,
    );
  const ranked = present.slice(0, MAX_CAST);
  const idOf = new Map<number, string>(ranked.map((s, k) => [s.e, `cast-${k + 1}`]));
  const cast = ranked.map((s, k): CastMember => {
    const entry = entries[s.e]!;
    const aliases = [...entry.aliases].filter((a) => a.toLowerCase() !== entry.name.toLowerCase());
    const supporting = s.scenes.length >= 2 || s.count >= 3 || s.lines >= 2;
    return {
      id: idOf.get(s.e)!,
      name: entry.name,
      kind: entry.source === 'role' ? 'role' : entry.creature ? 'creature' : 'named',
      aliases: [...new Map(aliases.map((a) => [a.toLowerCase(), a])).values()].sort(),
      mentions: s.count,
      firstScene: s.scenes[0]!,
      scenes: s.scenes,
      role: k === 0 ? 'protagonist' : supporting ? 'supporting' : 'minor',
      gender: genderOf(entry),
      description: clip(entry.descriptions.join('; '), 600),
      visual: clip(entry.visuals.join(', '), 300),
    };
  });
  return { cast, idOf, leftOut: present.length - ranked.length };
}
