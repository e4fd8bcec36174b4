import { useFetcher } from '@remix-run/react';
import { useState, type ReactNode } from 'react';
import { createProjectSchema } from '../../../shared/api/projects.ts';
import { Dialog, DialogClose } from '../../components/ui/dialog.tsx';
import { ProjectTitleField } from './project-title-field.tsx';
import { Select } from '../../components/ui/select.tsx';
import { useI18n } from '../../i18n/index.ts';
import { useFormCheck } from '../../lib/use-form-check.ts';
import type { action } from './action.server.ts';

/**
 * "New project": a title and a narration language; success opens the project.
 * `trigger` replaces the header's button (the guided start's blank card).
 */
export function CreateProjectDialog({ trigger }: { trigger?: (open: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  const { t } = useI18n();
  return (
    <>
      {trigger ? (
        trigger(() => setOpen(true))
      ) : (
        <button
          type="button"
          className="btn btn-primary"
          data-testid="create-project"
          onClick={() => setOpen(true)}
        >
          {t('projects.new')}
        </button>
      )}
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={t('projects.createTitle')}
        description={t('projects.createDescription')}
        testId="create-project-dialog"
      >
        <CreateProjectForm />
      </Dialog>
    </>
  );
}

function CreateProjectForm() {
  const fetcher = useFetcher<typeof action>();
  const i18n = useI18n();
  const { t } = i18n;
  const check = useFormCheck(createProjectSchema, fetcher.data);
  const { result } = check;
  const busy = fetcher.state !== 'idle';
  const kept = result?.ok === false ? result.values : undefined;
  return (
    <fetcher.Form method="post" className="form" noValidate onSubmit={check.onSubmit}>
      <input type="hidden" name="intent" value="create" />
      <ProjectTitleField result={result} defaultValue={kept?.title} testId="create-title" />
      <div className="field">
        <span className="field-label">{t('projects.fieldLanguage')}</span>
        <LanguageSelect defaultValue={kept?.language || i18n.locale} />
      </div>
      <div className="dialog-actions">
        <DialogClose className="btn">{t('projects.cancel')}</DialogClose>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy}
          data-testid="create-submit"
        >
          {t('projects.create')}
        </button>
      </div>
    </fetcher.Form>
  );
}

function LanguageSelect({ defaultValue }: { defaultValue: string }) {
  const { t } = useI18n();
  return (
    <Select
      name="language"
      defaultValue={defaultValue}
      aria-label={t('projects.fieldLanguage')}
      testId="create-language"
      options={[
        { value: 'en', label: t('projects.language.en') },
        { value: 'fr', label: t('projects.language.fr') },
      ]}
    />
  );
}
