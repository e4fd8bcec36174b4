import * as Label from '@radix-ui/react-label';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type MutableRefObject,
} from 'react';
import type * as Y from 'yjs';
import { readFieldErrors } from '../../../shared/api/field-errors.ts';
import { MAX_MESSAGE } from '../../../shared/api/limits.ts';
import type { RevisionSummary } from '../../../shared/api/revisions.ts';
import { readTimeline, restoreTimeline } from '../../../shared/project-doc.ts';
import type { Timeline, TimelineIssue } from '../../../shared/timeline.ts';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { apiCall } from '../../lib/api.ts';
import { failureText, issueParts } from '../../lib/api-messages.ts';
import { ConfirmCancel, ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { fieldLabel, RevisionDiffView } from './revision-diff-view.tsx';

/** How often the list is refreshed while the panel is open (others commit too). */
const REFRESH_MS = 20_000;
/** The live comparison is recomputed at most this often while people type. */
const DIFF_THROTTLE_MS = 300;
interface Issue {
  key: string;
  sceneId: string | null;
  text: string;
}

type Announcement = { text: string; tone: 'info' | 'success' } | null;

/** A 422's issues as "Scene 3 “Title” · Narration: …", scenes numbered as on the board. */
function issuesOf(i18n: I18n, doc: Y.Doc, issues: readonly TimelineIssue[]): Issue[] {
  const { t } = i18n;
  return issueParts(i18n, doc, issues).map((part) => {
    const where =
      part.sceneNumber === null
        ? t('history.issue.project')
        : part.sceneTitle
          ? t('history.issue.sceneTitled', { n: part.sceneNumber, title: part.sceneTitle })
          : t('history.issue.scene', { n: part.sceneNumber });
    const text = part.field
      ? t('history.issue.withField', {
          where,
          field: fieldLabel(i18n, part.field),
          message: part.message,
        })
      : t('history.issue.noField', { where, message: part.message });
    return { key: part.key, sceneId: part.sceneId, text };
  });
}

/**
 * The committed revisions of the project, newest first, with a Commit form.
 * Selecting a revision shows what changed since it (compared with the live
 * document, kept up to date) and, for editors, restores it as one undoable
 * step. The list refreshes on mount, after a commit, when the window gets
 * focus and every 20 s.
 */
export function HistoryPanel({
  doc,
  projectId,
  readOnly,
  undo,
  beforeCommit,
}: {
  doc: Y.Doc;
  projectId: string;
  readOnly: boolean;
  undo: Y.UndoManager;
  /**
   * Optional: resolves true once this browser's edits have reached the
   * server (false: the commit waits, with a message). Without it the commit
   * is sent at once.
   */
  beforeCommit?: () => Promise<boolean>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const ids = useId();
  const [revisions, setRevisions] = useState<RevisionSummary[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState<Announcement>(null);
  const timelines = useRef(new Map<string, Timeline>());
  const requestSeq = useRef(0);
  const i18nRef = useRef(i18n);
  i18nRef.current = i18n;

  const load = useCallback(async () => {
    const seq = ++requestSeq.current;
    setLoading(true);
    const result = await apiCall<{ revisions: RevisionSummary[] }>(
      'GET',
      `/projects/${encodeURIComponent(projectId)}/revisions`,
    );
    if (seq !== requestSeq.current) return; // a newer refresh answers instead
    setLoading(false);
    if (result.ok && Array.isArray(result.data.revisions)) {
      setRevisions(result.data.revisions);
      setLoadError(null);
    } else {
      const i18nNow = i18nRef.current;
      setLoadError(
        result.ok
          ? i18nNow.t('history.loadFailed')
          : failureText(i18nNow, result.error, i18nNow.t('history.loadFailed')),
      );
    }
  }, [projectId]);

  useEffect(() => {
    const seq = requestSeq;
    void load();
    const refresh = () => void load();
    const timer = setInterval(refresh, REFRESH_MS);
    window.addEventListener('focus', refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', refresh);
      seq.current++; // answers still on their way are dropped
    };
  }, [load]);

  const latest = revisions?.[0]?.id;

  return (
    <section
      className="side-panel history-panel"
      data-testid="history-panel"
      aria-labelledby={`${ids}-h`}
      aria-busy={loading || undefined}
    >
      <div className="side-panel-head">
        <h2 id={`${ids}-h`}>{t('history.heading')}</h2>
        <button
          type="button"
          className="btn btn-icon btn-small history-refresh"
          data-testid="history-refresh"
          aria-label={t('history.refresh')}
          title={t('history.refresh')}
          disabled={loading}
          onClick={() => void load()}
        >
          <span aria-hidden className={loading ? 'spin' : undefined}>
            ↻
          </span>
        </button>
      </div>
      <p className="side-panel-intro">{t('history.intro')}</p>

      {readOnly ? null : (
        <CommitForm
          doc={doc}
          projectId={projectId}
          beforeCommit={beforeCommit}
          onCommitted={(text, tone) => {
            setAnnouncement({ text, tone });
            void load();
          }}
          onStart={() => setAnnouncement(null)}
        />
      )}

      <p
        className={announcement ? `history-status is-${announcement.tone}` : 'history-status'}
        role="status"
        aria-live="polite"
        data-testid="history-status"
      >
        {announcement?.text ?? ''}
      </p>

      {loadError ? (
        <div className="panel-error" role="alert" data-testid="history-error">
          <p>{loadError}</p>
          <button type="button" className="btn btn-small" onClick={() => void load()}>
            {t('history.retry')}
          </button>
        </div>
      ) : null}

      {revisions === null ? (
        loadError ? null : (
          <p className="side-loading">{t('history.loading')}</p>
        )
      ) : revisions.length === 0 ? (
        <p className="side-empty" data-testid="history-empty">
          {t(readOnly ? 'history.emptyViewer' : 'history.empty')}
        </p>
      ) : (
        <ol className="history-list" aria-label={t('history.list')}>
          {revisions.map((revision) => {
            const selected = revision.id === selectedId;
            const detailId = `${ids}-detail-${revision.number}`;
            return (
              <li
                key={revision.id}
                className={selected ? 'history-entry is-selected' : 'history-entry'}
              >
                <RevisionRow
                  revision={revision}
                  latest={revision.id === latest}
                  selected={selected}
                  controls={detailId}
                  onToggle={() => setSelectedId(selected ? null : revision.id)}
                />
                {selected ? (
                  <div id={detailId} className="history-detail">
                    <RevisionDetail
                      doc={doc}
                      revision={revision}
                      readOnly={readOnly}
                      undo={undo}
                      cache={timelines}
                      onRestored={(text) => setAnnouncement({ text, tone: 'success' })}
                    />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function RevisionRow(props: {
  revision: RevisionSummary;
  latest: boolean;
  selected: boolean;
  controls: string;
  onToggle(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { revision } = props;
  const message = typeof revision.message === 'string' ? revision.message.trim() : '';
  const author = revision.author?.name?.trim() || t('history.unknownAuthor');
  return (
    <button
      type="button"
      className="history-item"
      data-testid="history-item"
      data-revision-number={revision.number}
      data-revision-id={revision.id}
      aria-expanded={props.selected}
      aria-controls={props.selected ? props.controls : undefined}
      title={t('history.showChanges', { n: revision.number })}
      onClick={props.onToggle}
    >
      <span className="history-item-top">
        <span className="history-number">
          <span className="visually-hidden">{t('history.revision', { n: revision.number })}</span>
          <span aria-hidden>#{revision.number}</span>
        </span>
        <span className={message ? 'history-message' : 'history-message is-empty'}>
          {message || t('history.noMessage')}
        </span>
        {props.latest ? <span className="badge history-latest">{t('history.latest')}</span> : null}
        <span className="history-chevron" aria-hidden>
          {props.selected ? '▾' : '▸'}
        </span>
      </span>
      <span className="history-meta">
        {author} · <RelativeTime iso={revision.createdAt} />
      </span>
    </button>
  );
}

/** "3 minutes ago", with the exact date on hover and for assistive technology. */
function RelativeTime({ iso }: { iso: string }) {
  const i18n = useI18n();
  const valid = typeof iso === 'string' && !Number.isNaN(Date.parse(iso));
  if (!valid) return null;
  const exact = i18n.date(iso);
  return (
    <time dateTime={iso} title={exact}>
      {i18n.relativeTime(iso)}
      <span className="visually-hidden"> ({exact})</span>
    </time>
  );
}

function CommitForm(props: {
  doc: Y.Doc;
  projectId: string;
  beforeCommit: (() => Promise<boolean>) | undefined;
  onStart(): void;
  onCommitted(text: string, tone: 'info' | 'success'): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const ids = useId();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [messageError, setMessageError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setIssues([]);
    setError(null);
    setMessageError(null);
    props.onStart();
    setBusy(true);
    try {
      if (props.beforeCommit && !(await props.beforeCommit())) {
        setError(t('history.waitingForSync'));
        return;
      }
      const result = await apiCall<{ revision: RevisionSummary; created?: boolean }>(
        'POST',
        `/projects/${encodeURIComponent(props.projectId)}/revisions`,
        { message },
      );
      if (!result.ok) {
        const { details } = result.error;
        const list = Array.isArray(details.issues) ? (details.issues as TimelineIssue[]) : [];
        const fields = (details.fields ?? {}) as Record<string, unknown>;
        if (list.length) setIssues(issuesOf(i18n, props.doc, list));
        else if (typeof fields.message === 'string')
          setMessageError(i18n.field(readFieldErrors(details).message, fields.message));
        else setError(failureText(i18n, result.error, t('history.commitFailed')));
        return;
      }
      const { revision } = result.data;
      const created = result.data.created ?? result.status === 201;
      if (created) {
        setMessage('');
        props.onCommitted(t('history.committed', { n: revision.number }), 'success');
      } else {
        props.onCommitted(t('history.unchanged', { n: revision.number }), 'info');
      }
    } finally {
      setBusy(false);
    }
  };

  const describedBy = [
    `${ids}-hint`,
    messageError ? `${ids}-error` : null,
    issues.length ? `${ids}-issues` : null,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <form className="history-commit" onSubmit={(event) => void submit(event)} noValidate>
      <Label.Root className="field-label" htmlFor={`${ids}-message`}>
        {t('history.commitMessage')}
      </Label.Root>
      <div className="history-commit-row">
        <input
          id={`${ids}-message`}
          className="input"
          data-testid="history-commit-message"
          value={message}
          maxLength={MAX_MESSAGE}
          placeholder={t('history.commitPlaceholder')}
          autoComplete="off"
          aria-describedby={describedBy}
          aria-invalid={messageError ? true : undefined}
          onChange={(event) => setMessage(event.target.value)}
        />
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="history-commit"
          disabled={busy}
          aria-busy={busy || undefined}
        >
          {busy ? t('history.committing') : t('history.commit')}
        </button>
      </div>
      <p id={`${ids}-hint`} className="field-hint">
        {t('history.commitHint')}
      </p>
      {messageError ? (
        <p id={`${ids}-error`} className="field-error" role="alert">
          {messageError}
        </p>
      ) : null}
      {issues.length ? (
        <div
          id={`${ids}-issues`}
          className="form-error history-issues"
          role="alert"
          data-testid="history-issues"
        >
          <p>{t('history.issuesTitle')}</p>
          <ul>
            {issues.map((issue) => (
              <li
                key={issue.key}
                data-testid="history-issue"
                data-scene-id={issue.sceneId ?? undefined}
              >
                {issue.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {error ? (
        <p className="form-error" role="alert" data-testid="history-commit-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** Bumps when the document changes, at most every `ms` (a live diff need not follow each key). */
function useDocVersion(doc: Y.Doc, ms: number): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        setVersion((v) => v + 1);
      }, ms);
    };
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [doc, ms]);
  return version;
}

type Loaded =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; timeline: Timeline };

function RevisionDetail(props: {
  doc: Y.Doc;
  revision: RevisionSummary;
  readOnly: boolean;
  undo: Y.UndoManager;
  cache: MutableRefObject<Map<string, Timeline>>;
  onRestored(text: string): void;
}) {
  const { doc, revision, cache, undo } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const ids = useId();
  const n = revision.number;
  const cached = cache.current.get(revision.id);
  const [loaded, setLoaded] = useState<Loaded>(
    cached ? { state: 'ready', timeline: cached } : { state: 'loading' },
  );
  const [attempt, setAttempt] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const restoreButton = useRef<HTMLButtonElement>(null);
  const i18nRef = useRef(i18n);
  i18nRef.current = i18n;

  useEffect(() => {
    const known = cache.current.get(revision.id);
    if (known) {
      setLoaded({ state: 'ready', timeline: known });
      return;
    }
    let live = true;
    setLoaded({ state: 'loading' });
    void apiCall<{ revision: { timeline: Timeline } }>(
      'GET',
      `/revisions/${encodeURIComponent(revision.id)}`,
    ).then((result) => {
      if (!live) return;
      const timeline = result.ok ? result.data.revision?.timeline : undefined;
      if (timeline && typeof timeline === 'object') {
        cache.current.set(revision.id, timeline);
        setLoaded({ state: 'ready', timeline });
        return;
      }
      const i18nNow = i18nRef.current;
      const fallback = i18nNow.t('history.revisionFailed', { n: revision.number });
      setLoaded({
        state: 'error',
        message: result.ok ? fallback : failureText(i18nNow, result.error, fallback),
      });
    });
    return () => {
      live = false;
    };
  }, [revision.id, revision.number, cache, attempt]);

  const version = useDocVersion(doc, DIFF_THROTTLE_MS);
  // The live document as a timeline; it may be an invalid draft, which the diff view tolerates.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` is the document's change signal
  const after = useMemo(() => readTimeline(doc) as Timeline, [doc, version]);

  if (loaded.state === 'loading') {
    return (
      <p className="side-loading" aria-live="polite">
        {t('history.loadingRevision', { n })}
      </p>
    );
  }
  if (loaded.state === 'error') {
    return (
      <div className="panel-error" role="alert" data-testid="history-revision-error">
        <p>{loaded.message}</p>
        <button type="button" className="btn btn-small" onClick={() => setAttempt((a) => a + 1)}>
          {t('history.retry')}
        </button>
      </div>
    );
  }

  const { timeline } = loaded;
  const restore = () => {
    try {
      undo.stopCapturing();
      doc.transact(() => restoreTimeline(doc, timeline));
      undo.stopCapturing();
    } catch {
      setRestoreError(t('history.restoreFailed', { n }));
      setConfirming(false);
      return;
    }
    setRestoreError(null);
    setConfirming(false);
    props.onRestored(t('history.restored', { n }));
  };

  return (
    <div className="revision-detail" aria-labelledby={`${ids}-h`} role="group">
      <div className="revision-detail-head">
        <h3 id={`${ids}-h`}>{t('history.changesSince', { n })}</h3>
        {props.readOnly ? null : (
          <button
            ref={restoreButton}
            type="button"
            className="btn btn-small"
            data-testid="history-restore"
            aria-label={t('history.restoreLabel', { n })}
            onClick={() => {
              setRestoreError(null);
              setConfirming(true);
            }}
          >
            {t('history.restore')}
          </button>
        )}
      </div>
      <p className="field-hint">{t('history.changesHint', { n })}</p>
      {restoreError ? (
        <p className="form-error" role="alert">
          {restoreError}
        </p>
      ) : null}
      <RevisionDiffView before={timeline} after={after} />
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('history.restoreTitle', { n })}
        description={t('history.restoreDescription', { n })}
        returnFocusTo={restoreButton}
      >
        <div className="dialog-actions">
          <ConfirmCancel className="btn">{t('history.cancel')}</ConfirmCancel>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="history-restore-confirm"
            onClick={restore}
          >
            {t('history.restoreConfirm', { n })}
          </button>
        </div>
      </ConfirmDialog>
    </div>
  );
}
