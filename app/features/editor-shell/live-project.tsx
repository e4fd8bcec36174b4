import * as Tabs from '@radix-ui/react-tabs';
import { Link, useLocation } from '@remix-run/react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { projectMap } from '../../../shared/project-doc.ts';
import type { Role } from '../../../shared/api/roles.ts';
import type { CollabSession, CollabSnapshot } from '../../collab/collab-session.ts';
import type { EndReason } from '../../collab/collab-token.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import type { RenderRecord } from '../../../shared/api/renders.ts';
import { latestDepictions, latestNarrations, latestThumbnails } from '../../lib/render-feed.ts';
import { ShareDialog } from '../share/share-dialog.tsx';
import { CommitAndRender } from '../renders/commit-render-dialog.tsx';
import { ImportScript } from '../import/import-dialog.tsx';
import { PresenceBar, SyncBadge, ViewOnlyBadge } from './presence-bar.tsx';
import { RenderPanel } from '../renders/render-panel.tsx';
import { RenderPlayer } from '../renders/render-player.tsx';
import { Theatre } from '../theatre/theatre.tsx';
import { PlaybackProvider } from '../theatre/playback-provider.tsx';
import { CastPanel } from '../cast/cast-panel.tsx';
import { HistoryPanel } from '../history/history-panel.tsx';
import { SettingsDialog } from '../settings/settings-dialog.tsx';
import { ModelsPanel } from '../models/models-panel.tsx';
import { Timeline } from '../timeline/timeline.tsx';
import { focusCard, SceneBoard } from '../board/scene-board.tsx';
import { ScriptPane } from '../../components/editor/script-pane.tsx';
import { ShortcutsDialog } from '../../components/editor/shortcuts-dialog.tsx';
import { SceneSelection } from '../../collab/scene-selection.ts';
import { usePeople } from '../../collab/use-presence.ts';
import { peopleShown } from '../../collab/presence.ts';
import { presenceUser } from '../../../shared/presence.ts';
import { useYMapField } from '../../collab/use-y.ts';
import { useCollabSession } from './use-collab-session.ts';
import { useRenders } from '../renders/use-renders.ts';
import { useLayoutPrefs, usePanelKeys } from './use-layout-prefs.ts';
import { FoldButton, PreviewRail, SideRail, type SideTab } from './panel-rails.tsx';
import { EditorHint } from '../first-run/editor-hint.tsx';
import { useComments, type CommentTime } from '../comments/use-comments.ts';
import { CommentsPanel } from '../comments/comments-panel.tsx';
import { CommentCountsContext } from '../comments/comment-counts.tsx';
import { SceneImagesContext } from '../board/scene-images.tsx';

interface LiveProjectProps {
  projectId: string;
  user: { id: string; name: string };
  role: Role;
  /** The project's renders when the page was loaded (then kept live). */
  renders: readonly RenderRecord[];
  /** The cursor of the renders list's next page (null: the page holds them all). */
  rendersNextBefore: string | null;
  /** Shown beside the status (the owner's Members button). */
  actions?: ReactNode;
}

/** The live project document: the editor once the document is here (from this device or the server). */
export function LiveProject(props: LiveProjectProps) {
  const { projectId, user, role, renders, actions } = props;
  const { session, snapshot } = useCollabSession(projectId, user, role);
  const { t } = useI18n();
  if (snapshot?.ended) return <Ended reason={snapshot.ended} />;
  if (!session || !(snapshot?.everSynced || snapshot?.localLoaded)) {
    return (
      <div className="live-loading" data-testid="live-loading">
        <p>{t('project.loading')}</p>
        {snapshot ? <SyncBadge status={snapshot.status} /> : null}
      </div>
    );
  }
  return (
    <PlaybackProvider>
      <Editor
        session={session}
        snapshot={snapshot}
        projectId={projectId}
        self={user}
        initialRenders={renders}
        initialNextBefore={props.rendersNextBefore}
        actions={actions}
        role={props.role}
      />
    </PlaybackProvider>
  );
}

/**
 * One screen: the script, cast and history on the left, the scene board in
 * the middle, the preview and render queue on the right, the timeline along
 * the bottom, and the people here in the bar. It re-renders on connection
 * changes only; each part follows its own piece of the document.
 */
