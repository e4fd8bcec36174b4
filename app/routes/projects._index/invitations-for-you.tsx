import { useFetcher } from '@remix-run/react';
import type { ReceivedInvitation } from '../../../shared/api/invitations.ts';
import { FormMessage } from '../../components/ui/field.tsx';
import { useI18n } from '../../i18n/index.ts';
import { failureMessage } from '../../lib/form-errors.ts';
import type { action } from './action.server.ts';

/**
 * Invitations addressed to the signed-in user's e-mail. A project joins the
 * list below only once its invitation is accepted here or through its link.
 */
export function InvitationsForYou({ invitations }: { invitations: ReceivedInvitation[] }) {
  const { t } = useI18n();
  if (invitations.length === 0) return null;
  return (
    <section
      className="invitations-for-you"
      aria-labelledby="invitations-for-you-title"
      data-testid="invitations-for-you"
    >
      <h2 id="invitations-for-you-title">{t('invitations.forYou')}</h2>
      <ul className="member-list">
        {invitations.map((invitation) => (
          <InvitationRow key={invitation.id} invitation={invitation} />
        ))}
      </ul>
    </section>
  );
}

function InvitationRow({ invitation }: { invitation: ReceivedInvitation }) {
  const fetcher = useFetcher<typeof action>();
  const i18n = useI18n();
  const { t } = i18n;
  const { title } = invitation.project;
  const answer = (intent: 'acceptInvitation' | 'declineInvitation') =>
    fetcher.submit({ intent, invitationId: invitation.id }, { method: 'post' });
  const busy = fetcher.state !== 'idle';
  return (
    <li
      className="member-row"
      data-testid="invitation-for-you"
      data-project-id={invitation.project.id}
    >
      <div className="member-identity">
        <span>
          {t('invitations.fromTo', {
            name: invitation.invitedBy.name,
            title,
            role: t(`projects.role.${invitation.role}`),
          })}
        </span>
        <FormMessage message={failureMessage(i18n, fetcher.data)} testId="invitation-error" />
      </div>
      <button
        type="button"
        className="btn btn-primary"
        aria-label={t('invitations.acceptLabel', { title })}
        data-testid="invitation-accept"
        disabled={busy}
        onClick={() => answer('acceptInvitation')}
      >
        {t('invitations.accept')}
      </button>
      <button
        type="button"
        className="btn btn-quiet"
        aria-label={t('invitations.declineLabel', { title })}
        data-testid="invitation-decline"
        disabled={busy}
        onClick={() => answer('declineInvitation')}
      >
        {t('invitations.decline')}
      </button>
    </li>
  );
}
