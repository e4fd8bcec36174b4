import { DialogButton } from '../../components/ui/dialog.tsx';
import { useI18n } from '../../i18n/index.ts';
import { GuidedStart } from './guided-start.tsx';

/** Beside "New project" once the list is not empty: the guided start's samples and templates. */
export function StarterDialog() {
  const { t } = useI18n();
  return (
    <DialogButton
      label={t('firstRun.fromStarter')}
      buttonTestId="new-from-starter"
      title={t('firstRun.fromStarterTitle')}
      description={t('firstRun.fromStarterDescription')}
      testId="starter-dialog"
      wide
    >
      <GuidedStart headingLevel={3} />
    </DialogButton>
  );
}
