import type { SceneText } from '../scene-text.ts';
import { isCapitalized, type Token } from '../text/tokens.ts';
import { matchPhrase, type RoleWord, type Vocabulary } from '../vocabulary/index.ts';

/**
 * Characters known by a role rather than a name: "the king", "le vieux roi",
 * "the inspector". A role is a character when it is referred to definitely at
 * least twice or speaks; "un jeune prince nommé Alexandre" and "une jeune
 * bûcheronne, Élise," link a role to a name instead (alias and description).
 */

export interface RoleCandidate {
  key: string;
  role: RoleWord;
  count: number;
  definite: number;
  speaks: number;
  /** Surface forms without the determiner ("vieux roi"), with counts. */
  surfaces: Map<string, number>;
  /** English adjectives seen with it ("old"), with counts. */
  adjectives: Map<string, number>;
  /** Names this role was tied to ("nommé Alexandre", "bûcheronne, Élise"). */
  links: Map<string, number>;
}

const DEFINITE = new Set([
  'the',
  'his',
  'her',
  'their',
  'my',
  'our',
  'your',
  'this',
  'that',
  'le',
  'la',
  'l',
  'les',
  'son',
  'sa',
  'ses',
  'leur',
  'mon',
  'ma',
  'notre',
  'ce',
  'cet',
  'cette',
]);

/** A capitalised run right after position `k` ("Alexandre", "Mara Quinn"). */
function nameAt(tokens: readonly Token[], k: number, vocab: Vocabulary): string | null {
  const parts: string[] = [];
  for (let j = k; j < tokens.length && parts.length < 3; j++) {
    const t = tokens[j]!;
    if (!isCapitalized(t.text) || vocab.functionWords.has(t.key)) break;
    parts.push(t.text.replace(/['’]s$/i, ''));
  }
  return parts.length ? parts.join(' ') : null;
}

export function findRoleCandidates(
  scenes: readonly SceneText[],
  vocab: Vocabulary,
): RoleCandidate[] {
  const found = new Map<string, RoleCandidate>();
  for (const scene of scenes) {
    const { tokens, masked } = scene;
    for (let i = 0; i < tokens.length; i++) {
      const m = matchPhrase(vocab.roles, tokens, i);
      if (!m) continue;
      const head = tokens[i]!;
      // Capitalised mid-sentence it is part of a name ("Inspector Morse"): names handle it.
      // A capitalised role mid-sentence is a name ("Captain Ahab"), except after an article:
      // "the Captain", "le Prince" are the role used as a title, still the role's character.
      if (
        isCapitalized(head.text) &&
        i > 0 &&
        !/[.!?]\s*$/.test(masked.slice(tokens[i - 1]!.end, head.start)) &&
        !vocab.determiners.has(tokens[i - 1]!.key)
      ) {
        i += m.length - 1;
        continue;
      }
      // Find the determiner, allowing up to two adjectives in between ("le vieux roi", "the old king").
      let det = -1;
      const elided = /^[ld]['’]/i.test(head.text);
      const adjectives: string[] = [];
      if (!elided) {
        for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
          const t = tokens[k]!;
          if (vocab.determiners.has(t.key) || /^[ld]['’]/i.test(t.text)) {
            det = k;
            break;
          }
          if (!/^\p{Ll}[\p{Ll}-]*$/u.test(t.text) || vocab.functionWords.has(t.key)) break;
          adjectives.unshift(vocab.adjectives.get(t.key) ?? (vocab.language === 'en' ? t.key : ''));
        }
        if (det === -1) {
          i += m.length - 1;
          continue;
        }
      }
      const end = i + m.length;
      for (let k = end; k < Math.min(tokens.length, end + 2); k++) {
        const adj = vocab.adjectives.get(tokens[k]!.key);
        if (!adj) break;
        adjectives.push(adj);
      }
      const detToken = det >= 0 ? tokens[det]! : head;
      const definite = elided || DEFINITE.has(detToken.key);
      const c: RoleCandidate = found.get(m.key) ?? {
        key: m.key,
        role: m.value,
        count: 0,
        definite: 0,
        speaks: 0,
        surfaces: new Map<string, number>(),
        adjectives: new Map<string, number>(),
        links: new Map<string, number>(),
      };
      c.count++;
      if (definite) c.definite++;
      const surfaceStart = det >= 0 ? tokens[det + 1]!.start : head.start;
      const surface = masked
        .slice(surfaceStart, tokens[end - 1]!.end)
        .replace(/^[ld]['’]/i, '')
        .toLowerCase();
      c.surfaces.set(surface, (c.surfaces.get(surface) ?? 0) + 1);
      for (const a of adjectives) if (a) c.adjectives.set(a, (c.adjectives.get(a) ?? 0) + 1);
      const after = tokens[end];
      const beforeDet = det > 0 ? tokens[det - 1] : undefined;
      if (
        (after && vocab.speechVerbs.has(after.key)) ||
        (beforeDet && vocab.speechVerbs.has(beforeDet.key))
      ) {
        c.speaks++;
      }
      // "prince nommé Alexandre" / "bûcheronne, Élise" / "Élise, la bûcheronne".
      let link: string | null = null;
      if (after && vocab.nameLinkers.has(after.key)) link = nameAt(tokens, end + 1, vocab);
      else if (after && /^\s*,\s*$/.test(masked.slice(tokens[end - 1]!.end, after.start)))
        link = nameAt(tokens, end, vocab);
      if (!link && beforeDet && /^\s*,\s*$/.test(masked.slice(beforeDet.end, detToken.start))) {
        link =
          isCapitalized(beforeDet.text) && !vocab.functionWords.has(beforeDet.key)
            ? beforeDet.text
            : null;
      }
      if (link) c.links.set(link, (c.links.get(link) ?? 0) + 1);
      found.set(m.key, c);
      i = end - 1;
    }
  }
  return [...found.values()];
}
