import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from '@remix-run/react';
import { LiveProject } from '../../features/editor-shell/live-project.tsx';
import { MembersDialog } from '../../features/members/members-dialog.tsx';
import { WebhooksDialog } from '../../features/webhooks/webhooks-dialog.tsx';
import { useI18n } from '../../i18n/index.ts';
import { throwAsResponse } from '../../lib/errors.server.ts';
import { allowedActions } from '../../lib/permissions.server.ts';
import { requireSession } from '../../lib/session.server.ts';

// Inviting is rate limited: pass a 429's Retry-After on (Remix keeps only cookies otherwise).
export { retryAfterHeaders as headers } from '../../lib/errors.server.ts';
export { action } from './action.server.ts';

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `${loaded.project.title} · Montage` : 'Montage' },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const session = requireSession(context, request);
  const { projects, invitations } = context.services;
  const projectId = params.projectId ?? '';
  try {
    const project = await projects.get(session.user.id, projectId);
    const allowed = allowedActions(project.role);
    const [members, pendingInvitations, { renders, nextBefore }] = await Promise.all([
      allowed.manageMembers ? projects.listMembers(session.user.id, projectId) : [],
      allowed.manageMembers ? invitations.listForProject(session.user.id, projectId) : [],
      context.services.renders.list(session.user.id, projectId),
    ]);
    return {
      project,
      allowed,
      members,
      invitations: pendingInvitations,
      renders,
      rendersNextBefore: nextBefore,
      user: session.user,
    };
  } catch (err) {
    return throwAsResponse(err);
  }
}

export default function ProjectPage() {
  const { project, allowed, members, invitations, renders, rendersNextBefore, user } =
    useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <section className="page">
      <Link to="/projects" className="back-link">
        ← {t('project.back')}
      </Link>
      <LiveProject
        key={project.id}
        projectId={project.id}
        user={user}
        role={project.role}
        renders={renders}
        rendersNextBefore={rendersNextBefore}
        actions={
          allowed.manageMembers || allowed.manageWebhooks ? (
            <>
              {allowed.manageMembers ? (
                <MembersDialog members={members} invitations={invitations} selfId={user.id} />
              ) : null}
              {allowed.manageWebhooks ? <WebhooksDialog projectId={project.id} /> : null}
            </>
          ) : null
        }
      />
    </section>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useI18n();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, message] =
    status === 404
      ? [t('errors.notFoundTitle'), t('errors.notFound')]
      : status === 403
        ? [t('errors.forbiddenTitle'), t('errors.forbidden')]
        : [t('errors.title'), t('errors.generic')];
  return (
    <section className="panel narrow error-panel" data-testid="project-error" data-status={status}>
      <h1>{title}</h1>
      <p>{message}</p>
      <Link to="/projects" className="btn">
        {t('ended.backToProjects')}
      </Link>
    </section>
  );
}
