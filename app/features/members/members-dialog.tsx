import { useFetcher } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import { inviteSchema, type SentInvitation } from '../../../shared/api/invitations.ts';
import type { ProjectMember } from '../../../shared/api/projects.ts';
import { ROLES } from '../../../shared/api/roles.ts';
import { DialogButton, DialogClose } from '../../components/ui/dialog.tsx';
import { FormMessage, TextField } from '../../components/ui/field.tsx';
import { Select, type SelectOption } from '../../components/ui/select.tsx';
import { useI18n } from '../../i18n/index.ts';
import { failureMessage, fieldError } from '../../lib/form-errors.ts';
import { useFetcherSuccess } from '../../lib/use-fetcher-success.ts';
import { useFormCheck } from '../../lib/use-form-check.ts';
import type { action } from '../../routes/projects.$projectId/action.server.ts';

/** What a member row shows (the list's order already says when they joined). */
export type Member = Omit<ProjectMember, 'addedAt'>;

function useRoleOptions(): SelectOption[] {
  const { t } = useI18n();
  return ROLES.map((role) => ({
    value: role,
    label: t(`projects.role.${role}`),
  }));
}

/**
 * The owner's view of who may open the project: change a role, remove, and
 * invite by e-mail (the person joins only once they accept), with the
 * pending invitations and their Revoke buttons.
 */
export function MembersDialog({
  members,
  invitations,
  selfId,
}: {
  members: Member[];
  invitations: SentInvitation[];
  selfId: string;
}) {
  const { t } = useI18n();
  return (
    <DialogButton
      label={
        <>
          {t('project.members')} <span className="count">{members.length}</span>
        </>
      }
      buttonTestId="members-button"
      title={t('members.title')}
      description={t('members.description')}
      testId="members-dialog"
      wide
    >
      <ul className="member-list" data-testid="member-list">
        {members.map((member) => (
          <MemberRow key={member.userId} member={member} isSelf={member.userId === selfId} />
        ))}
      </ul>
      <PendingInvitations invitations={invitations} />
      <InviteForm />
      <div className="dialog-actions">
        <DialogClose className="btn">{t('members.close')}</DialogClose>
      </div>
    </DialogButton>
  );
}

function MemberRow({ member, isSelf }: { member: Member; isSelf: boolean }) {
  const fetcher = useFetcher<typeof action>();
  const i18n = useI18n();
  const { t } = i18n;
  const roleOptions = useRoleOptions();
  // Show the chosen role while the change is on its way; the loader then confirms it.
  const pendingRole = fetcher.formData?.get('role');
  const role = typeof pendingRole === 'string' ? pendingRole : member.role;
  return (
    <li className="member-row" data-testid="member-row" data-email={member.email}>
      <div className="member-identity">
        <span className="member-name">
          {member.name}
          {isSelf ? <span className="muted"> ({t('members.you')})</span> : null}
        </span>
        <span className="member-email">{member.email}</span>
        <FormMessage message={failureMessage(i18n, fetcher.data)} testId="member-error" />
      </div>
      <Select
        value={role}
        options={roleOptions}
        aria-label={t('members.role', { name: member.name })}
        testId="member-role"
        disabled={fetcher.state !== 'idle'}
        onValueChange={(next) =>
          fetcher.submit(
            { intent: 'setRole', userId: member.userId, role: next },
            { method: 'post' },
          )
        }
      />
      <button
        type="button"
        className="btn btn-quiet btn-danger-text"
        aria-label={t('members.removeLabel', { name: member.name })}
        data-testid="member-remove"
        disabled={fetcher.state !== 'idle'}
        onClick={() =>
          fetcher.submit({ intent: 'removeMember', userId: member.userId }, { method: 'post' })
        }
      >
        {t('members.remove')}
      </button>
    </li>
  );
}

function PendingInvitations({ invitations }: { invitations: SentInvitation[] }) {
  const { t } = useI18n();
  if (invitations.length === 0) return null;
  return (
    <section className="pending-invitations" aria-labelledby="pending-invitations-title">
      <h3 id="pending-invitations-title">{t('invitations.pending')}</h3>
      <ul className="member-list" data-testid="pending-invitations">
        {invitations.map((invitation) => (
          <PendingInvitationRow key={invitation.id} invitation={invitation} />
        ))}
      </ul>
    </section>
  );
}

