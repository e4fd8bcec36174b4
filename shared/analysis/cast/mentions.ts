import { isCapitalized, type Token } from '../text/tokens.ts';
import { matchPhrase, type Vocabulary } from '../vocabulary/index.ts';
import type { CastEntry } from './cast-entry.ts';

/**
 * Where each character is mentioned in a scene: capitalised name forms
 * ("Mara Quinn", "Mara") and role nouns after a determiner ("le vieux roi").
 * One pass over the tokens, a map lookup per capitalised word.
 */

export interface Mention {
  entry: number;
  /** Offsets in the text the tokens came from. */
  start: number;
  end: number;
}

export interface MentionIndex {
  names: Map<string, { keys: string[]; entry: number }[]>;
  roles: Map<string, number>;
}

export function buildMentionIndex(entries: readonly CastEntry[]): MentionIndex {
  const names = new Map<string, { keys: string[]; entry: number }[]>();
  const roles = new Map<string, number>();
  entries.forEach((e, entry) => {
    for (const keys of e.nameForms) {
      const first = keys[0];
      if (!first) continue;
      const list = names.get(first) ?? [];
      list.push({ keys, entry });
      list.sort((a, b) => b.keys.length - a.keys.length);
      names.set(first, list);
    }
    for (const r of e.roleKeys) if (!roles.has(r)) roles.set(r, entry);
  });
  return { names, roles };
}

export function scanMentions(
  tokens: readonly Token[],
  index: MentionIndex,
  vocab: Vocabulary,
): Mention[] {
  const out: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (isCapitalized(t.text)) {
      const forms = index.names.get(t.key);
      const hit = forms?.find((f) => f.keys.every((k, j) => tokens[i + j]?.key === k));
      if (hit) {
        out.push({ entry: hit.entry, start: t.start, end: tokens[i + hit.keys.length - 1]!.end });
        i += hit.keys.length - 1;
        continue;
      }
    }
    if (index.roles.size === 0) continue;
    const role = matchPhrase(vocab.roles, tokens, i);
    if (!role) continue;
    const entry = index.roles.get(role.key);
    if (entry === undefined) continue;
    let start = -1;
    if (/^[ld]['’]/i.test(t.text)) start = t.start;
    for (let k = i - 1; start === -1 && k >= Math.max(0, i - 3); k--) {
      const d = tokens[k]!;
      if (vocab.determiners.has(d.key)) start = d.start;
      else if (!/^\p{Ll}/u.test(d.text) || vocab.functionWords.has(d.key)) break;
    }
    if (start === -1) continue;
    out.push({ entry, start, end: tokens[i + role.length - 1]!.end });
    i += role.length - 1;
  }
  return out;
}
