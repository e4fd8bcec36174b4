import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { CreateProjectDialog } from '../components/projects/create-project-dialog.tsx';
import { InvitationsForYou } from '../components/projects/invitations-for-you.tsx';
import { ProjectRow } from '../components/projects/project-row.tsx';
import { useI18n } from '../i18n/index.ts';
import { actionFailure, formValues } from '../lib/errors.server.ts';
import { allowedActions } from '../lib/permissions.server.ts';
import { requireSession } from '../lib/session.server.ts';

export const meta: MetaFunction = () => [{ title: 'Projects · Montage' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = requireSession(context, request);
  const [projects, invitations] = await Promise.all([
    context.services.projects.list(session.user.id),
    context.services.invitations.listMine(session.user),
  ]);
  return {
    projects: projects.map((p) => ({ ...p, allowed: allowedActions(p.role) })),
    invitations,
  };
}

const INTENTS = [
  'create',
  'rename',
  'duplicate',
  'delete',
  'acceptInvitation',
  'declineInvitation',
] as const;
type Intent = (typeof INTENTS)[number];

export async function action({ request, context }: ActionFunctionArgs) {
  const session = requireSession(context, request);
  const { projects, invitations } = context.services;
  const form = await request.formData();
  const values = formValues(form, ['intent', 'projectId', 'title', 'language', 'invitationId']);
  const intent = values.intent as Intent;
  if (!INTENTS.includes(intent)) throw data({ message: 'Unknown action' }, { status: 400 });
  const userId = session.user.id;
  try {
    if (intent === 'create') {
      const project = await projects.create(userId, {
        title: values.title,
        language: values.language || undefined,
      });
      return redirect(`/projects/${project.id}`);
    }
    if (intent === 'rename') {
      await projects.rename(userId, values.projectId, { title: values.title });
    } else if (intent === 'duplicate') {
      await projects.duplicate(userId, values.projectId);
    } else if (intent === 'acceptInvitation') {
      await invitations.acceptById(session.user, values.invitationId);
    } else if (intent === 'declineInvitation') {
      await invitations.decline(session.user, values.invitationId);
    } else {
      await projects.remove(userId, values.projectId);
    }
    return { ok: true as const };
  } catch (err) {
    return actionFailure(context, err, { title: values.title, language: values.language });
  }
}

export default function Projects() {
  const { projects, invitations } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <section className="page">
      <div className="page-header">
        <h1>{t('projects.title')}</h1>
        <CreateProjectDialog />
      </div>
      <InvitationsForYou invitations={invitations} />
      {projects.length === 0 ? (
        <p className="empty" data-testid="projects-empty">
          {t('projects.empty')}
        </p>
      ) : (
        <ul className="project-list" data-testid="project-list">
          {projects.map((project) => (
            <ProjectRow key={project.id} project={project} />
          ))}
        </ul>
      )}
    </section>
  );
}