function Editor(props: {
  session: CollabSession;
  snapshot: CollabSnapshot;
  projectId: string;
  self: { id: string; name: string };
  initialRenders: readonly RenderRecord[];
  initialNextBefore: string | null;
  actions: ReactNode;
  role: Role;
}) {
  const { session, snapshot, projectId } = props;
  const { t } = useI18n();
  const { readOnly, awareness } = snapshot;
  const root = useRef<HTMLDivElement>(null);
  const [selection] = useState(() => new SceneSelection());
  const [tab, setTab] = useState<SideTab>('script');
  useUndoShortcuts(session.undo, root, !readOnly);
  const layout = useLayoutPrefs();
  const { prefs } = layout;
  usePanelKeys(layout.toggle);
  const { renders, feed, more } = useRenders(
    session,
    projectId,
    props.initialRenders,
    props.initialNextBefore,
  );
  const thumbnails = useMemo(() => latestThumbnails(renders), [renders]);
  const narrations = useMemo(() => latestNarrations(renders), [renders]);
  const depictions = useMemo(() => latestDepictions(renders), [renders]);
  const [previewId, setPreviewId] = useState<string | null>(null);
  const preview = renders.find((r) => r.id === previewId && r.status === 'done' && r.output);
  // Watching a render opens it in the theatre; the small player in the panel is a click away.
  const [inTheatre, setInTheatre] = useState(true);
  const watch = useCallback((id: string) => {
    setPreviewId(id);
    setInTheatre(true);
  }, []);
  const language = useYMapField(projectMap(session.doc), 'language');
  const selfId = props.self.id;
  // Offline (or reconnecting) the others cannot be seen: the header shows yourself, offline.
  const connected = snapshot.status !== 'offline' && snapshot.status !== 'reconnecting';
  const people = peopleShown(usePeople(awareness, selfId), presenceUser(props.self), connected);
  useShownRender(watch);
  const review = useComments(session, projectId);
  const [commentScene, setCommentScene] = useState<string | null>(null);
  const [highlightComment, setHighlightComment] = useState<string | null>(null);
  const [commentAt, setCommentAt] = useState<CommentTime | null>(null);
  const { update: updateLayout } = layout;
  const showSideTab = useCallback(
    (opened: SideTab) => {
      setTab(opened);
      // A folded side panel unfolds to show what was asked for.
      updateLayout((current) => ({ ...current, sideCollapsed: false }));
    },
    [updateLayout],
  );
  const openComments = useCallback(
    (sceneId: string) => {
      setCommentScene(sceneId);
      showSideTab('comments');
    },
    [showSideTab],
  );
  const commentCounts = useMemo(
    () => ({ counts: review.counts, open: openComments }),
    [review.counts, openComments],
  );
  useShownComments(openComments, setHighlightComment);
  // Scene cards' variants: this project's live messages (ADR 0041).
  const sceneImages = useMemo(
    () => ({ projectId, onStateless: (l: (p: string) => void) => session.onStateless(l) }),
    [projectId, session],
  );
  return (
    <CommentCountsContext.Provider value={commentCounts}>
      <div
        ref={root}
        className="live-project editor"
        data-testid="live-project"
        data-readonly={readOnly}
        data-side={prefs.sideCollapsed ? 'collapsed' : 'open'}
        data-preview={prefs.previewCollapsed ? 'collapsed' : 'open'}
        data-timeline={prefs.timelineCollapsed ? 'collapsed' : 'open'}
      >
        <div className="project-bar">
          <ProjectTitle doc={session.doc} readOnly={readOnly} />
          <div className="project-status">
            <PresenceBar people={people} selfId={selfId} offline={!connected} />
            <SyncBadge status={snapshot.status} />
            {readOnly ? <ViewOnlyBadge /> : null}
            <div className="project-actions">
              <UndoButtons undo={session.undo} readOnly={readOnly} />
              <SettingsDialog doc={session.doc} readOnly={readOnly} undo={session.undo} />
              <ModelsPanel />
              <ShortcutsDialog />
              {readOnly ? null : (
                <CommitAndRender
                  session={session}
                  projectId={projectId}
                  feed={feed}
                  onQueued={(render) => revealRender(render.id)}
                  onWatch={(render) => {
                    watch(render.id);
                    revealRender(render.id);
                  }}
                />
              )}
              {readOnly ? null : <ShareDialog projectId={projectId} renders={renders} />}
              {props.actions}
            </div>
          </div>
        </div>
        <div className="editor-main">
          {prefs.sideCollapsed ? (
            <SideRail
              controls="editor-side-panel"
              onOpen={(opened) => {
                if (opened) setTab(opened);
                layout.toggle('side');
              }}
            />
          ) : null}
          <Tabs.Root
            id="editor-side-panel"
            className="side-panel"
            data-testid="side-panel"
            value={tab}
            hidden={prefs.sideCollapsed}
            onValueChange={(value) => setTab(value as SideTab)}
          >
            <Tabs.List className="tabs-list" aria-label={t('editor.sidePanels')}>
              <Tabs.Trigger className="tab" value="script" data-testid="tab-script">
                {t('editor.tab.script')}
              </Tabs.Trigger>
              <Tabs.Trigger className="tab" value="cast" data-testid="tab-cast">
                {t('editor.tab.cast')}
              </Tabs.Trigger>
              <Tabs.Trigger className="tab" value="history" data-testid="tab-history">
                {t('editor.tab.history')}
              </Tabs.Trigger>
              <Tabs.Trigger className="tab" value="comments" data-testid="tab-comments">
                {t('comments.tab')}
              </Tabs.Trigger>
              <FoldButton
                panel="side"
                collapsed={false}
                controls="editor-side-panel"
                onToggle={() => layout.toggle('side')}
              />
            </Tabs.List>
            <Tabs.Content className="tab-content" value="script">
              <ScriptPane
                doc={session.doc}
                awareness={awareness}
                undo={session.undo}
                readOnly={readOnly}
              />
            </Tabs.Content>
            <Tabs.Content className="tab-content" value="cast">
              <CastPanel
                doc={session.doc}
                readOnly={readOnly}
                projectId={projectId}
                undo={session.undo}
              />
            </Tabs.Content>
            <Tabs.Content className="tab-content" value="history">
              <HistoryPanel
                doc={session.doc}
                projectId={projectId}
                readOnly={readOnly}
                undo={session.undo}
                beforeCommit={() => session.whenSaved(10_000)}
              />
            </Tabs.Content>
            <Tabs.Content className="tab-content" value="comments">
              <CommentsPanel
                doc={session.doc}
                sceneId={commentScene}
                onSceneChange={setCommentScene}
                comments={review.comments}
                failed={review.failed}
                members={review.members}
                actions={review.actions}
                permissions={{
                  selfId,
                  canResolve: props.role !== 'viewer',
                  canDeleteAny: props.role === 'owner',
                }}
                highlightId={highlightComment}
                at={commentAt}
                onClearAt={() => setCommentAt(null)}
              />
            </Tabs.Content>
          </Tabs.Root>
          <SceneImagesContext.Provider value={sceneImages}>
            <SceneBoard
              doc={session.doc}
              undo={session.undo}
              awareness={awareness}
              readOnly={readOnly}
              selection={selection}
              thumbnails={thumbnails}
              narrations={narrations}
              depictions={depictions}
              tools={readOnly ? null : <ImportScript doc={session.doc} undo={session.undo} />}
              density={prefs.density}
              onDensityChange={(density) => layout.update((current) => ({ ...current, density }))}
            />
          </SceneImagesContext.Provider>
          {prefs.previewCollapsed ? (
            <PreviewRail
              controls="editor-preview-column"
              renders={renders}
              onOpen={() => layout.toggle('preview')}
            />
          ) : null}
          <aside
            id="editor-preview-column"
            className="preview-column"
            aria-label={t('editor.preview')}
            data-testid="preview-column"
            hidden={prefs.previewCollapsed}
          >
            <FoldButton
              panel="preview"
              collapsed={false}
              controls="editor-preview-column"
              onToggle={() => layout.toggle('preview')}
            />
            <RenderPanel
              renders={renders}
              readOnly={readOnly}
              feed={feed}
              more={more}
              selectedId={preview?.id ?? null}
              onPreview={(render) => watch(render.id)}
              player={
                preview && !inTheatre ? (
                  <RenderPlayer
                    render={preview}
                    language={typeof language === 'string' ? language : 'en'}
                    onTheatre={() => setInTheatre(true)}
                    onClose={() => {
                      setPreviewId(null);
                      revealRender(preview.id, true);
                    }}
                    onComment={({ atSec, sceneId }) => {
                      setCommentAt({ renderId: preview.id, atSec });
                      if (sceneId) openComments(sceneId);
                      else showSideTab('comments');
                    }}
                  />
                ) : null
              }
            />
          </aside>
        </div>
        {preview && inTheatre ? (
          <Theatre
            render={preview}
            language={typeof language === 'string' ? language : 'en'}
            selection={selection}
            onSmall={() => setInTheatre(false)}
            onClose={() => setPreviewId(null)}
            onFocusFallback={() => revealRender(preview.id, true)}
          />
        ) : null}
        <Timeline
          doc={session.doc}
          projectId={projectId}
          undo={session.undo}
          readOnly={readOnly}
          selection={selection}
          awareness={awareness}
          onOpenScene={(id) => focusCard(id)}
          narrations={narrations}
          collapsed={prefs.timelineCollapsed}
          foldButton={
            <FoldButton
              panel="timeline"
              collapsed={prefs.timelineCollapsed}
              controls="editor-timeline-body"
              onToggle={() => layout.toggle('timeline')}
            />
          }
        />
        {readOnly ? null : <EditorHint />}
      </div>
    </CommentCountsContext.Provider>
  );
}

