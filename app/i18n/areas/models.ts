/** UI strings of the models panel and the engine pickers (English, then French with the same keys). */
export const en = {
  'models.open': 'Models',
  'models.title': 'Models and render nodes',
  'models.description':
    'What each running render node can make, updated live: its engines and voices, where it runs them and how fast.',
  'models.loading': 'Looking for render nodes…',
  'models.error':
    'The list of render nodes could not be loaded. It is tried again in a few seconds.',
  'models.noNodes.title': 'No render node is running',
  'models.noNodes.body':
    'Renders and voice samples wait until a render node starts (npm run render-node on a machine that reaches the same Redis).',
  'models.addModels.title': 'How to add models',
  'models.addModels.body':
    'Storyboard frames and eSpeak NG voices are always there. For generated images (SD-Turbo in ONNX) or Piper neural voices, copy the model’s folder to the render node, run npm run models -- add <folder>, then restart the node. The guide “Models” (docs/models.md) says where the weights come from and how a GPU machine adds CUDA.',
  'models.node': 'Render node {node}',
  'models.host': 'on {host}',
  'models.concurrency.one': '{count} scene at a time',
  'models.concurrency.other': '{count} scenes at a time',
  'models.provider.cuda': 'GPU (CUDA): {device}',
  'models.provider.memory': '{used} of {total} GPU memory in use',
  'models.provider.cpu': 'CPU: {device}',
  'models.provider.reason': 'Not on a GPU: {reason}',
  'models.engines': 'Engines',
  'models.engines.image': 'Images',
  'models.engines.voice': 'Voices',
  'models.engines.music': 'Music',
  'models.engines.none': 'none',
  'models.models': 'Installed models',
  'models.noModels': 'No model is installed on this node.',
  'models.kind.image': 'Image model',
  'models.kind.voice': 'Voice · {language}',
  'models.loaded': 'Loaded',
  'models.notLoaded': 'Loads on first use',
  'models.speed.image': '{mean} per image on average, last {last} ({runs} runs)',
  'models.speed.voice': '{mean} per sentence on average, last {last} ({runs} runs)',
  'models.notMeasured': 'Not run yet',
  'models.unusable': 'Unusable: {problem}',
  'models.close': 'Close',
  'models.ms': '{value} ms',

  'settings.imageEngine': 'Picture engine',
  'settings.imageEngine.procedural': 'Storyboard frames',
  'settings.imageEngine.model': '{name} ({where})',
  'settings.imageEngine.gpu': 'GPU',
  'settings.imageEngine.cpu': 'CPU',
  'settings.imageEngine.gpuOrCpu': 'GPU or CPU',
  'settings.imageEngine.absent': '{model} (no running node has it)',
  'settings.imageEngine.hint':
    'Storyboard frames are always available; generated images need a model on a running render node (see Models).',
  'settings.imageEngine.missing':
    'No running render node has “{model}”. It stays chosen: until a node with it starts, renders {outcome}.',
  'settings.imageEngine.outcome.fallback': 'use storyboard frames instead',
  'settings.imageEngine.outcome.fail': 'stop with an error naming the model',
  'settings.imageEngine.fallback':
    'Fall back to storyboard frames when no render node has the model',
  'settings.piperVoice': 'Piper voice',
  'settings.piperVoice.none':
    'No Piper voice is installed on a running render node; the name below is used as typed. See Models to add one.',
  'settings.piperVoice.missing':
    'No running render node has the voice “{voice}”. It stays chosen; narration waits for a node with it.',
  'cast.voice.piper': '{name} (Piper)',
  'board.storyboardFrames': 'Storyboard frames for this scene',
};

