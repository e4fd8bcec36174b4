/** UI strings of feedback outside the panels: unchanged or offline commits, presence offline, render toasts (English, then French). */
export const en = {
  'render.alreadyRendered':
    'Nothing changed since revision {n}, and it already has a finished render with these settings ({preset}).',
  'render.watchExisting': 'Watch it',
  'render.renderAgain': 'Render again',
  'render.waitingForConnection':
    'Waiting for the connection: you are offline. The commit goes on by itself once your changes reach the server; Cancel stops it and keeps everything you typed.',
  'project.presenceOffline': 'You · offline',
  'notices.region': 'Notifications',
  'notices.dismiss': 'Dismiss',
  'notices.renderDone': 'The render of “{title}” is ready.',
  'notices.renderFailed': 'The render of “{title}” failed.',
  'notices.watch': 'Watch',
  'notices.seeError': 'See error',
  'notices.enableNotifications': 'Notify me',
  'notices.enableNotificationsHint': 'Show a browser notification when a render you queued ends',
} as const;

export const fr: Record<keyof typeof en, string> = {
  'render.alreadyRendered':
    'Rien n’a changé depuis la révision {n}, et elle a déjà un rendu terminé avec ces réglages ({preset}).',
  'render.watchExisting': 'Le regarder',
  'render.renderAgain': 'Refaire le rendu',
  'render.waitingForConnection':
    'En attente de la connexion : vous êtes hors ligne. La validation reprendra d’elle-même dès que vos modifications auront atteint le serveur ; Annuler l’arrête et garde tout ce que vous avez saisi.',
  'project.presenceOffline': 'Vous · hors ligne',
  'notices.region': 'Notifications',
  'notices.dismiss': 'Fermer',
  'notices.renderDone': 'Le rendu de « {title} » est prêt.',
  'notices.renderFailed': 'Le rendu de « {title} » a échoué.',
  'notices.watch': 'Regarder',
  'notices.seeError': 'Voir l’erreur',
  'notices.enableNotifications': 'Me prévenir',
  'notices.enableNotificationsHint':
    'Afficher une notification du navigateur quand un rendu que vous avez lancé se termine',
};
