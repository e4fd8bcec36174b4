import { useFetcher } from '@remix-run/react';
import { useState } from 'react';
import type { Role } from '../../../server/db/schema.ts';
import { Dialog, DialogClose } from '../ui/dialog.tsx';
import { FormMessage, TextField } from '../ui/field.tsx';
import { Select, type SelectOption } from '../ui/select.tsx';
import { useI18n } from '../../i18n/index.ts';
import { failureMessage, fieldError } from '../../lib/form-errors.ts';
import { useFetcherSuccess } from '../../lib/use-fetcher-success.ts';
import type { action } from '../../routes/projects.$projectId.tsx';

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

function useRoleOptions(): SelectOption[] {
  const { t } = useI18n();
  return (['owner', 'editor', 'viewer'] as const).map((role) => ({
    value: role,
    label: t(`projects.role.${role}`),
  }));
}

/** The owner's view of who may open the project: add by email, change a role, remove. */
export function MembersDialog({ members, selfId }: { members: Member[]; selfId: string }) {
  const [open, setOpen] = useState(false);
  const { t } = useI18n();
  return (
    <>
      <button
        type="button"
        className="btn"
        data-testid="members-button"
        onClick={() => setOpen(true)}
      >
        {t('project.members')} <span className="count">{members.length}</span>
      </button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
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
        <AddMemberForm />
        <div className="dialog-actions">
          <DialogClose className="btn">{t('members.close')}</DialogClose>
        </div>
      </Dialog>
    </>
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
            { intent: 'setMember', email: member.email, role: next },
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

function AddMemberForm() {
  // A new form (and fetcher) after each success: the fields start empty again.
  const [generation, setGeneration] = useState(0);
  return <AddMemberFields key={generation} onAdded={() => setGeneration((g) => g + 1)} />;
}

function AddMemberFields({ onAdded }: { onAdded(): void }) {
  const fetcher = useFetcher<typeof action>();
  const i18n = useI18n();
  const { t } = i18n;
  const roleOptions = useRoleOptions();
  const result = fetcher.data;
  useFetcherSuccess(fetcher, onAdded);
  const kept = result?.ok === false ? result.values : undefined;
  return (
    <fetcher.Form method="post" className="add-member" noValidate>
      <h3>{t('members.add')}</h3>
      <input type="hidden" name="intent" value="setMember" />
      <FormMessage
        message={result?.ok === false && !result.fields.email ? failureMessage(i18n, result) : null}
      />
      <div className="add-member-fields">
        <TextField
          label={t('members.email')}
          name="email"
          type="email"
          autoComplete="off"
          hint={t('members.addHint')}
          defaultValue={kept?.email}
          error={fieldError(i18n, result, 'email')}
          data-testid="add-member-email"
        />
        <div className="field">
          <span className="field-label">{t('members.newRole')}</span>
          <Select
            name="role"
            defaultValue={kept?.role || 'editor'}
            options={roleOptions}
            aria-label={t('members.newRole')}
            testId="add-member-role"
          />
        </div>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={fetcher.state !== 'idle'}
          data-testid="add-member-submit"
        >
          {t('members.addSubmit')}
        </button>
      </div>
    </fetcher.Form>
  );
}
