// The route's action, apart from the route so that its dialogs can read the result type
// (useFetcher<typeof action>) without importing the route that renders them.
import { data, redirect, type ActionFunctionArgs } from '@remix-run/node';
import { actionFailure, formValues } from '../../lib/errors.server.ts';
import { requireSession } from '../../lib/session.server.ts';

const INTENTS = [
  'create',
  'createFrom',
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
  const values = formValues(form, [
    'intent',
    'projectId',
    'title',
    'language',
    'invitationId',
    'sample',
    'template',
  ]);
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
    if (intent === 'createFrom') {
      // A sample or a template (server/projects/starters.ts); a sample's render is queued too.
      const { project } = await context.services.starters.create(userId, {
        language: values.language || undefined,
        from: values.sample ? { sample: values.sample } : { template: values.template },
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
