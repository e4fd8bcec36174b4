import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { loginSchema } from '../../shared/api/accounts.ts';
import { FormMessage, TextField } from '../components/ui/field.tsx';
import { useI18n } from '../i18n/index.ts';
import { actionFailure, formValues } from '../lib/errors.server.ts';
import { withRedirect } from '../lib/auth-links.ts';
import { failureMessage, fieldError } from '../lib/form-errors.ts';
import { useFormCheck } from '../lib/use-form-check.ts';
import { safeRedirectTarget, sessionCookieHeader } from '../lib/session.server.ts';

// Remix keeps only cookies from an action's headers: pass a 429's Retry-After on.
export { retryAfterHeaders as headers } from '../lib/errors.server.ts';

export function loader({ context, request }: LoaderFunctionArgs) {
  if (context.session) {
    throw redirect(safeRedirectTarget(new URL(request.url).searchParams.get('redirectTo')));
  }
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const values = formValues(form, ['email', 'password', 'redirectTo']);
  try {
    const result = await context.services.accounts.login(
      { email: values.email, password: values.password },
      { address: context.clientAddress },
    );
    return redirect(safeRedirectTarget(values.redirectTo), {
      headers: { 'Set-Cookie': sessionCookieHeader(context, request, result.token) },
    });
  } catch (err) {
    // The password is never sent back; with JavaScript the field keeps it anyway.
    return actionFailure(context, err, { email: values.email });
  }
}

export default function Login() {
  const check = useFormCheck(loginSchema, useActionData<typeof action>());
  const { result } = check;
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const i18n = useI18n();
  const { t } = i18n;
  const busy = navigation.state === 'submitting';
  return (
    <section className="panel narrow">
      <h1>{t('auth.signInTitle')}</h1>
      <Form method="post" className="form" noValidate onSubmit={check.onSubmit}>
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <FormMessage message={failureMessage(i18n, result)} />
        <TextField
          label={t('auth.email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={result?.ok === false ? result.values.email : undefined}
          error={fieldError(i18n, result, 'email')}
          data-testid="login-email"
        />
        <TextField
          label={t('auth.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldError(i18n, result, 'password')}
          data-testid="login-password"
        />
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy}
          data-testid="login-submit"
        >
          {busy ? t('auth.submitting') : t('auth.signInSubmit')}
        </button>
      </Form>
      <p className="form-footer">
        {t('auth.noAccount')}{' '}
        <Link
          to={withRedirect('/signup', params.get('redirectTo'))}
          data-testid="login-signup-link"
        >
          {t('nav.signUp')}
        </Link>
      </p>
    </section>
  );
}
