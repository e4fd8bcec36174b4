import { genderOf, type CastEntry } from './cast/cast-entry.ts';
import type { Mention } from './cast/mentions.ts';
import type { SceneText } from './scene-text.ts';
import type { Token } from './text/tokens.ts';
import type { Vocabulary } from './vocabulary/index.ts';

/**
 * Who says each quote of a prose scene. In order of trust: a speech verb
 * right after the quote with its subject (", she whispered", "», dit-il",
 * "», dit le vieux roi"); a speech verb right before it ("Mara said, “…”");
 * the speaker of the previous quote in the same paragraph; the only
 * character named before the quote in its paragraph. A pronoun resolves to
 * the last character mentioned before it whose gender agrees, looking back
 * into the previous scene when needed.
 */

export interface ProseDialogue {
  entry: number | null;
  text: string;
}

const verbKey = (key: string) => key.split('-')[0]!;
const tail = (key: string) => key.slice(key.lastIndexOf('-') + 1);

function tokensBetween(tokens: readonly Token[], from: number, to: number): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    if (t.start >= to) break;
    if (t.start >= from) out.push(t);
  }
  return out;
}

function resolvePronoun(
  key: string,
  before: number,
  mentions: readonly Mention[],
  earlier: readonly Mention[],
  entries: readonly CastEntry[],
  vocab: Vocabulary,
): number | null {
  const k = tail(key);
  const wanted = vocab.female.has(k) ? 'female' : vocab.male.has(k) ? 'male' : null;
  if (!wanted) return null;
  const pick = (list: readonly Mention[]) => {
    let fallback: number | null = null;
    for (let i = list.length - 1; i >= 0; i--) {
      const m = list[i]!;
      if (m.start >= before) continue;
      const g = genderOf(entries[m.entry]!);
      if (g === wanted) return m.entry;
      if (g === null && fallback === null) fallback = m.entry;
    }
    return fallback;
  };
  return pick(mentions) ?? pick(earlier.map((m) => ({ ...m, start: -1 })));
}

export function attributeProseDialogue(
  scene: SceneText,
  mentions: readonly Mention[],
  previousMentions: readonly Mention[],
  entries: readonly CastEntry[],
  vocab: Vocabulary,
): ProseDialogue[] {
  const out: ProseDialogue[] = [];
  const text = scene.narration;
  let previous: { end: number; entry: number | null } | null = null;
  scene.quotes.forEach((q, qi) => {
    const paraStart = text.lastIndexOf('\n\n', q.start) + 1;
    const next = scene.quotes[qi + 1]?.start ?? text.length;
    const paraEnd = text.indexOf('\n\n', q.end);
    const windowEnd = Math.min(next, paraEnd === -1 ? text.length : paraEnd, q.end + 100);
    const sentenceEnd = /[.!?…]/.exec(text.slice(q.end, windowEnd));
    const afterEnd = sentenceEnd ? q.end + sentenceEnd.index + 1 : windowEnd;
    let entry: number | null = null;
    let attributed = false;

    // ", she whispered" / "», dit-il" / "», dit le vieux roi" / "Mara said".
    const after = tokensBetween(scene.tokens, q.end, afterEnd).slice(0, 5);
    const verbAt = after.findIndex((t) => vocab.speechVerbs.has(verbKey(t.key)));
    if (verbAt !== -1 && verbAt <= 3) {
      attributed = true;
      const verb = after[verbAt]!;
      const named = mentions.find((m) => m.start >= q.end && m.start < afterEnd);
      if (named) entry = named.entry;
      else {
        const pronoun = verb.key.includes('-')
          ? verb
          : after.find((t) => vocab.female.has(t.key) || vocab.male.has(t.key));
        if (pronoun)
          entry = resolvePronoun(pronoun.key, q.start, mentions, previousMentions, entries, vocab);
      }
    }
    // "Mara said, “…”" / "Il dit : « … »".
    if (!attributed) {
      const from = Math.max(
        paraStart,
        previous && previous.end > paraStart ? previous.end : paraStart,
      );
      const lead = text.slice(from, q.start);
      if (/[,:]\s*$/.test(lead)) {
        const leadTokens = tokensBetween(scene.tokens, from, q.start).slice(-4);
        if (leadTokens.some((t) => vocab.speechVerbs.has(t.key))) {
          attributed = true;
          const named = [...mentions].reverse().find((m) => m.start >= from && m.start < q.start);
          if (named) entry = named.entry;
          else {
            const pronoun = leadTokens.find(
              (t) => vocab.female.has(t.key) || vocab.male.has(t.key),
            );
            if (pronoun)
              entry = resolvePronoun(
                pronoun.key,
                q.start,
                mentions,
                previousMentions,
                entries,
                vocab,
              );
          }
        }
      }
    }
    // The same speaker goes on within a paragraph.
    if (!attributed && previous && previous.end >= paraStart && previous.entry !== null) {
      entry = previous.entry;
      attributed = true;
    }
    // "Mara looked past him at the black water. “Then the light won't fail.”"
    if (!attributed) {
      const named = new Set(
        mentions.filter((m) => m.start >= paraStart && m.start < q.start).map((m) => m.entry),
      );
      if (named.size === 1) entry = [...named][0]!;
    }
    out.push({ entry, text: q.text });
    previous = { end: q.end, entry };
  });
  return out;
}
