import { useEffect, useId, useRef, useState } from 'react';

/**
 * A value shown once for the person to take away (a preview link, an API
 * token, a webhook secret): selected when it appears, a Copy button, and a
 * polite status saying whether the copy worked (when the clipboard is
 * refused the value stays selected for Ctrl+C).
 */
export function CopyField(props: {
  value: string;
  /** The sentence above: what this is and that it is shown once. */
  hint: string;
  label: string;
  texts: { copy: string; copied: string; failed: string };
  testIds: { box: string; value: string; copy: string; status: string };
}) {
  const { value, texts, testIds } = props;
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const field = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => {
    field.current?.select();
    setCopy('idle');
  }, [value]);
  const copyValue = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      field.current?.select();
      setCopy('failed');
    }
  };
  return (
    <div className="share-created" data-testid={testIds.box}>
      <p className="field-hint">{props.hint}</p>
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <div className="share-copy-row">
        <input
          id={id}
          ref={field}
          className="input"
          readOnly
          value={value}
          data-testid={testIds.value}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="btn"
          onClick={() => void copyValue()}
          data-testid={testIds.copy}
        >
          {texts.copy}
        </button>
      </div>
      <p className="share-copy-status" role="status" data-testid={testIds.status}>
        {copy === 'copied' ? texts.copied : copy === 'failed' ? texts.failed : ''}
      </p>
    </div>
  );
}
