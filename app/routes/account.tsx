import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ApiTokensPanel } from '../features/account/api-tokens-panel.tsx';
import { useI18n } from '../i18n/index.ts';
import { requireSession } from '../lib/session.server.ts';

export const meta: MetaFunction = () => [{ title: 'Account · Montage' }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireSession(context, request);
  return { user };
}

/** The signed-in person's account: who they are and their personal API tokens. */
export default function Account() {
  const { user } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <section className="page account-page">
      <h1>{t('account.title')}</h1>
      <p className="muted" data-testid="account-identity">
        {t('account.signedInAs', { name: user.name, email: user.email })}
      </p>
      <ApiTokensPanel />
    </section>
  );
}