function PendingInvitationRow({ invitation }: { invitation: SentInvitation }) {
  const fetcher = useFetcher<typeof action>();
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <li className="member-row" data-testid="pending-invitation" data-email={invitation.email}>
      <div className="member-identity">
        <span className="member-name">{invitation.email}</span>
        <span className="member-email" suppressHydrationWarning>
          {t('invitations.pendingMeta', {
            role: t(`projects.role.${invitation.role}`),
            date: i18n.date(invitation.expiresAt),
          })}
        </span>
        <FormMessage message={failureMessage(i18n, fetcher.data)} testId="invitation-error" />
      </div>
      <button
        type="button"
        className="btn btn-quiet btn-danger-text"
        aria-label={t('invitations.revokeLabel', { email: invitation.email })}
        data-testid="invitation-revoke"
        disabled={fetcher.state !== 'idle'}
        onClick={() =>
          fetcher.submit(
            { intent: 'revokeInvitation', invitationId: invitation.id },
            { method: 'post' },
          )
        }
      >
        {t('invitations.revoke')}
      </button>
    </li>
  );
}

/** The link of the invitation just made: shown once, to copy and send. */
interface SentLink {
  email: string;
  link: string;
  expiresAt: string;
}

function InviteForm() {
  // A new form (and fetcher) after each success: the fields start empty again.
  const [generation, setGeneration] = useState(0);
  const [sent, setSent] = useState<SentLink | null>(null);
  return (
    <>
      {sent ? <InvitationLink sent={sent} /> : null}
      <InviteFields
        key={generation}
        onInvited={(next) => {
          setSent(next);
          setGeneration((g) => g + 1);
        }}
      />
    </>
  );
}

function InvitationLink({ sent }: { sent: SentLink }) {
  const i18n = useI18n();
  const { t } = i18n;
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  // Only ever rendered after an invitation was made in this browser: window exists.
  const url = new URL(sent.link, window.location.origin).href;
  useEffect(() => {
    input.current?.select();
    setCopied(false);
  }, [url]);
  const copy = async () => {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // No clipboard permission: the link is selected, ready for Ctrl+C.
      setCopied(false);
    }
  };
  return (
    <div className="invitation-link" data-testid="invitation-link">
      <label className="field-label" htmlFor="invitation-link-url">
        {t('invitations.linkFor', { email: sent.email })}
      </label>
      <div className="invitation-link-row">
        <input
          ref={input}
          id="invitation-link-url"
          className="input"
          readOnly
          value={url}
          aria-describedby="invitation-link-hint"
          data-testid="invitation-link-url"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="btn" onClick={copy} data-testid="invitation-link-copy">
          {t('invitations.copy')}
        </button>
      </div>
      <p id="invitation-link-hint" className="field-hint" role="status">
        {copied
          ? t('invitations.copied')
          : t('invitations.linkHint', { date: i18n.date(sent.expiresAt) })}
      </p>
    </div>
  );
}

// The role comes from a select that offers only valid roles; the e-mail is what a person types.
const INVITE_EMAIL = inviteSchema.pick({ email: true });

function InviteFields({ onInvited }: { onInvited(sent: SentLink): void }) {
  const fetcher = useFetcher<typeof action>();
  const i18n = useI18n();
  const { t } = i18n;
  const roleOptions = useRoleOptions();
  const check = useFormCheck(INVITE_EMAIL, fetcher.data);
  const { result } = check;
  useFetcherSuccess(fetcher, () => {
    if (result?.ok && result.link) onInvited({ ...result, link: result.link });
  });
  const kept = result?.ok === false ? result.values : undefined;
  return (
    <fetcher.Form method="post" className="add-member" noValidate onSubmit={check.onSubmit}>
      <h3>{t('invitations.invite')}</h3>
      <input type="hidden" name="intent" value="invite" />
      <FormMessage
        message={result?.ok === false && !result.fields.email ? failureMessage(i18n, result) : null}
      />
      <div className="add-member-fields">
        <TextField
          label={t('members.email')}
          name="email"
          type="email"
          autoComplete="off"
          hint={t('invitations.inviteHint')}
          defaultValue={kept?.email}
          error={fieldError(i18n, result, 'email')}
          data-testid="invite-email"
        />
        <div className="field">
          <span className="field-label">{t('members.newRole')}</span>
          <Select
            name="role"
            defaultValue={kept?.role || 'editor'}
            options={roleOptions}
            aria-label={t('members.newRole')}
            testId="invite-role"
          />
        </div>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={fetcher.state !== 'idle'}
          data-testid="invite-submit"
        >
          {t('invitations.inviteSubmit')}
        </button>
      </div>
    </fetcher.Form>
  );
}
