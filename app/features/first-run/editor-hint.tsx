import { useEffect, useId, useState } from 'react';
import type { HintId } from '../../../shared/api/hints.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { apiCall } from '../../lib/api.ts';

const HINT: HintId = 'editor-start';

const STEPS = [
  { title: 'hint.step1.title', body: 'hint.step1.body' },
  { title: 'hint.step2.title', body: 'hint.step2.body' },
  { title: 'hint.step3.title', body: 'hint.step3.body' },
] as const satisfies readonly { title: MessageKey; body: MessageKey }[];

/**
 * The editor's first-visit hint (issue 12, item 8): three steps in a small
 * card in the corner. It is not modal and never takes the focus, so typing
 * on the board goes on. "Done" and "Don't show again" dismiss it for good on
 * the account (POST /api/v1/me/hints); Close and Escape only for this visit.
 */
export function EditorHint() {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  const [step, setStep] = useState(0);
  const titleId = useId();

  useEffect(() => {
    let live = true;
    void apiCall<{ dismissed: string[] }>('GET', '/me/hints').then((result) => {
      // Unknown (offline, an error): stay quiet rather than nag.
      if (live && result.ok && !result.data.dismissed.includes(HINT)) setShown(true);
    });
    return () => {
      live = false;
    };
  }, []);

  if (!shown) return null;
  const current = STEPS[step]!;
  const last = step === STEPS.length - 1;
  const dismissForGood = () => {
    setShown(false);
    void apiCall('POST', '/me/hints', { hint: HINT });
  };
  return (
    <section
      className="editor-hint"
      aria-labelledby={titleId}
      data-testid="editor-hint"
      data-step={step + 1}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          setShown(false);
        }
      }}
    >
      <p className="editor-hint-step">{t('hint.region')}</p>
      <button
        type="button"
        className="btn btn-icon editor-hint-close"
        aria-label={t('hint.close')}
        title={t('hint.close')}
        data-testid="editor-hint-close"
        onClick={() => setShown(false)}
      >
        ×
      </button>
      <div aria-live="polite">
        <h2 id={titleId}>{t(current.title)}</h2>
        <p>{t(current.body)}</p>
      </div>
      <div
        className="editor-hint-dots"
        role="img"
        aria-label={t('hint.stepOf', { step: step + 1, total: STEPS.length })}
      >
        {STEPS.map((s, i) => (
          <span key={s.title} data-current={i === step} />
        ))}
      </div>
      <div className="editor-hint-actions">
        <button
          type="button"
          className="btn btn-quiet btn-small editor-hint-forget"
          data-testid="editor-hint-forget"
          onClick={dismissForGood}
        >
          {t('hint.dontShowAgain')}
        </button>
        {step > 0 ? (
          <button
            type="button"
            className="btn btn-small"
            data-testid="editor-hint-back"
            onClick={() => setStep(step - 1)}
          >
            {t('hint.back')}
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn-primary btn-small"
          data-testid="editor-hint-next"
          onClick={last ? dismissForGood : () => setStep(step + 1)}
        >
          {last ? t('hint.done') : t('hint.next')}
        </button>
      </div>
    </section>
  );
}
