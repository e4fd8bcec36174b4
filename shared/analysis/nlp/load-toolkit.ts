import type { Language } from '../../timeline.ts';
import { stripDiacritics } from '../text/tokens.ts';
import type { Gender } from '../types.ts';
import type { NameTags, NlpToolkit } from './toolkit.ts';

/**
 * The compromise-backed toolkit. Both libraries are imported dynamically so
 * a bundler splits them into their own chunks, fetched the first time an
 * analysis in their language runs in the browser. The English library also serves French
 * texts for names: its name lexicon is international ("Élise", "Alexandre").
 */

interface Term {
  text: string;
  tags: string[];
}
type Tagger = ((text: string) => { json(): { terms: Term[] }[] }) & {
  model(): { one: { lexicon: Record<string, string | string[]> } };
};

const CLOSED_CLASS = new Set([
  'Determiner',
  'Preposition',
  'Conjunction',
  'Pronoun',
  'Adverb',
  'Modal',
  'Copula',
  'QuestionWord',
  'Auxiliary',
  'Negative',
  'Expression',
  'Value',
  'Cardinal',
  'Ordinal',
  'TextValue',
]);
const NAME_TAGS = new Set(['FirstName', 'LastName', 'MaleName', 'FemaleName', 'Honorific']);

let english: Promise<Tagger> | null = null;
let french: Promise<Tagger> | null = null;

/** Each library is fetched once; a failed chunk download can be retried. */
function loadOnce(which: 'en' | 'fr'): Promise<Tagger> {
  const load = () =>
    (which === 'en' ? import('compromise') : import('fr-compromise')).then((m) => {
      const tagger = m.default as unknown as Tagger;
      // The first call builds the tagger's internal models: pay for it while loading, not mid-analysis.
      tagger('Mara walked to the harbour at dusk.').json();
      return tagger;
    });
  const promise = (which === 'en' ? english : french) ?? load();
  const guarded = promise.catch((error: unknown) => {
    if (which === 'en') english = null;
    else french = null;
    throw error;
  });
  if (which === 'en') english = guarded;
  else french = guarded;
  return guarded;
}

/**
 * Loads compromise, and fr-compromise when French is among `languages`
 * (an English script never downloads the French library).
 */
export async function loadNlpToolkit(
  languages: readonly Language[] = ['en', 'fr'],
): Promise<NlpToolkit> {
  const [en, fr] = await Promise.all([
    loadOnce('en'),
    languages.includes('fr') ? loadOnce('fr') : Promise.resolve(null),
  ]);
  return createToolkit(en, fr);
}

const tagsOf = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const norm = (word: string) => stripDiacritics(word.toLowerCase()).replace(/['’]s$/, '');

export function createToolkit(en: Tagger, fr: Tagger | null): NlpToolkit {
  const enLexicon = en.model().one.lexicon;
  const frLexicon = fr?.model().one.lexicon ?? {};
  return {
    classifyNames(items, language): NameTags[] {
      if (items.length === 0) return [];
      // One tagging pass over every context, each closed as a sentence of its own.
      const joined = items
        .map((it) => (/[.!?…]["»”]?\s*$/.test(it.context) ? it.context : `${it.context}.`))
        .join('\n\n');
      const sentences = (language === 'fr' && fr ? [en, fr] : [en]).flatMap((tagger) =>
        tagger(joined).json(),
      );
      return items.map(({ name }) => {
        const wanted = name.split(/\s+/).map(norm);
        const tags = new Set<string>();
        for (const { terms } of sentences) {
          for (let i = 0; i + wanted.length <= terms.length; i++) {
            if (
              wanted.every(
                (w, k) => norm(terms[i + k]!.text.replace(/[^\p{L}\p{N}'’-]/gu, '')) === w,
              )
            ) {
              for (let k = 0; k < wanted.length; k++)
                for (const t of terms[i + k]!.tags) tags.add(t);
            }
          }
        }
        return {
          person: tags.has('Person') || [...tags].some((t) => NAME_TAGS.has(t)),
          place: tags.has('Place') || tags.has('City') || tags.has('Country') || tags.has('Region'),
          organization: tags.has('Organization'),
        };
      });
    },
    firstNameGender(word: string): Gender | null | undefined {
      const tags = tagsOf(enLexicon[norm(word)]);
      if (tags.includes('FemaleName')) return 'female';
      if (tags.includes('MaleName')) return 'male';
      if (tags.includes('FirstName')) return null;
      return undefined;
    },
    isKnownName(word: string): boolean {
      return tagsOf(enLexicon[norm(word)]).some((t) => NAME_TAGS.has(t));
    },
    isFunctionWord(word: string, language: Language): boolean {
      const lexicon = language === 'fr' ? frLexicon : enLexicon;
      const tags = tagsOf(lexicon[word.toLowerCase()]);
      return tags.length > 0 && tags.every((t) => CLOSED_CLASS.has(t));
    },
  };
}
