import { tokenize } from '../text/tokens.ts';
import { matchPhrase, type Vocabulary } from '../vocabulary/index.ts';

/**
 * English wording for a short descriptive phrase, for image prompts. English
 * phrases lose their leading possessive ("his coat soaked through" → "coat
 * soaked through"). Other languages are glossed word by word from the
 * vocabulary tables, adjectives moved before their noun ("visage inquiet" →
 * "worried face"); words the tables do not know are left out.
 */
export function glossToEnglish(phrase: string, vocab: Vocabulary): string {
  if (vocab.language === 'en') {
    return phrase.replace(/^(?:his|her|their|its|the|a|an)\s+/i, '').trim();
  }
  const tokens = tokenize(phrase);
  const out: string[] = [];
  let pending: string[] = [];
  let lastNoun = -1;
  // "porte du réfrigérateur" → "fridge door": a noun after de/du/des qualifies the noun before.
  let linked = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (/^\d+$/.test(t.text)) {
      out.push(t.text);
      lastNoun = -1;
      continue;
    }
    const time = matchPhrase(vocab.times, tokens, i);
    if (time) {
      // Times of day are the lighting's business, not the subject's.
      i += time.length - 1;
      pending = [];
      lastNoun = -1;
      continue;
    }
    // A capitalised word mid-phrase is a name ("Pierre"), not the noun it spells ("pierre", stone).
    if (i > 0 && /^\p{Lu}/u.test(t.text)) {
      pending = [];
      lastNoun = -1;
      linked = false;
      continue;
    }
    const elidedDe = /^d['’]/i.test(t.text);
    if (/^(?:de|du|des)$/.test(t.key) && lastNoun === out.length - 1 && lastNoun >= 0) {
      linked = true;
      continue;
    }
    if (elidedDe && lastNoun === out.length - 1 && lastNoun >= 0) linked = true;
    const place = matchPhrase(vocab.places, tokens, i);
    const role = place ? null : matchPhrase(vocab.roles, tokens, i);
    const noun = place?.value.english ?? role?.value.english ?? vocab.glossary.get(t.key);
    if (noun) {
      if (linked && lastNoun >= 0) {
        out[lastNoun] = `${[...pending, noun].join(' ')} ${out[lastNoun]}`;
      } else {
        out.push([...pending, noun].join(' '));
        lastNoun = out.length - 1;
      }
      linked = false;
      pending = [];
      i += (place?.length ?? role?.length ?? 1) - 1;
      continue;
    }
    const adjective = vocab.adjectives.get(t.key);
    if (adjective) {
      // French puts most adjectives after the noun: attach to the noun just seen.
      if (lastNoun === out.length - 1 && lastNoun >= 0 && pending.length === 0) {
        out[lastNoun] = `${adjective} ${out[lastNoun]}`;
      } else pending.push(adjective);
      continue;
    }
    // Articles between "de" and its noun ("d'une maison", "de la forêt") keep the link.
    if (linked && vocab.functionWords.has(t.key)) continue;
    linked = false;
    lastNoun = -1;
  }
  if (pending.length) out.push(pending.join(' '));
  return out.join(', ');
}
