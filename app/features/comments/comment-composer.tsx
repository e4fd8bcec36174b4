import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { COMMENT_BODY_MAX, GUEST_NAME_MAX } from '../../../shared/api/comments.ts';
import { mentionQueryAt, type Mentionable } from '../../../shared/comments/mentions.ts';
import { useI18n } from '../../i18n/index.ts';
import type { ApiFailure } from '../../lib/api.ts';

const PICKER_MAX = 6;

/**
 * A comment box. Typing `@` lists the project's members below it (filtered
 * as one types); ArrowUp/ArrowDown move, Enter or Tab picks, Escape closes.
 * Ctrl/Cmd+Enter sends. A guest also gives a name.
 */
export function CommentComposer(props: {
  members: readonly Mentionable[];
  placeholder: string;
  submitLabel: string;
  initial?: string;
  /** Asks a guest reviewer's name (preview links). */
  askName?: boolean;
  autoFocus?: boolean;
  onSubmit(body: string, name: string): Promise<ApiFailure | null>;
  onCancel?: () => void;
  testId?: string;
}) {
  const { t, sent } = useI18n();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState(props.initial ?? '');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);

  const matches = query
    ? props.members
        .filter((m) => m.name.toLocaleLowerCase().includes(query.query.toLocaleLowerCase()))
        .slice(0, PICKER_MAX)
    : [];
  const pickerOpen = query !== null;

  const track = (text: string, caret: number) => {
    const next = mentionQueryAt(text, caret);
    setQuery(next);
    if (next?.query !== query?.query) setActive(0);
  };

  const pick = (member: Mentionable) => {
    if (!query || !area.current) return;
    const caret = area.current.selectionStart;
    const inserted = `@${member.name} `;
    const next = body.slice(0, query.start) + inserted + body.slice(caret);
    setBody(next);
    setQuery(null);
    const at = query.start + inserted.length;
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(at, at);
    });
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy || !body.trim()) return;
    setBusy(true);
    setError(null);
    const failure = await props.onSubmit(body, name);
    setBusy(false);
    if (failure) {
      setError(t('comments.failed', { reason: sent(failure) }));
      return;
    }
    setBody('');
    setQuery(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (pickerOpen && matches.length) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + matches.length) % matches.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(matches[active] ?? matches[0]!);
        return;
      }
    }
    if (pickerOpen && event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setQuery(null);
      return;
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  const listId = `${id}-mentions`;
  return (
    <form
      className="comment-composer"
      onSubmit={submit}
      data-testid={props.testId ?? 'comment-composer'}
    >
      {props.askName ? (
        <label className="field comment-name">
          <span>{t('comments.yourName')}</span>
          <input
            className="input"
            value={name}
            maxLength={GUEST_NAME_MAX}
            required
            autoComplete="name"
            data-testid="comment-name"
            onChange={(event) => setName(event.target.value)}
          />
        </label>
      ) : null}
      <div className="composer-box">
        <textarea
          ref={area}
          className="comment-input"
          aria-label={t('comments.write')}
          aria-describedby={`${id}-hint`}
          aria-autocomplete="list"
          aria-expanded={pickerOpen && matches.length > 0}
          aria-controls={pickerOpen ? listId : undefined}
          aria-activedescendant={
            pickerOpen && matches[active] ? `${listId}-${matches[active].userId}` : undefined
          }
          placeholder={props.placeholder}
          maxLength={COMMENT_BODY_MAX}
          rows={2}
          value={body}
          autoFocus={props.autoFocus}
          data-testid="comment-input"
          onChange={(event) => {
            setBody(event.target.value);
            track(event.target.value, event.target.selectionStart);
          }}
          onSelect={(event) => track(event.currentTarget.value, event.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setQuery(null), 150)}
        />
        {pickerOpen ? (
          <ul
            id={listId}
            role="listbox"
            className="mention-picker"
            aria-label={t('comments.mentionList')}
            data-testid="mention-picker"
          >
            {matches.length ? (
              matches.map((member, i) => (
                <li
                  key={member.userId}
                  id={`${listId}-${member.userId}`}
                  role="option"
                  aria-selected={i === active}
                  className="mention-option"
                  data-testid="mention-option"
                  onMouseDown={(event) => {
                    event.preventDefault();
                    pick(member);
                  }}
                >
                  {member.name}
                </li>
              ))
            ) : (
              <li className="mention-none" role="presentation">
                {t('comments.noMatch')}
              </li>
            )}
          </ul>
        ) : null}
      </div>
      <p id={`${id}-hint`} className="field-hint">
        {t('comments.hint', { max: COMMENT_BODY_MAX })}
      </p>
      {error ? (
        <p className="form-error" role="alert" data-testid="comment-error">
          {error}
        </p>
      ) : null}
      <div className="composer-actions">
        {props.onCancel ? (
          <button type="button" className="btn btn-quiet btn-small" onClick={props.onCancel}>
            {t('comments.cancel')}
          </button>
        ) : null}
        <button
          type="submit"
          className="btn btn-primary btn-small"
          disabled={busy || !body.trim() || (props.askName === true && !name.trim())}
          data-testid="comment-submit"
        >
          {busy ? t('comments.posting') : props.submitLabel}
        </button>
      </div>
    </form>
  );
}
