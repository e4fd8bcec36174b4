import { glossToEnglish } from '../cast/gloss.ts';
import type { Mention } from '../cast/mentions.ts';
import type { RawScene } from '../parse/raw-scene.ts';
import type { SceneText } from '../scene-text.ts';
import { squeeze } from '../text/normalize.ts';
import { sentenceSpans } from '../text/sentence-spans.ts';
import { clip } from '../text/tokens.ts';
import type { Gender } from '../types.ts';
import { matchPhrase, type Vocabulary } from '../vocabulary/index.ts';

/**
 * The English subject of a scene's image. A storyboard's Visual: line is the
 * subject (when not English, its glossed nouns followed by the line as written). English prose and action: the most
 * pictorial sentence (characters, places, shot words; quotes ignored), its
 * opening pronoun replaced by the character's name. Other languages: the
 * characters present and the visual nouns of the scene, glossed.
 */

export interface VisualCast {
  name: string;
  gender: Gender | null;
}

const MAX_VISUAL = 400;
const MAX_TERMS = 8;

function bestSentence(
  text: SceneText,
  mentions: readonly Mention[],
  vocab: Vocabulary,
): string | null {
  const tokens = text.tokens; // already tokenised, offsets in the masked narration
  let best: { score: number; start: number; end: number } | null = null;
  let m = 0;
  let k = 0;
  for (const span of sentenceSpans(text.masked)) {
    while (k < tokens.length && tokens[k]!.start < span.start) k++;
    let end = k;
    while (end < tokens.length && tokens[end]!.start < span.end) end++;
    const words = end - k;
    let score = 0;
    while (m < mentions.length && mentions[m]!.start < span.end) {
      if (mentions[m]!.start >= span.start) score += 2;
      m++;
    }
    for (let i = k; i < end; i++) {
      const t = tokens[i]!;
      if (matchPhrase(vocab.places, tokens, i)) score += 1.5;
      if (vocab.wideShotWords.has(t.key) || vocab.closeShotWords.has(t.key)) score += 0.5;
    }
    k = end;
    if (words < 3) continue;
    if (words >= 8 && words <= 40) score += 1;
    // The opening line usually establishes the frame.
    if (!best) score += 1.5;
    if (!best || score > best.score) best = { score, start: span.start, end: span.end };
  }
  return best ? squeeze(text.masked.slice(best.start, best.end)) : null;
}

export function sceneVisual(
  raw: RawScene,
  text: SceneText,
  mentions: readonly Mention[],
  present: readonly VisualCast[],
  vocab: Vocabulary,
): string {
  const names = present.slice(0, 3).map((c) => c.name);
  const who =
    names.length > 1
      ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
      : (names[0] ?? '');
  if (raw.visual) {
    // The Visual: line is the frame, always. Glossing keeps only the words the tables know,
    // so the line itself follows the English: an engine that reads French nouns still gets
    // "trois poubelles de couleur", and a person editing the prompt sees what was asked.
    const line = raw.visual.replace(/[.!?…]+$/, '');
    const gloss = vocab.language === 'en' ? '' : glossToEnglish(raw.visual, vocab);
    return clip(gloss ? `${gloss} (${line})` : line, MAX_VISUAL);
  }
  if (vocab.language === 'en') {
    const sentence = bestSentence(text, mentions, vocab);
    if (sentence) {
      // "She climbed the stairs" → "Mara Quinn climbed the stairs": a pronoun means nothing to an image model.
      const lead = /^(She|He|They)\b/.exec(sentence);
      let subject = sentence;
      if (lead) {
        const g = lead[1] === 'She' ? 'female' : lead[1] === 'He' ? 'male' : null;
        const who1 = g ? present.find((c) => c.gender === g) : undefined;
        if (who1) subject = who1.name + sentence.slice(lead[1]!.length);
        else if (lead[1] === 'They' && who) subject = who + sentence.slice(4);
      }
      return clip(subject.replace(/[.!?…]+$/, ''), MAX_VISUAL);
    }
  } else {
    const terms = [
      ...new Set(glossToEnglish(text.masked.slice(0, 6000), vocab).split(', ').filter(Boolean)),
    ];
    const parts = [who, ...terms.slice(0, MAX_TERMS)].filter(Boolean);
    if (parts.length) return clip(parts.join(', '), MAX_VISUAL);
  }
  if (raw.dialogue.length && who) return `${who} talking`;
  return who || 'an evocative establishing image';
}
