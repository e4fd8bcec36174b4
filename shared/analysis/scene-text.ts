import type { RawDialogue, RawScene } from './parse/raw-scene.ts';
import { findQuotes, maskQuotes, type QuoteSpan } from './text/quotes.ts';
import { countWords, tokenize, type Token } from './text/tokens.ts';

/**
 * One scene's text prepared once for every step: narration, its quotes (prose
 * only), the narration with quotes blanked (so a name said aloud is not a
 * presence, and a time said aloud is not the scene's time), and its tokens,
 * tokenised once: `tokens` is `allTokens` without the ones inside quotes.
 */
export interface SceneText {
  index: number;
  narration: string;
  quotes: QuoteSpan[];
  masked: string;
  /** Every word of the narration, quotes included. */
  allTokens: Token[];
  /** The words outside quotes (offsets are the same in `narration` and `masked`). */
  tokens: Token[];
  visual: string;
  visualTokens: Token[];
  dialogue: RawDialogue[];
  narrationWords: number;
  /** Narration plus dialogue words. */
  words: number;
}

export function prepareSceneText(scene: RawScene, index: number, withQuotes: boolean): SceneText {
  const narration = scene.paragraphs.join('\n\n');
  const quotes = withQuotes ? findQuotes(narration) : [];
  const masked = maskQuotes(narration, quotes);
  const visual = scene.visual ?? '';
  const allTokens = tokenize(narration);
  return {
    index,
    narration,
    quotes,
    masked,
    allTokens,
    tokens: quotes.length ? outsideQuotes(allTokens, quotes) : allTokens,
    visual,
    visualTokens: visual ? tokenize(visual) : [],
    dialogue: scene.dialogue,
    narrationWords: allTokens.length,
    words: allTokens.length + scene.dialogue.reduce((n, d) => n + countWords(d.text), 0),
  };
}

function outsideQuotes(tokens: readonly Token[], quotes: readonly QuoteSpan[]): Token[] {
  const out: Token[] = [];
  let q = 0;
  for (const t of tokens) {
    while (q < quotes.length && quotes[q]!.end <= t.start) q++;
    const quote = quotes[q];
    if (!quote || t.end <= quote.start) out.push(t);
  }
  return out;
}
