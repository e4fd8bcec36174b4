import { useRef, useState } from 'react';
import { apiCall, type ApiFailure } from '../../lib/api.ts';
import { ConfirmCancel, ConfirmDialog } from './confirm-dialog.tsx';
import { FormMessage } from './field.tsx';

/**
 * A danger button that asks first, then sends `DELETE path`: the refusal is
 * shown in the dialog (which stays open), success closes it and calls
 * `onDone`. Focus returns to the button. Revoking a preview link or an API
 * token, deleting a webhook.
 */
export function ConfirmedDelete(props: {
  path: string;
  onDone(): void;
  /** The refusal in the reader's language. */
  describeFailure(error: ApiFailure): string;
  texts: {
    button: string;
    /** The button's accessible name (which item it acts on). */
    label: string;
    title: string;
    description: string;
    cancel: string;
    confirm: string;
    busy: string;
  };
  testIds: { button: string; confirm: string; error: string };
}) {
  const { texts, testIds } = props;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    const result = await apiCall<unknown>('DELETE', props.path);
    setBusy(false);
    if (!result.ok) return setError(props.describeFailure(result.error));
    setConfirming(false);
    props.onDone();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className="btn btn-small btn-danger"
        aria-label={texts.label}
        onClick={() => setConfirming(true)}
        data-testid={testIds.button}
      >
        {texts.button}
      </button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={texts.title}
        description={texts.description}
        returnFocusTo={button}
      >
        <FormMessage message={error} testId={testIds.error} />
        <div className="dialog-actions">
          <ConfirmCancel className="btn">{texts.cancel}</ConfirmCancel>
          <button
            type="button"
            className="btn btn-danger"
            disabled={busy}
            onClick={() => void run()}
            data-testid={testIds.confirm}
          >
            {busy ? texts.busy : texts.confirm}
          </button>
        </div>
      </ConfirmDialog>
    </>
  );
}
