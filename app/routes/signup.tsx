import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { signupFields } from '../../shared/api/accounts.ts';
import { FormMessage, TextField } from '../components/ui/field.tsx';
import { useI18n } from '../i18n/index.ts';
import { actionFailure, formValues } from '../lib/errors.server.ts';
import { withRedirect } from '../lib/auth-links.ts';
import { failureMessage, fieldError } from '../lib/form-errors.ts';
import { useFormCheck } from '../lib/use-form-check.ts';
import { safeRedirectTarget, sessionCookieHeader } from '../lib/session.server.ts';

// Remix keeps only cookies from an action's headers: pass a 429's Retry-After on.
export { retryAfterHeaders as headers } from '../lib/errors.server.ts';

// Like sign-in, sign-up returns to the page that asked for it (an invitation link, say).
export function loader({ context, request }: LoaderFunctionArgs) {
  if (context.session) {
    throw redirect(safeRedirectTarget(new URL(request.url).searchParams.get('redirectTo')));
  }
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const values = formValues(form, ['name', 'email', 'password', 'redirectTo']);
  try {
    const { name, email, password } = values;
    const result = await context.services.accounts.signup(
      { name, email, password },
      { address: context.clientAddress },
    );
    return redirect(safeRedirectTarget(values.redirectTo), {
      headers: { 'Set-Cookie': sessionCookieHeader(context, request, result.token) },
    });
  } catch (err) {
    return actionFailure(context, err, { name: values.name, email: values.email });
  }
}

export default function Signup() {
  const check = useFormCheck(signupFields, useActionData<typeof action>());
  const { result } = check;
  const [params] = useSearchParams();
  const redirectTo = params.get('redirectTo');
  const navigation = useNavigation();
  const i18n = useI18n();
  const { t } = i18n;
  const busy = navigation.state === 'submitting';
  const kept = result?.ok === false ? result.values : undefined;
  return (
    <section className="panel narrow">
      <h1>{t('auth.signUpTitle')}</h1>
      <Form method="post" className="form" noValidate onSubmit={check.onSubmit}>
        <input type="hidden" name="redirectTo" value={redirectTo ?? ''} />
        <FormMessage message={failureMessage(i18n, result)} />
        <TextField
          label={t('auth.name')}
          name="name"
          autoComplete="name"
          required
          defaultValue={kept?.name}
          error={fieldError(i18n, result, 'name')}
          data-testid="signup-name"
        />
        <TextField
          label={t('auth.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={kept?.email}
          error={fieldError(i18n, result, 'email')}
          data-testid="signup-email"
        />
        <TextField
          label={t('auth.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={t('auth.passwordHint')}
          error={fieldError(i18n, result, 'password')}
          data-testid="signup-password"
        />
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy}
          data-testid="signup-submit"
        >
          {busy ? t('auth.submitting') : t('auth.signUpSubmit')}
        </button>
      </Form>
      <p className="form-footer">
        {t('auth.haveAccount')}{' '}
        <Link to={withRedirect('/login', redirectTo)}>{t('nav.signIn')}</Link>
      </p>
    </section>
  );
}
