// The route's action, apart from the route so that its dialogs can read the result type
// (useFetcher<typeof action>) without importing the route that renders them.
import { data, type ActionFunctionArgs } from '@remix-run/node';
import { actionFailure, formValues } from '../../lib/errors.server.ts';
import { requireSession } from '../../lib/session.server.ts';

const INTENTS = ['setRole', 'removeMember', 'invite', 'revokeInvitation'] as const;
type Intent = (typeof INTENTS)[number];

export async function action({ params, request, context }: ActionFunctionArgs) {
  const session = requireSession(context, request);
  const { projects, invitations } = context.services;
  const projectId = params.projectId ?? '';
  const form = await request.formData();
  const values = formValues(form, ['intent', 'email', 'role', 'userId', 'invitationId']);
  const intent = values.intent as Intent;
  if (!INTENTS.includes(intent)) throw data({ message: 'Unknown action' }, { status: 400 });
  try {
    const userId = session.user.id;
    if (intent === 'invite') {
      const sent = await invitations.invite(userId, projectId, {
        email: values.email,
        role: values.role,
      });
      // The link is shown once, to the owner, who sends it themselves.
      const { email, expiresAt } = sent.invitation;
      return { ok: true as const, email, expiresAt, link: sent.link };
    }
    if (intent === 'setRole') {
      await projects.setRole(userId, projectId, values.userId, { role: values.role });
    } else if (intent === 'revokeInvitation') {
      await invitations.revoke(userId, projectId, values.invitationId);
    } else {
      await projects.removeMember(userId, projectId, values.userId);
    }
    return { ok: true as const };
  } catch (err) {
    return actionFailure(context, err, { email: values.email, role: values.role });
  }
}
