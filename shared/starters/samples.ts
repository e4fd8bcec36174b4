import type { StarterContent } from './types.ts';

/**
 * Sample projects: short original stories, finished enough to render at once
 * (a few seconds a scene, so the first render of a new account is quick).
 * One per language; the projects list offers both.
 */
export const SAMPLES = {
  'night-ferry': {
    title: 'The Night Ferry',
    language: 'en',
    commitMessage: 'Sample project',
    cast: [
      {
        key: 'mara',
        name: 'Mara',
        description: 'A young woman, the ferry captain, in a yellow raincoat',
        voice: { engine: 'espeak-ng', voice: 'en+f3', rate: 1, pitch: 1.05 },
      },
      {
        key: 'tomas',
        name: 'Tomas',
        description: 'An old man, a passenger with a paper lantern',
        voice: { engine: 'espeak-ng', voice: 'en+m3', rate: 0.95, pitch: 0.9 },
      },
    ],
    scenes: [
      {
        title: 'Last crossing',
        narration: 'At midnight the last ferry leaves the island.',
        prompt: 'a small ferry leaving a harbour at night, lamps on the water',
        durationSec: null,
        mood: 'calm',
        location: 'Island harbour',
        cast: ['mara'],
      },
      {
        title: 'The passenger',
        narration: 'One passenger is on board.\n\nTomas: Is there still room for a lantern?',
        prompt: 'an old man holding a paper lantern on a ferry deck',
        durationSec: null,
        mood: 'mysterious',
        location: 'Ferry deck',
        cast: ['tomas'],
      },
      {
        title: 'Across the dark',
        narration: 'Mara: Always. Hold it high, so the shore can see us.',
        prompt: 'a captain at the wheel, a lantern glowing at the bow, dark sea',
        durationSec: null,
        mood: 'hopeful',
        location: 'Wheelhouse',
        cast: ['mara', 'tomas'],
      },
      {
        title: 'Morning shore',
        narration: 'At dawn, the lights of the mainland answer.',
        prompt: 'a coastline at dawn with small lights in the windows',
        durationSec: null,
        mood: 'joyful',
        location: 'Mainland shore',
        cast: ['mara', 'tomas'],
      },
    ],
  },
  'le-fournil': {
    title: 'Le Fournil de minuit',
    language: 'fr',
    commitMessage: 'Projet d’exemple',
    cast: [
      {
        key: 'lucie',
        name: 'Lucie',
        description: 'Une jeune boulangère aux mains pleines de farine',
        voice: { engine: 'espeak-ng', voice: 'fr+f2', rate: 1, pitch: 1.05 },
      },
      {
        key: 'marcel',
        name: 'Marcel',
        description: 'Un vieux voisin insomniaque, en pantoufles',
        voice: { engine: 'espeak-ng', voice: 'fr+m3', rate: 0.95, pitch: 0.9 },
      },
    ],
    scenes: [
      {
        title: 'La rue endormie',
        narration: 'À minuit, une seule vitrine est allumée dans la rue.',
        prompt: 'a narrow French street at night, one bakery window glowing',
        durationSec: null,
        mood: 'calm',
        location: 'Rue du village',
        cast: [],
      },
      {
        title: 'La pâte',
        narration: 'Lucie pétrit la pâte en chantonnant.',
        prompt: 'a young baker kneading dough, flour in the air, warm light',
        durationSec: null,
        mood: 'joyful',
        location: 'Le fournil',
        cast: ['lucie'],
      },
      {
        title: 'Le visiteur',
        narration:
          'Marcel : Ça sent bon jusque chez moi !\n\nLucie : Entrez, la première fournée est pour vous.',
        prompt: 'an old man in slippers at a bakery door, a baker smiling',
        durationSec: null,
        mood: 'hopeful',
        location: 'Le fournil',
        cast: ['lucie', 'marcel'],
      },
    ],
  },
} as const satisfies Record<string, StarterContent>;

export type SampleId = keyof typeof SAMPLES;
export const SAMPLE_IDS = Object.keys(SAMPLES) as SampleId[];
