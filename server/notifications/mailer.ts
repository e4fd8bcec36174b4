import nodemailer from 'nodemailer';
import type { Logger } from '../logger.ts';
import { notificationEmail, type EmailFacts } from './email-text.ts';

/**
 * Notification e-mail through nodemailer when SMTP_URL is set. Sending never
 * holds up or fails the action that caused it: a failure is logged.
 */
export function createMailer(mail: { smtpUrl: string; from: string } | null, logger: Logger) {
  const transport = mail ? nodemailer.createTransport(mail.smtpUrl) : null;
  return {
    enabled: transport !== null,

    send(to: string, locale: string | null, facts: EmailFacts): Promise<void> {
      if (!transport || !mail) return Promise.resolve();
      const { subject, text, html, lang } = notificationEmail(facts, locale);
      return transport
        .sendMail({
          from: mail.from,
          to,
          subject,
          text,
          html,
          headers: { 'Content-Language': lang },
        })
        .then(
          () => undefined,
          (err: unknown) => logger.warn({ err, kind: facts.kind }, 'notification e-mail failed'),
        );
    },

    close() {
      transport?.close();
    },
  };
}

export type Mailer = ReturnType<typeof createMailer>;
