/** UI strings of the first run: the guided start on the projects list and the editor's first-visit hint (English, then French). */
export const en = {
  'firstRun.title': 'Start your first video',
  'firstRun.intro':
    'Open a finished sample to see how Montage works, or start from a template and replace its placeholders.',
  'firstRun.samplesHeading': 'Sample projects',
  'firstRun.samplesHint':
    'A short film with scenes and cast; its first video renders as you open it.',
  'firstRun.templatesHeading': 'Templates',
  'firstRun.templatesHint': 'Placeholder scenes to replace with your own words.',
  'firstRun.templateLanguage': 'Language of the placeholder scenes',
  'firstRun.sample.night-ferry':
    'A ferry captain and a passenger with a lantern cross the dark sea.',
  'firstRun.sample.le-fournil':
    'A baker at midnight and a sleepless neighbour drawn by the smell of bread.',
  'firstRun.sampleLanguage': 'In {language}',
  'firstRun.scenes.one': '{count} scene',
  'firstRun.scenes.other': '{count} scenes',
  'firstRun.characters.one': '{count} character',
  'firstRun.characters.other': '{count} characters',
  'firstRun.template.explainer': 'Explainer',
  'firstRun.template.explainer.description': 'Hook, problem, how it works, wrap-up.',
  'firstRun.template.short-story': 'Short story',
  'firstRun.template.short-story.description':
    'Opening, trouble, turning point, ending; two characters.',
  'firstRun.template.product-promo': 'Product promo',
  'firstRun.template.product-promo.description':
    'A familiar moment, the product, three reasons, a call to action.',
  'firstRun.template.lesson': 'Lesson',
  'firstRun.template.lesson.description': 'Goal, key idea, worked example, a question to check.',
  'firstRun.blank': 'Blank project',
  'firstRun.blankDescription': 'An empty board: write or import your own script.',
  'firstRun.creating': 'Creating…',
  'firstRun.fromStarter': 'From a sample or template',
  'firstRun.fromStarterTitle': 'New from a sample or template',
  'firstRun.fromStarterDescription':
    'A sample is a finished short film that renders as you open it; a template gives you placeholder scenes.',

  'hint.region': 'Getting started',
  'hint.stepOf': 'Step {step} of {total}',
  'hint.step1.title': 'Import or write',
  'hint.step1.body':
    'Paste or upload a script with Import script to turn it into scenes and cast, or add scenes and write their narration on the board.',
  'hint.step2.title': 'Edit together',
  'hint.step2.body':
    'Invite people from Members: everyone edits the same board live, and you see who is on which scene.',
  'hint.step3.title': 'Commit & render',
  'hint.step3.body':
    'Commit & render freezes a revision and renders it into a video; watch it in the player and download it when it is done.',
  'hint.next': 'Next',
  'hint.back': 'Back',
  'hint.done': 'Done',
  'hint.close': 'Close for now',
  'hint.dontShowAgain': 'Don’t show again',
} as const;

export const fr: Record<keyof typeof en, string> = {
  'firstRun.title': 'Commencez votre première vidéo',
  'firstRun.intro':
    'Ouvrez un exemple terminé pour voir comment fonctionne Montage, ou partez d’un modèle et remplacez ses textes provisoires.',
  'firstRun.samplesHeading': 'Projets d’exemple',
  'firstRun.samplesHint':
    'Un court film avec ses scènes et ses personnages ; sa première vidéo se génère dès l’ouverture.',
  'firstRun.templatesHeading': 'Modèles',
  'firstRun.templatesHint': 'Des scènes provisoires à remplacer par vos propres mots.',
  'firstRun.templateLanguage': 'Langue des scènes provisoires',
  'firstRun.sample.night-ferry':
    'Une capitaine de ferry et un passager à la lanterne traversent la mer dans la nuit.',
  'firstRun.sample.le-fournil':
    'Une boulangère à minuit et un voisin insomniaque attiré par l’odeur du pain.',
  'firstRun.sampleLanguage': 'En {language}',
  'firstRun.scenes.one': '{count} scène',
  'firstRun.scenes.other': '{count} scènes',
  'firstRun.characters.one': '{count} personnage',
  'firstRun.characters.other': '{count} personnages',
  'firstRun.template.explainer': 'Vidéo explicative',
  'firstRun.template.explainer.description': 'Accroche, problème, fonctionnement, conclusion.',
  'firstRun.template.short-story': 'Histoire courte',
  'firstRun.template.short-story.description':
    'Ouverture, obstacle, tournant, dénouement ; deux personnages.',
  'firstRun.template.product-promo': 'Présentation produit',
  'firstRun.template.product-promo.description':
    'Un moment familier, le produit, trois raisons, un appel à l’action.',
  'firstRun.template.lesson': 'Leçon',
  'firstRun.template.lesson.description':
    'Objectif, idée clé, exemple commenté, une question pour vérifier.',
  'firstRun.blank': 'Projet vide',
  'firstRun.blankDescription': 'Un tableau vide : écrivez ou importez votre propre script.',
  'firstRun.creating': 'Création…',
  'firstRun.fromStarter': 'Depuis un exemple ou un modèle',
  'firstRun.fromStarterTitle': 'Nouveau depuis un exemple ou un modèle',
  'firstRun.fromStarterDescription':
    'Un exemple est un court film terminé qui se génère dès l’ouverture ; un modèle vous donne des scènes provisoires.',

  'hint.region': 'Premiers pas',
  'hint.stepOf': 'Étape {step} sur {total}',
  'hint.step1.title': 'Importer ou écrire',
  'hint.step1.body':
    'Collez ou chargez un script avec « Importer un script » pour en tirer scènes et personnages, ou ajoutez des scènes et écrivez leur narration sur le tableau.',
  'hint.step2.title': 'Éditer à plusieurs',
  'hint.step2.body':
    'Invitez des personnes depuis Membres : tout le monde édite le même tableau en direct, et vous voyez qui est sur quelle scène.',
  'hint.step3.title': 'Valider et rendre',
  'hint.step3.body':
    'Valider et rendre fige une révision et la transforme en vidéo ; regardez-la dans le lecteur et téléchargez-la une fois prête.',
  'hint.next': 'Suivant',
  'hint.back': 'Précédent',
  'hint.done': 'Terminé',
  'hint.close': 'Fermer pour l’instant',
  'hint.dontShowAgain': 'Ne plus afficher',
} as const;
