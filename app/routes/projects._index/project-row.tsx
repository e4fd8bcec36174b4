import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { Link, useFetcher } from '@remix-run/react';
import { useRef, useState } from 'react';
import { ConfirmCancel, ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { Dialog, DialogClose } from '../../components/ui/dialog.tsx';
import { FormMessage } from '../../components/ui/field.tsx';
import { ProjectTitleField } from './project-title-field.tsx';
import { useI18n } from '../../i18n/index.ts';
import { failureMessage } from '../../lib/form-errors.ts';
import { useFetcherSuccess } from '../../lib/use-fetcher-success.ts';
import { useFormCheck } from '../../lib/use-form-check.ts';
import type { AllowedActions } from '../../lib/permissions.server.ts';
import { renameProjectSchema, type ProjectSummary } from '../../../shared/api/projects.ts';
import type { action } from './action.server.ts';

type Project = ProjectSummary & { allowed: AllowedActions };

/** One project in the list: its link, role, last change and an actions menu. */
export function ProjectRow({ project }: { project: Project }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [dialog, setDialog] = useState<'rename' | 'delete' | null>(null);
  const openingDialog = useRef(false);
  const menuTrigger = useRef<HTMLButtonElement>(null);
  const duplicate = useFetcher<typeof action>();
  const { allowed } = project;
  const hasActions = allowed.rename || allowed.duplicate || allowed.delete;

  const openDialog = (which: 'rename' | 'delete') => {
    openingDialog.current = true;
    setDialog(which);
  };

  return (
    <li className="project-row" data-testid="project-row" data-project-id={project.id}>
      <div className="project-main">
        <Link to={`/projects/${project.id}`} className="project-link" data-testid="project-link">
          {project.title}
        </Link>
        <p className="project-meta">
          <span className={`role-badge role-${project.role}`}>
            {t(`projects.role.${project.role}`)}
          </span>
          <time dateTime={project.updatedAt} suppressHydrationWarning>
            {t('projects.updated', { date: i18n.date(project.updatedAt) })}
          </time>
        </p>
        <FormMessage message={failureMessage(i18n, duplicate.data)} testId="row-error" />
      </div>
      {hasActions ? (
        <DropdownMenu.Root>
          <DropdownMenu.Trigger
            ref={menuTrigger}
            className="btn btn-icon"
            aria-label={t('projects.actions', { title: project.title })}
            data-testid="project-menu"
          >
            <span aria-hidden>⋯</span>
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content
              className="menu"
              align="end"
              sideOffset={4}
              onCloseAutoFocus={(event) => {
                // The dialog takes focus; give it back to the trigger when it closes.
                if (openingDialog.current) event.preventDefault();
                openingDialog.current = false;
              }}
            >
              {allowed.rename ? (
                <DropdownMenu.Item
                  className="menu-item"
                  data-testid="menu-rename"
                  onSelect={() => openDialog('rename')}
                >
                  {t('projects.rename')}
                </DropdownMenu.Item>
              ) : null}
              {allowed.duplicate ? (
                <DropdownMenu.Item
                  className="menu-item"
                  data-testid="menu-duplicate"
                  disabled={duplicate.state !== 'idle'}
                  onSelect={() =>
                    duplicate.submit(
                      { intent: 'duplicate', projectId: project.id },
                      { method: 'post' },
                    )
                  }
                >
                  {t('projects.duplicate')}
                </DropdownMenu.Item>
              ) : null}
              {allowed.delete ? (
                <>
                  <DropdownMenu.Separator className="menu-separator" />
                  <DropdownMenu.Item
                    className="menu-item menu-item-danger"
                    data-testid="menu-delete"
                    onSelect={() => openDialog('delete')}
                  >
                    {t('projects.delete')}
                  </DropdownMenu.Item>
                </>
              ) : null}
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      ) : null}

      <Dialog
        open={dialog === 'rename'}
        onOpenChange={(open) => setDialog(open ? 'rename' : null)}
        title={t('projects.renameTitle')}
        testId="rename-dialog"
        returnFocusTo={menuTrigger}
      >
        <RenameForm project={project} onDone={() => setDialog(null)} />
      </Dialog>
      <ConfirmDialog
        open={dialog === 'delete'}
        onOpenChange={(open) => setDialog(open ? 'delete' : null)}
        title={t('projects.deleteTitle', { title: project.title })}
        description={t('projects.deleteDescription')}
        returnFocusTo={menuTrigger}
      >
        <DeleteActions project={project} onDone={() => setDialog(null)} />
      </ConfirmDialog>
    </li>
  );
}

function RenameForm({ project, onDone }: { project: Project; onDone(): void }) {
  const fetcher = useFetcher<typeof action>();
  const i18n = useI18n();
  const { t } = i18n;
  const check = useFormCheck(renameProjectSchema, fetcher.data);
  const { result } = check;
  useFetcherSuccess(fetcher, onDone);
  return (
    <fetcher.Form method="post" className="form" noValidate onSubmit={check.onSubmit}>
      <input type="hidden" name="intent" value="rename" />
      <input type="hidden" name="projectId" value={project.id} />
      <ProjectTitleField
        result={result}
        defaultValue={result?.ok === false ? result.values.title : project.title}
        testId="rename-title"
      />
      <div className="dialog-actions">
        <DialogClose className="btn">{t('projects.cancel')}</DialogClose>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={fetcher.state !== 'idle'}
          data-testid="rename-submit"
        >
          {t('projects.save')}
        </button>
      </div>
    </fetcher.Form>
  );
}

function DeleteActions({ project, onDone }: { project: Project; onDone(): void }) {
  const fetcher = useFetcher<typeof action>();
  const i18n = useI18n();
  const { t } = i18n;
  useFetcherSuccess(fetcher, onDone);
  return (
    <>
      <FormMessage message={failureMessage(i18n, fetcher.data)} />
      <div className="dialog-actions">
        <ConfirmCancel className="btn" data-testid="confirm-cancel">
          {t('projects.cancel')}
        </ConfirmCancel>
        <button
          type="button"
          className="btn btn-danger"
          data-testid="confirm-delete"
          disabled={fetcher.state !== 'idle'}
          onClick={() =>
            fetcher.submit({ intent: 'delete', projectId: project.id }, { method: 'post' })
          }
        >
          {t('projects.deleteConfirm')}
        </button>
      </div>
    </>
  );
}
