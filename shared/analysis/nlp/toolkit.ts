import type { Language } from '../../timeline.ts';
import type { Gender } from '../types.ts';

/**
 * What the analyser asks of an NLP library. The sync core works without one
 * (heuristics only); `loadNlpToolkit()` backs it with compromise and
 * fr-compromise, loaded on demand so they stay out of the editor's first
 * bundle. Calls are few and small: one short context per name candidate.
 */
export interface NameTags {
  person: boolean;
  place: boolean;
  organization: boolean;
}

export interface NlpToolkit {
  /**
   * Tags each name as it appears in its context (a sentence around one of its
   * mentions). One call for all names: the tagger's cost is mostly per call.
   */
  classifyNames(
    items: readonly { name: string; context: string }[],
    language: Language,
  ): NameTags[];
  /** A known first name's usual gender; null when the name is known but mixed; undefined when unknown. */
  firstNameGender(word: string): Gender | null | undefined;
  /** True for a known given or family name. */
  isKnownName(word: string): boolean;
  /** True for closed-class words (determiners, prepositions, pronouns, conjunctions, adverbs…). */
  isFunctionWord(word: string, language: Language): boolean;
}
