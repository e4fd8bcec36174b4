/**
 * Text → Piper's input ids (pure). Piper voices are trained on espeak-ng's
 * IPA: each codepoint of the phoneme string maps through the voice's
 * `phoneme_id_map`; the sequence starts with "^", ends with "$" and has the
 * pad "_" after every id (piper-phonemize's phonemes_to_ids).
 */

export type PhonemeIdMap = Record<string, number[]>;

/** Sentences of `text` in its language (Intl.Segmenter), blank ones dropped. */
export function splitSentences(text: string, language: string): string[] {
  const segmenter = new Intl.Segmenter(language.replace('_', '-'), { granularity: 'sentence' });
  return [...segmenter.segment(text)].map((s) => s.segment.trim()).filter((s) => s.length > 0);
}

/**
 * espeak-ng's IPA for one sentence (its clauses on separate lines) as Piper's
 * phoneme string: clauses joined by a space, the sentence's own closing
 * punctuation kept (Piper voices use it for intonation), the zero-width
 * joiners espeak puts in ties dropped; empty when espeak said nothing.
 */
export function sentencePhonemes(ipa: string, sentence: string): string {
  const clauses = ipa
    .replace(/\u200d/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  // Nothing pronounced (only symbols espeak does not say): nothing to speak, not a lone '.'.
  if (clauses.length === 0) return '';
  const closing = /[.!?,;:]$/.exec(sentence.trim())?.[0] ?? '.';
  return clauses.join(' ') + closing;
}

/** Ids for a phoneme string; codepoints the voice does not know are skipped (as Piper does). */
export function phonemeIds(phonemes: string, map: PhonemeIdMap): number[] {
  const pad = map['_']!;
  const ids = [...map['^']!, ...pad];
  for (const symbol of phonemes.normalize('NFD')) {
    const known = map[symbol];
    if (!known) continue;
    ids.push(...known, ...pad);
  }
  ids.push(...map['$']!);
  return ids;
}
