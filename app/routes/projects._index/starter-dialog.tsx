import { useState } from 'react';
import { Dialog } from '../../components/ui/dialog.tsx';
import { useI18n } from '../../i18n/index.ts';
import { GuidedStart } from './guided-start.tsx';

/** Beside "New project" once the list is not empty: the guided start's samples and templates. */
export function StarterDialog() {
  const [open, setOpen] = useState(false);
  const { t } = useI18n();
  return (
    <>
      <button
        type="button"
        className="btn"
        data-testid="new-from-starter"
        onClick={() => setOpen(true)}
      >
        {t('firstRun.fromStarter')}
      </button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={t('firstRun.fromStarterTitle')}
        description={t('firstRun.fromStarterDescription')}
        testId="starter-dialog"
        wide
      >
        <GuidedStart headingLevel={3} />
      </Dialog>
    </>
  );
}
