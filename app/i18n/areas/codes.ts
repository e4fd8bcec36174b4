/**
 * Words for values and codes that come from the analysis and the render node
 * (moods, analysis warnings, render failures): the data keeps its English
 * value or code (a mood feeds prompts; API clients read the English text),
 * and the UI words it here in the user's language.
 */
export const en = {
  'mood.tense': 'tense',
  'mood.somber': 'somber',
  'mood.joyful': 'joyful',
  'mood.calm': 'calm',
  'mood.mysterious': 'mysterious',
  'mood.hopeful': 'hopeful',
  'mood.neutral': 'neutral',
  'analysis.warning.languageGuessed':
    'The language could not be detected with confidence; {language} was assumed. Set the language to override.',
  'analysis.warning.formatOverridden':
    'Read as {format} as requested, although it looks like {detected}.',
  'analysis.warning.noStructure': 'No scene structure was found: the whole text is one scene.',
  'analysis.warning.targetScenesIgnored':
    'The number of scenes applies to stories and Markdown; this {format} defines its {count} scenes itself.',
  'analysis.warning.castTrimmed':
    '{leftOut} more names looked like characters; only the {kept} most present were kept.',
  'analysis.warning.narrationClipped':
    'A scene was longer than 20,000 characters; its narration was shortened.',
  'analysis.warning.manyScenes':
    '{count} scenes: consider setting a number of scenes, or longer scenes.',
  'analysis.warning.unattributedDialogue': 'Some dialogue lines have no identified speaker.',
  'analysis.warning.unpunctuatedPassage':
    'A passage had no sentence punctuation for more than {maxWords} words; it was cut every {maxWords} words.',
  'analysis.warning.tooFewScenes':
    'Scenes made: {made} of the {target} asked for; the text is too short.',
  'analysis.warning.noSluglines':
    'No sluglines (INT./EXT.) found: the screenplay was read as a single scene.',
  'analysis.warning.introScene': 'Text before the first scene marker became an introductory scene.',
  'analysis.warning.nlpUnavailable':
    'The language library could not be loaded; names were found with simpler rules.',
  'render.failure.voice-engine-missing': 'The voice engine is not installed on the render node.',
  'render.failure.voice-engine-failed': 'The voice engine could not speak this narration.',
  'render.failure.image-engine-failed': 'The picture could not be drawn.',
  'render.failure.ffmpeg-failed': 'Video encoding (ffmpeg) failed.',
  'render.failure.media-missing': 'A file this render needs is missing from the media store.',
  'render.failure.timed-out': 'The render took too long and was stopped.',
  'render.failure.node-lost': 'The render node stopped responding.',
} as const;

export const fr: Record<keyof typeof en, string> = {
  'mood.tense': 'tendue',
  'mood.somber': 'sombre',
  'mood.joyful': 'joyeuse',
  'mood.calm': 'calme',
  'mood.mysterious': 'mystérieuse',
  'mood.hopeful': 'pleine d’espoir',
  'mood.neutral': 'neutre',
  'analysis.warning.languageGuessed':
    'La langue n’a pas pu être reconnue avec certitude ; langue supposée : {language}. Choisissez la langue pour corriger.',
  'analysis.warning.formatOverridden':
    'Lu comme « {format} » à votre demande, bien que le texte ressemble à « {detected} ».',
  'analysis.warning.noStructure':
    'Aucune structure de scènes trouvée : tout le texte forme une seule scène.',
  'analysis.warning.targetScenesIgnored':
    'Le nombre de scènes s’applique aux histoires et au Markdown ; ce texte (« {format} ») définit lui-même ses {count} scènes.',
  'analysis.warning.castTrimmed':
    '{leftOut} autres noms ressemblaient à des personnages ; seuls les {kept} plus présents ont été gardés.',
  'analysis.warning.narrationClipped':
    'Une scène dépassait 20 000 caractères ; sa narration a été raccourcie.',
  'analysis.warning.manyScenes':
    '{count} scènes : indiquez un nombre de scènes, ou des scènes plus longues.',
  'analysis.warning.unattributedDialogue': 'Certaines répliques n’ont pas de personnage identifié.',
  'analysis.warning.unpunctuatedPassage':
    'Un passage de plus de {maxWords} mots n’avait aucune ponctuation de phrase ; il a été coupé tous les {maxWords} mots.',
  'analysis.warning.tooFewScenes':
    'Scènes possibles : {made} sur les {target} demandées ; le texte est trop court.',
  'analysis.warning.noSluglines':
    'Aucun en-tête de scène (INT./EXT.) trouvé : le scénario a été lu comme une seule scène.',
  'analysis.warning.introScene':
    'Le texte avant le premier repère de scène est devenu une scène d’introduction.',
  'analysis.warning.nlpUnavailable':
    'La bibliothèque linguistique n’a pas pu être chargée ; les noms ont été trouvés avec des règles plus simples.',
  'render.failure.voice-engine-missing':
    'Le moteur de voix n’est pas installé sur le nœud de rendu.',
  'render.failure.voice-engine-failed': 'Le moteur de voix n’a pas pu dire cette narration.',
  'render.failure.image-engine-failed': 'L’image n’a pas pu être dessinée.',
  'render.failure.ffmpeg-failed': 'L’encodage vidéo (ffmpeg) a échoué.',
  'render.failure.media-missing':
    'Un fichier nécessaire à ce rendu manque dans le stockage des médias.',
  'render.failure.timed-out': 'Le rendu a pris trop de temps et a été arrêté.',
  'render.failure.node-lost': 'Le nœud de rendu a cessé de répondre.',
};
