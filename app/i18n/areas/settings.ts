/** UI strings of the settings area (English, then French with the same keys). */
export const en = {
  'settings.open': 'Project settings',
  'settings.title': 'Project settings',
  'settings.description':
    'Changes apply at once for everyone on the project and are used by the next commit and render.',
  'settings.viewOnly': 'You can see these settings but not change them.',
  'settings.fieldTitle': 'Title',
  'settings.fieldLanguage': 'Narration language',
  'settings.languageHint': 'The language of the narration voice and the captions.',
  'settings.fieldAspect': 'Aspect ratio',
  'settings.aspect.16:9': 'Landscape',
  'settings.aspect.9:16': 'Vertical',
  'settings.aspect.1:1': 'Square',
  'settings.aspect.4:5': 'Portrait',
  'settings.fieldFps': 'Frame rate',
  'settings.fpsOption': '{fps} fps',
  'settings.fieldStyle': 'Image style',
  'settings.voice': 'Narration voice',
  'settings.fieldEngine': 'Voice engine',
  'settings.engine.espeak-ng': 'eSpeak NG (built in)',
  'settings.engine.piper': 'Piper (neural voices)',
  'settings.fieldVoice': 'Voice name',
  'settings.voiceHint': 'An eSpeak NG voice such as “en” or “fr”, or the name of a Piper voice.',
  'settings.fieldRate': 'Speaking rate',
  'settings.fieldPitch': 'Pitch',
  'settings.sliderValue': '{value}×',
  'settings.sliderRange': 'From 0.5× (slower, lower) to 2× (faster, higher); 1× is normal.',
  'settings.error.titleEmpty': 'Title: enter a title. The project keeps its current one.',
  'settings.error.titleTooLong':
    'Title: at most {max} characters ({count} now). The project keeps its current title.',
  'settings.error.voiceEmpty': 'Voice name: enter a voice. The project keeps its current one.',
  'settings.error.voiceTooLong':
    'Voice name: at most {max} characters. The project keeps its current voice.',
  'settings.error.voiceInvalid':
    'Voice name: not a name this engine knows (letters, digits and dashes, such as “en-us”). The project keeps its current voice.',
  'settings.error.field': '{field}: this value is not accepted, nothing was changed.',
  'settings.close': 'Done',
} as const;

export const fr: Record<keyof typeof en, string> = {
  'settings.open': 'Paramètres du projet',
  'settings.title': 'Paramètres du projet',
  'settings.description':
    'Les changements s’appliquent aussitôt pour tous les membres du projet et servent au prochain commit et rendu.',
  'settings.viewOnly': 'Vous pouvez voir ces paramètres mais pas les modifier.',
  'settings.fieldTitle': 'Titre',
  'settings.fieldLanguage': 'Langue de la narration',
  'settings.languageHint': 'La langue de la voix de narration et des sous-titres.',
  'settings.fieldAspect': 'Format d’image',
  'settings.aspect.16:9': 'Paysage',
  'settings.aspect.9:16': 'Vertical',
  'settings.aspect.1:1': 'Carré',
  'settings.aspect.4:5': 'Portrait',
  'settings.fieldFps': 'Images par seconde',
  'settings.fpsOption': '{fps} i/s',
  'settings.fieldStyle': 'Style d’image',
  'settings.voice': 'Voix de narration',
  'settings.fieldEngine': 'Moteur de voix',
  'settings.engine.espeak-ng': 'eSpeak NG (intégré)',
  'settings.engine.piper': 'Piper (voix neuronales)',
  'settings.fieldVoice': 'Nom de la voix',
  'settings.voiceHint': 'Une voix eSpeak NG comme « en » ou « fr », ou le nom d’une voix Piper.',
  'settings.fieldRate': 'Débit',
  'settings.fieldPitch': 'Hauteur',
  'settings.sliderValue': '{value}×',
  'settings.sliderRange':
    'De 0,5× (plus lent, plus grave) à 2× (plus rapide, plus aigu) ; 1× est la valeur normale.',
  'settings.error.titleEmpty': 'Titre : saisissez un titre. Le projet garde son titre actuel.',
  'settings.error.titleTooLong':
    'Titre : {max} caractères au maximum ({count} actuellement). Le projet garde son titre actuel.',
  'settings.error.voiceEmpty':
    'Nom de la voix : saisissez une voix. Le projet garde la voix actuelle.',
  'settings.error.voiceTooLong':
    'Nom de la voix : {max} caractères au maximum. Le projet garde la voix actuelle.',
  'settings.error.voiceInvalid':
    'Nom de la voix : ce moteur ne connaît pas ce nom (lettres, chiffres et tirets, comme « fr-fr »). Le projet garde la voix actuelle.',
  'settings.error.field': '{field} : cette valeur n’est pas acceptée, rien n’a été modifié.',
  'settings.close': 'Terminé',
};
