import { Link, useLocation } from '@remix-run/react';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { projectMap } from '../../../shared/project-doc.ts';
import type { Role } from '../../../server/db/schema.ts';
import type { CollabSession, CollabSnapshot, EndReason } from '../../collab/collab-session.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { latestThumbnails, type RenderRecord } from '../../lib/render-feed.ts';
import { CommitAndRender } from './commit-render-dialog.tsx';
import { ImportScript } from './import-dialog.tsx';
import { PresenceBar, SyncBadge, ViewOnlyBadge } from './presence-bar.tsx';
import { RenderPanel } from './render-panel.tsx';
import { RenderPlayer } from './render-player.tsx';
import { SceneList } from './scene-list.tsx';
import { useCollabSession } from './use-collab-session.ts';
import { useRenders } from './use-renders.ts';

interface LiveProjectProps {
  projectId: string;
  user: { id: string; name: string };
  role: Role;
  /** The project's renders when the page was loaded (then kept live). */
  renders: readonly RenderRecord[];
  /** Shown beside the status (the owner's Members button). */
  actions?: ReactNode;
}

/** The live project document: title, scenes, presence, sync status and renders. */
export function LiveProject({ projectId, user, role, renders, actions }: LiveProjectProps) {
  const { session, snapshot } = useCollabSession(projectId, user, role);
  const { t } = useI18n();
  if (snapshot?.ended) return <Ended reason={snapshot.ended} />;
  if (!session || !snapshot?.everSynced) {
    return (
      <div className="live-loading" data-testid="live-loading">
        <p>{t('project.loading')}</p>
        {snapshot ? <SyncBadge status={snapshot.status} /> : null}
      </div>
    );
  }
  return (
    <Editor
      session={session}
      snapshot={snapshot}
      projectId={projectId}
      selfId={user.id}
      initialRenders={renders}
      actions={actions}
    />
  );
}

function Editor(props: {
  session: CollabSession;
  snapshot: CollabSnapshot;
  projectId: string;
  selfId: string;
  initialRenders: readonly RenderRecord[];
  actions: ReactNode;
}) {
  const { session, snapshot, projectId } = props;
  const { t } = useI18n();
  const { readOnly } = snapshot;
  const root = useRef<HTMLDivElement>(null);
  useUndoShortcuts(session.undo, root, !readOnly);
  const { renders, feed } = useRenders(session, projectId, props.initialRenders);
  const thumbnails = useMemo(() => latestThumbnails(renders), [renders]);
  const [previewId, setPreviewId] = useState<string | null>(null);
  const preview = renders.find((r) => r.id === previewId && r.status === 'done' && r.output);
  const language = projectMap(session.doc).get('language');
  return (
    <div ref={root} className="live-project" data-testid="live-project" data-readonly={readOnly}>
      <div className="project-bar">
        <ProjectTitle doc={session.doc} readOnly={readOnly} />
        <div className="project-status">
          <PresenceBar people={snapshot.people} selfId={props.selfId} />
          <SyncBadge status={snapshot.status} />
          {readOnly ? <ViewOnlyBadge /> : null}
          <div className="project-actions">
            {readOnly ? null : (
              <CommitAndRender
                session={session}
                projectId={projectId}
                feed={feed}
                onQueued={(render) => revealRender(render.id)}
              />
            )}
            {props.actions}
          </div>
        </div>
      </div>
      <SceneList
        doc={session.doc}
        readOnly={readOnly}
        thumbnails={thumbnails}
        tools={readOnly ? null : <ImportScript doc={session.doc} undo={session.undo} />}
      />
      {readOnly ? null : (
        <div className="history-actions">
          <button
            type="button"
            className="btn btn-quiet"
            data-testid="undo"
            disabled={!session.undo.canUndo()}
            onClick={() => session.undo.undo()}
          >
            {t('project.undo')}
          </button>
          <button
            type="button"
            className="btn btn-quiet"
            data-testid="redo"
            disabled={!session.undo.canRedo()}
            onClick={() => session.undo.redo()}
          >
            {t('project.redo')}
          </button>
        </div>
      )}
      <RenderPanel
        renders={renders}
        readOnly={readOnly}
        feed={feed}
        selectedId={preview?.id ?? null}
        onPreview={(render) => setPreviewId(render.id)}
        player={
          preview ? (
            <RenderPlayer
              render={preview}
              language={typeof language === 'string' ? language : 'en'}
              onClose={() => {
                setPreviewId(null);
                revealRender(preview.id, true);
              }}
            />
          ) : null
        }
      />
    </div>
  );
}

/** Scrolls a render's row into view once it is on the page (and focuses its Preview button). */
function revealRender(renderId: string, focusPreview = false) {
  requestAnimationFrame(() => {
    const row = document.querySelector<HTMLElement>(
      `[data-testid="render-row"][data-render-id="${CSS.escape(renderId)}"]`,
    );
    row?.scrollIntoView({ block: 'nearest' });
    if (focusPreview) row?.querySelector<HTMLElement>('[data-testid="render-preview"]')?.focus();
  });
}

/**
 * Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and Ctrl+Y redo this user's changes to
 * the project. Text fields outside the project (a dialog's textarea) keep
 * their own undo.
 */
function useUndoShortcuts(
  undo: Y.UndoManager,
  root: { current: HTMLElement | null },
  enabled: boolean,
) {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || !(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      const redo = (key === 'z' && event.shiftKey) || (key === 'y' && event.ctrlKey);
      if (!redo && !(key === 'z' && !event.shiftKey)) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('[role="dialog"], [role="alertdialog"]')) return;
      const editable = target?.closest('input, textarea, select, [contenteditable]');
      if (editable && !root.current?.contains(editable)) return;
      event.preventDefault();
      if (redo) undo.redo();
      else undo.undo();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [undo, root, enabled]);
}

function ProjectTitle({ doc, readOnly }: { doc: Y.Doc; readOnly: boolean }) {
  const { t } = useI18n();
  const title = projectMap(doc).get('title');
  return (
    <input
      className="title-input"
      aria-label={t('project.titleLabel')}
      data-testid="project-title"
      value={typeof title === 'string' ? title : ''}
      maxLength={200}
      disabled={readOnly}
      onChange={(event) => projectMap(doc).set('title', event.target.value)}
    />
  );
}

const ENDED_MESSAGES: Record<EndReason, MessageKey> = {
  deleted: 'ended.deleted',
  'no-access': 'ended.noAccess',
  'signed-out': 'ended.signedOut',
};

function Ended({ reason }: { reason: EndReason }) {
  const { t } = useI18n();
  const location = useLocation();
  return (
    <div className="panel notice" data-testid="live-ended" data-reason={reason} role="alert">
      <p>{t(ENDED_MESSAGES[reason])}</p>
      {reason === 'signed-out' ? (
        <Link
          to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}
          className="btn btn-primary"
        >
          {t('nav.signIn')}
        </Link>
      ) : (
        <Link to="/projects" className="btn">
          {t('ended.backToProjects')}
        </Link>
      )}
    </div>
  );
}
