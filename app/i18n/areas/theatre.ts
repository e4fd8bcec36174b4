/** UI strings of the theatre preview (English, then French with the same keys). */
export const en = {
  'theatre.open': 'Watch large',
  'theatre.small': 'Small player',
  'theatre.close': 'Close',
  'theatre.keys':
    'Space play/pause · ←/→ 5 s · J/L 10 s · K pause · PgUp/PgDn chapters · Esc closes',
  'shortcuts.theatrePlay': 'Preview: play or pause (K only pauses)',
  'shortcuts.theatreSeek': 'Preview: back or forward 5 seconds',
  'shortcuts.theatreJump': 'Preview: back or forward 10 seconds',
  'shortcuts.theatreEnds': 'Preview: go to the start or the end',
  'shortcuts.theatreChapter': 'Preview: previous or next chapter',
  'shortcuts.theatreClose': 'Preview: close the large player',
  'shortcuts.key.playPause': 'Space / K',
  'shortcuts.key.homeEnd': 'Home / End',
  'shortcuts.key.chapters': 'PageUp / PageDown or , / .',
  'shortcuts.key.escape': 'Esc',
};

export const fr: Record<keyof typeof en, string> = {
  'theatre.open': 'Agrandir',
  'theatre.small': 'Petit lecteur',
  'theatre.close': 'Fermer',
  'theatre.keys':
    'Espace lecture/pause · ←/→ 5 s · J/L 10 s · K pause · PgPréc/PgSuiv chapitres · Échap ferme',
  'shortcuts.theatrePlay': 'Aperçu : lire ou mettre en pause (K ne fait que mettre en pause)',
  'shortcuts.theatreSeek': 'Aperçu : reculer ou avancer de 5 secondes',
  'shortcuts.theatreJump': 'Aperçu : reculer ou avancer de 10 secondes',
  'shortcuts.theatreEnds': 'Aperçu : aller au début ou à la fin',
  'shortcuts.theatreChapter': 'Aperçu : chapitre précédent ou suivant',
  'shortcuts.theatreClose': 'Aperçu : fermer le grand lecteur',
  'shortcuts.key.playPause': 'Espace / K',
  'shortcuts.key.homeEnd': 'Origine / Fin',
  'shortcuts.key.chapters': 'PgPréc / PgSuiv ou , / .',
  'shortcuts.key.escape': 'Échap',
};
