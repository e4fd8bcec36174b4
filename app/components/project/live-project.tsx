import { Link, useLocation } from '@remix-run/react';
import type { ReactNode } from 'react';
import type * as Y from 'yjs';
import { projectMap } from '../../../shared/project-doc.ts';
import type { Role } from '../../../server/db/schema.ts';
import type { CollabSession, CollabSnapshot, EndReason } from '../../collab/collab-session.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { PresenceBar, SyncBadge, ViewOnlyBadge } from './presence-bar.tsx';
import { SceneList } from './scene-list.tsx';
import { useCollabSession } from './use-collab-session.ts';

interface LiveProjectProps {
  projectId: string;
  user: { id: string; name: string };
  role: Role;
  /** Shown beside the status (the owner's Members button). */
  actions?: ReactNode;
}

/** The live project document: title, scenes, presence and sync status. */
export function LiveProject({ projectId, user, role, actions }: LiveProjectProps) {
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
  return <Editor session={session} snapshot={snapshot} selfId={user.id} actions={actions} />;
}

function Editor(props: {
  session: CollabSession;
  snapshot: CollabSnapshot;
  selfId: string;
  actions: ReactNode;
}) {
  const { session, snapshot } = props;
  const { t } = useI18n();
  const { readOnly } = snapshot;
  return (
    <div className="live-project" data-testid="live-project" data-readonly={readOnly}>
      <div className="project-bar">
        <ProjectTitle doc={session.doc} readOnly={readOnly} />
        <div className="project-status">
          <PresenceBar people={snapshot.people} selfId={props.selfId} />
          <SyncBadge status={snapshot.status} />
          {readOnly ? <ViewOnlyBadge /> : null}
          {props.actions}
        </div>
      </div>
      <SceneList doc={session.doc} readOnly={readOnly} />
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
    </div>
  );
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
