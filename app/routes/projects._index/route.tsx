import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { CreateProjectDialog } from './create-project-dialog.tsx';
import { GuidedStart } from './guided-start.tsx';
import { StarterDialog } from './starter-dialog.tsx';
import { InvitationsForYou } from './invitations-for-you.tsx';
import { ProjectRow } from './project-row.tsx';
import { UsagePanel } from './usage-panel.tsx';
import { useI18n } from '../../i18n/index.ts';
import { allowedActions } from '../../lib/permissions.server.ts';
import { requireSession } from '../../lib/session.server.ts';

export { action } from './action.server.ts';

export const meta: MetaFunction = () => [{ title: 'Projects · Montage' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = requireSession(context, request);
  const [projects, invitations, usage] = await Promise.all([
    context.services.projects.list(session.user.id),
    context.services.invitations.listMine(session.user),
    context.services.usage.of(session.user.id),
  ]);
  return {
    projects: projects.map((p) => ({ ...p, allowed: allowedActions(p.role) })),
    invitations,
    usage,
  };
}

export default function Projects() {
  const { projects, invitations, usage } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <section className="page">
      <div className="page-header">
        <h1>{t('projects.title')}</h1>
        <div className="page-header-actions">
          {projects.length > 0 ? <StarterDialog /> : null}
          <CreateProjectDialog />
        </div>
      </div>
      <InvitationsForYou invitations={invitations} />
      {projects.length === 0 ? (
        <section className="first-run" data-testid="projects-empty" aria-labelledby="first-run">
          <h2 id="first-run">{t('firstRun.title')}</h2>
          <p className="first-run-intro">{t('firstRun.intro')}</p>
          <GuidedStart
            blank={
              <CreateProjectDialog
                trigger={(open) => (
                  <button
                    type="button"
                    className="starter-card starter-blank"
                    data-testid="blank-project"
                    onClick={open}
                  >
                    <span className="starter-title">{t('firstRun.blank')}</span>
                    <span className="starter-description">{t('firstRun.blankDescription')}</span>
                  </button>
                )}
              />
            }
          />
        </section>
      ) : (
        <ul className="project-list" data-testid="project-list">
          {projects.map((project) => (
            <ProjectRow key={project.id} project={project} />
          ))}
        </ul>
      )}
      <UsagePanel usage={usage} />
    </section>
  );
}
