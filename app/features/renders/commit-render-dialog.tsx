import * as Label from '@radix-ui/react-label';
import { useEffect, useId, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { readFieldErrors } from '../../../shared/api/field-errors.ts';
import { projectMap, readProjectSettings } from '../../../shared/project-doc.ts';
import {
  RENDER_PRESET_IDS,
  renderPreset,
  type RenderPresetId,
} from '../../../shared/render/render-presets.ts';
import { type Aspect, type TimelineIssue } from '../../../shared/timeline.ts';
import type { CollabSession } from '../../collab/collab-session.ts';
import { useI18n, type I18n } from '../../i18n/index.ts';
import { apiCall } from '../../lib/api.ts';
import { failureText, issueParts, renderQueueFailureText } from '../../lib/api-messages.ts';
import type { RenderRecord } from '../../../shared/api/renders.ts';
import type { RenderFeed } from '../../lib/render-feed.ts';
import { watchRender } from '../../lib/render-watch.ts';
import { Dialog, DialogClose } from '../../components/ui/dialog.tsx';
import { Select } from '../../components/ui/select.tsx';
import { RenderEstimatePanel } from './render-estimate.tsx';

/** How long a commit waits for this browser's last edits to reach the server. */
const SAVE_WAIT_MS = 10_000;

type Step = 'idle' | 'committing' | 'queueing';

interface Problem {
  key: string;
  sceneId: string | null;
  text: string;
}

/** "720p draft · 16:9 (1280×720)" */
export function presetLabel(i18n: I18n, id: RenderPresetId, aspect: Aspect): string {
  const { width, height } = renderPreset(id, aspect);
  return i18n.t('render.presetOption', {
    name: i18n.t(`render.preset.${id}`),
    aspect,
    width,
    height,
  });
}

/** The problems of a 422 as "Scene 3 — Write narration or set a duration" (the scene's title when it has one). */
function problemsOf(i18n: I18n, doc: Y.Doc, issues: TimelineIssue[]): Problem[] {
  return issueParts(i18n, doc, issues).map((part) => {
    if (part.sceneNumber === null) {
      return { key: part.key, sceneId: part.sceneId, text: part.message };
    }
    const scene = part.sceneTitle ?? i18n.t('render.sceneN', { n: part.sceneNumber });
    return {
      key: part.key,
      sceneId: part.sceneId,
      text: i18n.t('render.issue', { scene, message: part.message }),
    };
  });
}

/**
 * "Commit & render" (editors and owners): a message and a preset; commits the
 * live document as a revision (after this browser's edits have reached the
 * server: offline, it says it waits for the connection, and Cancel stops the
 * wait), then queues a render of it. When that revision already has a
 * finished render with these settings, the server answers it (`reused`) and
 * the dialog offers to watch it or to render again. A project that cannot be
 * rendered gets its problems listed per scene, and the message and preset
 * stay as typed: they live here, outside the dialog, until a render is queued.
 */
export function CommitAndRender(props: {
  session: CollabSession;
  projectId: string;
  feed: RenderFeed;
  onQueued(render: RenderRecord): void;
  /** Watch a finished render (the one an unchanged commit found). */
  onWatch(render: RenderRecord): void;
}) {
  const { session, projectId, feed } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [preset, setPreset] = useState<RenderPresetId>('1080p');
  const [step, setStep] = useState<Step>('idle');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [messageError, setMessageError] = useState<string | null>(null);
  const [finished, setFinished] = useState<RenderRecord | null>(null);
  const waiting = useRef<AbortController | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const { status } = useSyncExternalStore(
    session.subscribe,
    session.getSnapshot,
    session.getSnapshot,
  );
  // Leaving the page stops a wait for the connection (nothing is committed later behind its back).
  useEffect(() => () => waiting.current?.abort(), []);
  const aspect = readProjectSettings(session.doc).aspect;
  const busy = step !== 'idle';

  const clearOutcome = () => {
    setProblems([]);
    setError(null);
    setMessageError(null);
    setFinished(null);
  };

  /** Queues a render of a committed revision; `force` renders again what already has a finished render. */
  const queue = async (revisionId: string, force: boolean) => {
    setStep('queueing');
    const mark = feed.mark();
    const queued = await apiCall<{ render: RenderRecord; reused?: boolean }>(
      'POST',
      `/projects/${encodeURIComponent(projectId)}/renders`,
      { revisionId, preset, force },
    );
    if (!queued.ok) {
      setError(renderQueueFailureText(i18n, queued.error, t('render.queueFailed')));
      return;
    }
    if (queued.data.reused) {
      setFinished(queued.data.render);
      return;
    }
    feed.answer(queued.data.render, mark);
    // Followed wherever the person goes next: a toast when it ends, progress in the tab title.
    const title = projectMap(session.doc).get('title');
    watchRender({
      id: queued.data.render.id,
      projectId,
      title: typeof title === 'string' ? title : '',
    });
    setMessage('');
    setOpen(false);
    props.onQueued(queued.data.render);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    clearOutcome();
    setStep('committing');
    const controller = new AbortController();
    waiting.current = controller;
    try {
      const saved = await session.whenSaved(SAVE_WAIT_MS, controller.signal);
      // Cancelled while waiting: nothing was committed, everything typed stays.
      if (controller.signal.aborted) return;
      if (!saved) {
        setError(t('render.waitingForSync'));
        return;
      }
      const committed = await apiCall<{ revision: { id: string; number: number } }>(
        'POST',
        `/projects/${encodeURIComponent(projectId)}/revisions`,
        { message },
      );
      if (!committed.ok) {
        const { details } = committed.error;
        const issues = Array.isArray(details.issues) ? (details.issues as TimelineIssue[]) : [];
        const fields = (details.fields ?? {}) as Record<string, unknown>;
        if (issues.length) setProblems(problemsOf(i18n, session.doc, issues));
        else if (typeof fields.message === 'string')
          setMessageError(i18n.field(readFieldErrors(details).message, fields.message));
        else setError(failureText(i18n, committed.error, t('render.commitFailed')));
        return;
      }
      await queue(committed.data.revision.id, false);
    } finally {
      waiting.current = null;
      setStep('idle');
    }
  };

  const renderAgain = async (revisionId: string) => {
    if (busy) return;
    clearOutcome();
    try {
      await queue(revisionId, true);
    } finally {
      setStep('idle');
    }
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className="btn btn-primary"
        data-testid="commit-render"
        onClick={() => {
          // The message and preset stay; problems found last time may have been fixed since.
          clearOutcome();
          setOpen(true);
        }}
      >
        {t('render.commitOpen')}
      </button>
      <Dialog
        open={open}
        onOpenChange={(next) => {
          // Closing stops a commit still waiting for the connection; what was typed stays.
          if (!next) waiting.current?.abort();
          setOpen(next);
        }}
        title={t('render.commitTitle')}
        description={t('render.commitDescription')}
        testId="commit-dialog"
        returnFocusTo={button}
      >
        <form className="form" onSubmit={(event) => void submit(event)} noValidate>
          <div className="field">
            <Label.Root className="field-label" htmlFor={`${ids}-message`}>
              {t('render.commitMessage')}
            </Label.Root>
            <input
              id={`${ids}-message`}
              className="input"
              data-testid="commit-message"
              value={message}
              maxLength={500}
              placeholder={t('render.commitMessagePlaceholder')}
              aria-describedby={`${ids}-message-hint${messageError ? ` ${ids}-message-error` : ''}`}
              aria-invalid={messageError ? true : undefined}
              onChange={(event) => setMessage(event.target.value)}
            />
            <p id={`${ids}-message-hint`} className="field-hint">
              {t('render.commitMessageHint')}
            </p>
            {messageError ? (
              <p id={`${ids}-message-error`} className="field-error" role="alert">
                {messageError}
              </p>
            ) : null}
          </div>
          <div className="field">
            <Label.Root className="field-label" htmlFor={`${ids}-preset`}>
              {t('render.preset')}
            </Label.Root>
            <Select
              id={`${ids}-preset`}
              testId="commit-preset"
              value={preset}
              onValueChange={(value) => {
                setPreset(value as RenderPresetId);
                // The finished render offered was for the other preset.
                setFinished(null);
              }}
              options={RENDER_PRESET_IDS.map((id) => ({
                value: id,
                label: presetLabel(i18n, id, aspect),
              }))}
            />
          </div>
          <RenderEstimatePanel
            key={preset}
            session={session}
            projectId={projectId}
            message={message}
            preset={preset}
            disabled={busy}
          />
          {problems.length ? (
            <div className="form-error commit-issues" role="alert" data-testid="commit-issues">
              <p>{t('render.issuesTitle')}</p>
              <ul>
                {problems.map((problem) => (
                  <li
                    key={problem.key}
                    data-testid="commit-issue"
                    data-scene-id={problem.sceneId ?? undefined}
                  >
                    {problem.text}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {error ? (
            <p className="form-error" role="alert" data-testid="commit-error">
              {error}
            </p>
          ) : null}
          {step === 'committing' && status === 'offline' ? (
            <p className="form-notice" role="status" data-testid="commit-waiting">
              {t('render.waitingForConnection')}
            </p>
          ) : null}
          {finished ? (
            <div
              className="form-notice commit-finished"
              role="status"
              data-testid="commit-existing"
            >
              <p>
                {t('render.alreadyRendered', {
                  n: finished.revisionNumber ?? '?',
                  preset: presetLabel(i18n, finished.preset, aspect),
                })}
              </p>
              <div className="dialog-actions">
                <button
                  type="button"
                  className="btn"
                  data-testid="commit-render-again"
                  disabled={busy}
                  onClick={() => void renderAgain(finished.revisionId)}
                >
                  {t('render.renderAgain')}
                </button>
                <button
                  type="button"
                  className="btn btn-primary"
                  data-testid="commit-watch-existing"
                  onClick={() => {
                    setOpen(false);
                    setFinished(null);
                    setMessage('');
                    props.onWatch(finished);
                  }}
                >
                  {t('render.watchExisting')}
                </button>
              </div>
            </div>
          ) : null}
          <div className="dialog-actions">
            <DialogClose className="btn" data-testid="commit-cancel">
              {t('render.commitCancel')}
            </DialogClose>
            {finished ? null : (
              <button
                type="submit"
                className="btn btn-primary"
                data-testid="commit-submit"
                disabled={busy}
                aria-busy={busy || undefined}
              >
                {step === 'committing'
                  ? t('render.committing')
                  : step === 'queueing'
                    ? t('render.queueing')
                    : t('render.commitSubmit')}
              </button>
            )}
          </div>
        </form>
      </Dialog>
    </>
  );
}
