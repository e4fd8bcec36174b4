import type { NotificationKind } from '../../shared/api/notifications.ts';

/** What an e-mail says about one notification. */
export interface EmailFacts {
  kind: NotificationKind;
  actorName: string | null;
  projectTitle: string | null;
  excerpt: string | null;
  /** Absolute when PUBLIC_URL is set, else the path on the server. */
  link: string | null;
}

type Locale = 'en' | 'fr';

const SUBJECTS: Record<Locale, Record<NotificationKind, string>> = {
  en: {
    'render-done': 'Your render of “{project}” is ready',
    'render-failed': 'Your render of “{project}” failed',
    mention: '{actor} mentioned you in “{project}”',
    reply: '{actor} replied to your comment in “{project}”',
    comment: '{actor} commented on “{project}”',
    'added-to-project': 'You were added to “{project}”',
    'member-joined': '{actor} joined “{project}”',
    'webhook-disabled': 'A webhook of “{project}” kept failing and was disabled',
  },
  fr: {
    'render-done': 'Votre rendu de « {project} » est prêt',
    'render-failed': 'Votre rendu de « {project} » a échoué',
    mention: '{actor} vous a mentionné dans « {project} »',
    reply: '{actor} a répondu à votre commentaire dans « {project} »',
    comment: '{actor} a commenté « {project} »',
    'added-to-project': 'Vous avez été ajouté à « {project} »',
    'member-joined': '{actor} a rejoint « {project} »',
    'webhook-disabled': 'Un webhook de « {project} » échouait sans cesse : il a été désactivé',
  },
};

const OPEN: Record<Locale, string> = { en: 'Open it in Montage:', fr: 'Ouvrir dans Montage :' };
const FOOTER: Record<Locale, string> = {
  en: 'You receive this because of your Montage account.',
  fr: 'Vous recevez ce message en raison de votre compte Montage.',
};
const SOMEONE: Record<Locale, string> = { en: 'Someone', fr: 'Quelqu’un' };
const A_PROJECT: Record<Locale, string> = { en: 'a project', fr: 'un projet' };

/** HTML-escapes a plain text (every user-given string in the HTML part goes through this). */
export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The subject, plain text and minimal HTML of a notification e-mail in one language (pure). */
export function notificationEmail(facts: EmailFacts, locale: string | null) {
  const lang: Locale = locale === 'fr' ? 'fr' : 'en';
  const fill = (template: string) =>
    template
      .replace('{actor}', facts.actorName ?? SOMEONE[lang])
      .replace('{project}', facts.projectTitle ?? A_PROJECT[lang]);
  const subject = fill(SUBJECTS[lang][facts.kind]);
  const lines = [subject];
  if (facts.excerpt) lines.push('', `“${facts.excerpt}”`);
  if (facts.link) lines.push('', OPEN[lang], facts.link);
  lines.push('', '—', FOOTER[lang]);
  const text = lines.join('\n');
  const html = [
    `<p>${escapeHtml(subject)}</p>`,
    facts.excerpt ? `<blockquote>${escapeHtml(facts.excerpt)}</blockquote>` : '',
    facts.link ? `<p><a href="${escapeHtml(facts.link)}">${escapeHtml(OPEN[lang])}</a></p>` : '',
    `<p><small>${escapeHtml(FOOTER[lang])}</small></p>`,
  ].join('\n');
  return { subject, text, html, lang };
}