export const fr: Record<keyof typeof en, string> = {
  'models.open': 'Modèles',
  'models.title': 'Modèles et nœuds de rendu',
  'models.description':
    'Ce que chaque nœud de rendu en marche sait faire, à jour en direct : ses moteurs et ses voix, où il les exécute et à quelle vitesse.',
  'models.loading': 'Recherche des nœuds de rendu…',
  'models.error':
    'La liste des nœuds de rendu n’a pas pu être chargée. Nouvel essai dans quelques secondes.',
  'models.noNodes.title': 'Aucun nœud de rendu ne tourne',
  'models.noNodes.body':
    'Les rendus et les échantillons de voix attendent qu’un nœud de rendu démarre (npm run render-node sur une machine qui joint le même Redis).',
  'models.addModels.title': 'Ajouter des modèles',
  'models.addModels.body':
    'Les images storyboard et les voix eSpeak NG sont toujours là. Pour des images générées (SD-Turbo en ONNX) ou des voix neuronales Piper, copiez le dossier du modèle sur le nœud de rendu, lancez npm run models -- add <dossier>, puis redémarrez le nœud. Le guide « Models » (docs/models.md) indique d’où viennent les poids et comment une machine à GPU ajoute CUDA.',
  'models.node': 'Nœud de rendu {node}',
  'models.host': 'sur {host}',
  'models.concurrency.one': '{count} scène à la fois',
  'models.concurrency.other': '{count} scènes à la fois',
  'models.provider.cuda': 'GPU (CUDA) : {device}',
  'models.provider.memory': '{used} utilisés sur {total} de mémoire GPU',
  'models.provider.cpu': 'CPU : {device}',
  'models.provider.reason': 'Pas sur un GPU : {reason}',
  'models.engines': 'Moteurs',
  'models.engines.image': 'Images',
  'models.engines.voice': 'Voix',
  'models.engines.music': 'Musique',
  'models.engines.none': 'aucun',
  'models.models': 'Modèles installés',
  'models.noModels': 'Aucun modèle n’est installé sur ce nœud.',
  'models.kind.image': 'Modèle d’image',
  'models.kind.voice': 'Voix · {language}',
  'models.loaded': 'Chargé',
  'models.notLoaded': 'Chargé au premier usage',
  'models.speed.image': '{mean} par image en moyenne, dernière {last} ({runs} exécutions)',
  'models.speed.voice': '{mean} par phrase en moyenne, dernière {last} ({runs} exécutions)',
  'models.notMeasured': 'Pas encore exécuté',
  'models.unusable': 'Inutilisable : {problem}',
  'models.close': 'Fermer',
  'models.ms': '{value} ms',

  'settings.imageEngine': 'Moteur d’images',
  'settings.imageEngine.procedural': 'Images storyboard',
  'settings.imageEngine.model': '{name} ({where})',
  'settings.imageEngine.gpu': 'GPU',
  'settings.imageEngine.cpu': 'CPU',
  'settings.imageEngine.gpuOrCpu': 'GPU ou CPU',
  'settings.imageEngine.absent': '{model} (aucun nœud en marche ne l’a)',
  'settings.imageEngine.hint':
    'Les images storyboard sont toujours disponibles ; les images générées demandent un modèle sur un nœud de rendu en marche (voir Modèles).',
  'settings.imageEngine.missing':
    'Aucun nœud de rendu en marche n’a « {model} ». Il reste choisi : tant qu’aucun nœud ne l’a, les rendus {outcome}.',
  'settings.imageEngine.outcome.fallback': 'utilisent des images storyboard à la place',
  'settings.imageEngine.outcome.fail': 's’arrêtent sur une erreur qui nomme le modèle',
  'settings.imageEngine.fallback':
    'Revenir aux images storyboard quand aucun nœud de rendu n’a le modèle',
  'settings.piperVoice': 'Voix Piper',
  'settings.piperVoice.none':
    'Aucune voix Piper n’est installée sur un nœud de rendu en marche ; le nom ci-dessous est utilisé tel quel. Voir Modèles pour en ajouter une.',
  'settings.piperVoice.missing':
    'Aucun nœud de rendu en marche n’a la voix « {voice} ». Elle reste choisie ; la narration attend un nœud qui l’a.',
  'cast.voice.piper': '{name} (Piper)',
  'board.storyboardFrames': 'Images storyboard pour cette scène',
};
