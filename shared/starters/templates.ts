import type { Language } from '../timeline.ts';
import type { StarterContent, StarterScene } from './types.ts';

/**
 * Project templates: the shape of a kind of video as placeholder scenes, in
 * each narration language. Every placeholder starts with the language's mark
 * so nobody mistakes it for finished text; as placeholders are narration,
 * a template can be committed (and previewed) before anything is written.
 */
export const PLACEHOLDER_MARK: Record<Language, string> = {
  en: '[Replace me]',
  fr: '[À remplacer]',
};

/** A template scene before its placeholder mark: title, what to write, its mood. */
type Outline = [title: string, hint: string, mood?: string];

interface TemplateText {
  title: string;
  commitMessage: string;
  cast?: readonly { key: string; name: string; description: string }[];
  scenes: readonly (readonly [...Outline] | readonly [...Outline, cast: readonly string[]])[];
}

const TEMPLATE_TEXT = {
  explainer: {
    en: {
      title: 'Explainer',
      commitMessage: 'Explainer template',
      scenes: [
        ['Hook', 'Ask the question your viewer has, in one sentence.', 'mysterious'],
        ['The problem', 'Say why the question matters and what goes wrong today.', 'tense'],
        ['How it works', 'Explain the idea in three short steps.', 'calm'],
        ['Wrap-up', 'Sum up in one sentence and say what to do next.', 'hopeful'],
      ],
    },
    fr: {
      title: 'Vidéo explicative',
      commitMessage: 'Modèle vidéo explicative',
      scenes: [
        ['Accroche', 'Posez en une phrase la question que se pose le public.', 'mysterious'],
        ['Le problème', 'Dites pourquoi la question compte et ce qui coince aujourd’hui.', 'tense'],
        ['Comment ça marche', 'Expliquez l’idée en trois étapes courtes.', 'calm'],
        ['Conclusion', 'Résumez en une phrase et dites quoi faire ensuite.', 'hopeful'],
      ],
    },
  },
  'short-story': {
    en: {
      title: 'Short story',
      commitMessage: 'Short story template',
      cast: [
        { key: 'hero', name: 'Hero', description: 'Who your main character is and how they look.' },
        { key: 'rival', name: 'Rival', description: 'Who stands in their way.' },
      ],
      scenes: [
        ['Opening', 'Show where and when the story starts.', 'calm', ['hero']],
        ['Trouble', 'Something goes wrong for the hero.', 'tense', ['hero', 'rival']],
        ['Turning point', 'The hero makes a choice.', 'mysterious', ['hero']],
        ['Ending', 'Show how things have changed.', 'hopeful', ['hero', 'rival']],
      ],
    },
    fr: {
      title: 'Histoire courte',
      commitMessage: 'Modèle histoire courte',
      cast: [
        { key: 'hero', name: 'Héros', description: 'Qui est le personnage principal, son allure.' },
        { key: 'rival', name: 'Rival', description: 'Qui se met en travers de son chemin.' },
      ],
      scenes: [
        ['Ouverture', 'Montrez où et quand commence l’histoire.', 'calm', ['hero']],
        ['L’obstacle', 'Quelque chose tourne mal pour le héros.', 'tense', ['hero', 'rival']],
        ['Le tournant', 'Le héros fait un choix.', 'mysterious', ['hero']],
        ['Le dénouement', 'Montrez ce qui a changé.', 'hopeful', ['hero', 'rival']],
      ],
    },
  },
  'product-promo': {
    en: {
      title: 'Product promo',
      commitMessage: 'Product promo template',
      scenes: [
        ['The moment', 'Show a moment your customer knows well.', 'neutral'],
        ['Meet the product', 'Name the product and what it does, in one line.', 'joyful'],
        ['Three reasons', 'Give three benefits, one short sentence each.', 'hopeful'],
        ['Call to action', 'Say where to get it and why now.', 'joyful'],
      ],
    },
    fr: {
      title: 'Présentation produit',
      commitMessage: 'Modèle présentation produit',
      scenes: [
        ['Le moment', 'Montrez un moment que votre client connaît bien.', 'neutral'],
        ['Le produit', 'Nommez le produit et ce qu’il fait, en une ligne.', 'joyful'],
        ['Trois raisons', 'Donnez trois avantages, une phrase courte chacun.', 'hopeful'],
        ['Appel à l’action', 'Dites où le trouver et pourquoi maintenant.', 'joyful'],
      ],
    },
  },
  lesson: {
    en: {
      title: 'Lesson',
      commitMessage: 'Lesson template',
      scenes: [
        ['Goal', 'Say what the learner will be able to do at the end.', 'calm'],
        ['Key idea', 'Explain the one idea the lesson is about.', 'neutral'],
        ['Example', 'Work through one example step by step.', 'calm'],
        ['Check yourself', 'Ask one question the learner can now answer.', 'hopeful'],
      ],
    },
    fr: {
      title: 'Leçon',
      commitMessage: 'Modèle leçon',
      scenes: [
        ['Objectif', 'Dites ce que l’élève saura faire à la fin.', 'calm'],
        ['Idée clé', 'Expliquez l’idée unique de la leçon.', 'neutral'],
        ['Exemple', 'Déroulez un exemple pas à pas.', 'calm'],
        ['À vous', 'Posez une question à laquelle l’élève sait maintenant répondre.', 'hopeful'],
      ],
    },
  },
} as const satisfies Record<string, Record<Language, TemplateText>>;

export type TemplateId = keyof typeof TEMPLATE_TEXT;
export const TEMPLATE_IDS = Object.keys(TEMPLATE_TEXT) as TemplateId[];

/** A template's content in a narration language, every placeholder marked as such. */
export function templateContent(id: TemplateId, language: Language): StarterContent {
  const text: TemplateText = TEMPLATE_TEXT[id][language];
  const mark = PLACEHOLDER_MARK[language];
  const scenes = text.scenes.map(([title, hint, mood, cast]): StarterScene => ({
    title,
    narration: `${mark} ${hint}`,
    prompt: '',
    // As long as its narration takes to read, like an imported scene.
    durationSec: null,
    mood: mood ?? '',
    location: '',
    cast: cast ? [...cast] : [],
  }));
  return {
    title: text.title,
    language,
    commitMessage: text.commitMessage,
    cast: (text.cast ?? []).map((c) => ({ ...c, description: `${mark} ${c.description}` })),
    scenes,
  };
}
