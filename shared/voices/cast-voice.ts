import { fnv1a } from '../fnv1a.ts';
import type { Voice } from '../timeline.ts';
import { speakerKey } from './dialogue.ts';

/**
 * Each character's voice: the one set on its cast entry, or a default that
 * is deterministic (same name and description, same voice on every machine)
 * and different from the narrator's and from the other characters' in the
 * project. Defaults use eSpeak NG's built-in variants (`en+f3`), so they
 * need no model weights; words of the description move the pitch ("old
 * man" lower, "little girl" higher). Pure.
 */

export interface VoicedMember {
  id: string;
  name: string;
  description: string;
  voice?: Voice | undefined;
}

/** eSpeak NG's built-in variants, by the voice they give. */
export const ESPEAK_VARIANTS = {
  female: ['f1', 'f2', 'f3', 'f4', 'f5'],
  male: ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'],
} as const;

// Words compared without accents or case (speakerKey), English and French.
const FEMALE = new Set(
  'she her woman women girl lady mother mum mom mama gran granny grandma grandmother aunt auntie sister daughter wife queen princess widow nurse actress elle femme fille fillette dame mere maman grand-mere mamie tante soeur epouse reine princesse veuve madame mademoiselle mme vieille jeune-fille'.split(
    ' ',
  ),
);
const MALE = new Set(
  'he him his man men boy gentleman father dad papa grandpa grandfather uncle brother son husband king prince widower sir mister mr il homme garcon pere papi papy grand-pere oncle frere fils epoux mari roi monsieur vieux vieillard'.split(
    ' ',
  ),
);
const OLD = new Set(
  'old elderly aged ancient grandpa grandfather grandma grandmother gran granny widow widower vieux vieille vieillard age agee ancien ancienne grand-pere grand-mere papi papy mamie'.split(
    ' ',
  ),
);
const YOUNG = new Set(
  'child kid little young boy girl baby teen teenager toddler enfant petit petite fillette garcon jeune bebe ado adolescent adolescente gamin gamine'.split(
    ' ',
  ),
);

type Gender = keyof typeof ESPEAK_VARIANTS;

const wordsOf = (text: string) =>
  speakerKey(text)
    .split(/[^a-z0-9-]+/)
    .filter(Boolean);

const count = (words: string[], set: Set<string>) => words.filter((w) => set.has(w)).length;

/** What the description says about the voice: gender (when it says) and a pitch factor. */
export function voiceTraits(member: Pick<VoicedMember, 'name' | 'description'>): {
  gender: Gender | null;
  pitch: number;
} {
  const words = wordsOf(`${member.name} ${member.description}`);
  const female = count(words, FEMALE);
  const male = count(words, MALE);
  const gender = female > male ? 'female' : male > female ? 'male' : null;
  const old = count(words, OLD) > 0;
  const young = count(words, YOUNG) > 0;
  const pitch = old && !young ? 0.7 : young && !old ? 1.35 : 1;
  return { gender, pitch };
}

const round2 = (v: number) => Math.round(v * 100) / 100;
/** Rate and pitch bounds of every voice (the timeline schema's). */
const clamp = (v: number) => Math.min(2, Math.max(0.5, v));
/** The language part of a voice id ("en-gb+m3" → "en-gb"). */
const baseVoice = (voice: Voice, language: string) =>
  voice.engine === 'espeak-ng' ? (voice.voice.split('+')[0] ?? language) : language;

/** The eSpeak NG voices a character can be given in a project: each variant of its language. */
export function espeakVoiceChoices(
  narrator: Voice,
  language: string,
): { voice: string; gender: Gender; number: number }[] {
  const base = baseVoice(narrator, language);
  return (['female', 'male'] as const).flatMap((gender) =>
    ESPEAK_VARIANTS[gender].map((variant, i) => ({
      voice: `${base}+${variant}`,
      gender,
      number: i + 1,
    })),
  );
}

/** The default voice of one character, avoiding the voice ids in `taken`. */
export function defaultCastVoice(
  member: Pick<VoicedMember, 'name' | 'description'>,
  narrator: Voice,
  language: string,
  taken: ReadonlySet<string> = new Set(),
): Voice {
  const traits = voiceTraits(member);
  const h = fnv1a(speakerKey(`${member.name}\n${member.description}`));
  const gender: Gender = traits.gender ?? ((h & 1) === 0 ? 'female' : 'male');
  const base = baseVoice(narrator, language);
  const variants = ESPEAK_VARIANTS[gender];
  const start = (h >>> 1) % variants.length;
  let voice = `${base}+${variants[start]}`;
  for (let i = 0; i < variants.length; i++) {
    const candidate = `${base}+${variants[(start + i) % variants.length]}`;
    if (!taken.has(candidate)) {
      voice = candidate;
      break;
    }
  }
  // A small spread keeps two characters of one variant apart when the variants run out.
  const spread = (((h >>> 8) % 11) - 5) / 50;
  return {
    engine: 'espeak-ng',
    voice,
    // Around the narrator's pace, so a fast project does not slow down at every line.
    rate: round2(clamp(narrator.rate * (1 + (((h >>> 16) % 7) - 3) / 50))),
    pitch: round2(clamp(traits.pitch + spread)),
  };
}

/**
 * The voice of every character (cast order), set or default. Defaults are
 * handed out in the cast's order, each avoiding the narrator's voice and
 * every voice already given.
 */
export function castVoices(
  cast: readonly VoicedMember[],
  narrator: Voice,
  language: string,
): Map<string, Voice> {
  const taken = new Set<string>([narrator.voice, ...cast.flatMap((c) => c.voice?.voice ?? [])]);
  const voices = new Map<string, Voice>();
  for (const member of cast) {
    const voice = member.voice ?? defaultCastVoice(member, narrator, language, taken);
    taken.add(voice.voice);
    voices.set(member.id, voice);
  }
  return voices;
}