/**
 * `?scene=<id>` (and `&comment=<id>`, where a notification leads): opens
 * the Comments tab on that scene and highlights the comment.
 */
function useShownComments(
  open: (sceneId: string) => void,
  highlight: (commentId: string | null) => void,
) {
  const { search } = useLocation();
  useEffect(() => {
    const params = new URLSearchParams(search);
    const scene = params.get('scene');
    if (!scene) return;
    open(scene);
    const comment = params.get('comment');
    highlight(comment);
    if (!comment) return;
    requestAnimationFrame(() =>
      document
        .querySelector<HTMLElement>(`[data-comment-id="${CSS.escape(comment)}"]`)
        ?.scrollIntoView({ block: 'nearest' }),
    );
  }, [search, open, highlight]);
}

/** Undo and redo of this user's own changes; enabled as the stacks change. */
function UndoButtons({ undo, readOnly }: { undo: Y.UndoManager; readOnly: boolean }) {
  const { t } = useI18n();
  const [, setTick] = useState(0);
  useEffect(() => {
    const bump = () => setTick((n) => n + 1);
    undo.on('stack-item-added', bump);
    undo.on('stack-item-popped', bump);
    undo.on('stack-cleared', bump);
    return () => {
      undo.off('stack-item-added', bump);
      undo.off('stack-item-popped', bump);
      undo.off('stack-cleared', bump);
    };
  }, [undo]);
  if (readOnly) return null;
  return (
    <div className="history-actions">
      <button
        type="button"
        className="btn btn-quiet btn-small"
        data-testid="undo"
        aria-keyshortcuts="Control+Z"
        title={t('project.undo')}
        disabled={!undo.canUndo()}
        onClick={() => undo.undo()}
      >
        <span aria-hidden>↶</span> <span className="bar-label">{t('project.undo')}</span>
      </button>
      <button
        type="button"
        className="btn btn-quiet btn-small"
        data-testid="redo"
        aria-keyshortcuts="Control+Shift+Z"
        title={t('project.redo')}
        disabled={!undo.canRedo()}
        onClick={() => undo.redo()}
      >
        <span aria-hidden>↷</span> <span className="bar-label">{t('project.redo')}</span>
      </button>
    </div>
  );
}

/**
 * `?render=<id>` (where a render toast's "Watch" or "See error" leads):
 * previews that render when it is done and scrolls its row, with its state
 * or failure, into view.
 */
function useShownRender(setPreviewId: (id: string) => void) {
  const { search } = useLocation();
  useEffect(() => {
    const id = new URLSearchParams(search).get('render');
    if (!id) return;
    setPreviewId(id);
    revealRender(id);
  }, [search, setPreviewId]);
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
  const title = useYMapField(projectMap(doc), 'title');
  return (
    <input
      className="title-input"
      aria-label={t('project.titleLabel')}
      data-testid="project-title"
      value={typeof title === 'string' ? title : ''}
      maxLength={200}
      disabled={readOnly}
      onChange={(event) => doc.transact(() => projectMap(doc).set('title', event.target.value))}
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
