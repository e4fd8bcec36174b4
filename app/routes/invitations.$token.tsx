import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormMessage } from '../components/ui/field.tsx';
import { useI18n } from '../i18n/index.ts';
import { actionFailure, isApiError } from '../lib/errors.server.ts';
import { failureMessage } from '../lib/form-errors.ts';
import { requireSession } from '../lib/session.server.ts';

export const meta: MetaFunction = () => [
  { title: 'Invitation · Montage' },
  // The path holds a secret: keep it out of search engines.
  { name: 'robots', content: 'noindex' },
];

/**
 * The page an invitation link opens. Signed out, it goes to sign-in and comes
 * back; signed in, it shows the project and who sent it, and joins only when
 * the Accept button is pressed (ADR 0015).
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const session = requireSession(context, request);
  try {
    const preview = await context.services.invitations.preview(session.user, params.token ?? '');
    return { usable: true as const, ...preview };
  } catch (err) {
    if (!isApiError(err) || (err.status !== 404 && err.status !== 410)) throw err;
    return data(
      {
        usable: false as const,
        code: err.code,
        message: err.message,
        key: err.key,
        params: err.params,
      },
      { status: err.status },
    );
  }
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const session = requireSession(context, request);
  try {
    const { project } = await context.services.invitations.acceptByToken(
      session.user,
      params.token ?? '',
    );
    return redirect(`/projects/${project.id}`);
  } catch (err) {
    return actionFailure(context, err);
  }
}

export default function InvitationPage() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const i18n = useI18n();
  const { t } = i18n;
  if (!loaded.usable) {
    return (
      <section className="panel narrow" data-testid="invitation-unusable" data-code={loaded.code}>
        <h1>{t('invitations.unusable')}</h1>
        <p>{loaded.code === 'NOT_FOUND' ? t('invitations.notFound') : i18n.sent(loaded)}</p>
        <Link to="/projects" className="btn">
          {t('ended.backToProjects')}
        </Link>
      </section>
    );
  }
  const { invitation, alreadyMember } = loaded;
  const { title } = invitation.project;
  return (
    <section className="panel narrow" data-testid="invitation-page">
      <h1>{t('invitations.joinTitle', { title })}</h1>
      <p>
        {t('invitations.fromTo', {
          name: invitation.invitedBy.name,
          title,
          role: t(`projects.role.${invitation.role}`),
        })}
      </p>
      <p className="muted" suppressHydrationWarning>
        {t('invitations.expiresOn', { date: i18n.date(invitation.expiresAt) })}
      </p>
      {alreadyMember ? (
        <>
          <p>{t('invitations.alreadyMember')}</p>
          <Link to={`/projects/${invitation.project.id}`} className="btn btn-primary">
            {t('invitations.openProject')}
          </Link>
        </>
      ) : (
        <Form method="post" className="form">
          <FormMessage message={failureMessage(i18n, result)} />
          <div className="dialog-actions">
            <Link to="/projects" className="btn">
              {t('projects.cancel')}
            </Link>
            <button
              type="submit"
              className="btn btn-primary"
              disabled={navigation.state === 'submitting'}
              data-testid="invitation-page-accept"
            >
              {t('invitations.accept')}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}
