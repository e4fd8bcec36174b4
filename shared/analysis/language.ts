import type { Language } from '../timeline.ts';
import { vocabularyFor } from './vocabulary/index.ts';

export interface LanguageGuess {
  language: Language;
  /** 0..1: how much more one language's frequent words outnumber the other's. */
  confidence: number;
  /** Frequent-word hits per language, for tests and the UI. */
  evidence: Record<Language, number>;
}

/** Enough words to decide; reading the whole of a long script adds nothing. */
const SAMPLE_WORDS = 20_000;
const WORD = /[\p{L}]+(?:['’][\p{L}]+)*/gu;

/**
 * Frequent-word vote between French and English, with French accents as
 * extra evidence. A text with too few frequent words (emoji, a list of names,
 * another script) falls back to `fallback` with a low confidence.
 */
export function detectLanguage(text: string, fallback: Language = 'en'): LanguageGuess {
  const enWords = vocabularyFor('en').detectionWords;
  const frWords = vocabularyFor('fr').detectionWords;
  let enHits = 0;
  let frHits = 0;
  let accented = 0;
  let seen = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m && seen < SAMPLE_WORDS; m = WORD.exec(text)) {
    seen++;
    const w = m[0].toLowerCase().replace(/’/g, "'");
    if (enWords.has(w)) enHits++;
    if (frWords.has(w)) frHits++;
    else if (/[éèêàçùâîôûëïœ]/.test(w)) accented++;
  }
  const fr = frHits + accented * 0.3;
  const total = enHits + fr;
  const evidence = { en: enHits, fr: Math.round(fr * 10) / 10 };
  if (total < 3) return { language: fallback, confidence: 0, evidence };
  const language: Language = fr > enHits ? 'fr' : 'en';
  const confidence = Math.abs(fr - enHits) / total;
  // Very short texts cannot be sure even when unanimous.
  const certainty = Math.min(1, total / 12);
  return { language, confidence: Math.round(confidence * certainty * 100) / 100, evidence };
}
