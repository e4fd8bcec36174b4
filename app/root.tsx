import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import * as Tooltip from '@radix-ui/react-tooltip';
import type { ReactNode } from 'react';
import { pickLocale, useI18n } from './i18n/index.ts';
import stylesHref from './styles/app.css';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesHref },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const meta: MetaFunction = () => [
  { title: 'Montage' },
  { name: 'viewport', content: 'width=device-width, initial-scale=1' },
];

export function loader({ request, context }: LoaderFunctionArgs) {
  return {
    user: context.session?.user ?? null,
    locale: pickLocale(request.headers.get('accept-language')),
  };
}

export type RootData = ReturnType<typeof loader>;

function Header() {
  const root = useRouteLoaderData<typeof loader>('root');
  const { t } = useI18n();
  const user = root?.user ?? null;
  return (
    <header className="app-header">
      <Link to={user ? '/projects' : '/'} className="brand">
        <span className="brand-mark" aria-hidden>
          ▶
        </span>
        {t('app.name')}
      </Link>
      <nav className="header-nav" aria-label="Main">
        {user ? (
          <>
            <Link to="/projects" className="nav-link">
              {t('nav.projects')}
            </Link>
            <span className="header-user" data-testid="header-user">
              {user.name}
            </span>
            <Form method="post" action="/logout">
              <button type="submit" className="btn btn-quiet" data-testid="sign-out">
                {t('nav.signOut')}
              </button>
            </Form>
          </>
        ) : (
          <>
            <Link to="/login" className="nav-link">
              {t('nav.signIn')}
            </Link>
            <Link to="/signup" className="btn btn-primary btn-small">
              {t('nav.signUp')}
            </Link>
          </>
        )}
      </nav>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>('root');
  const { t } = useI18n();
  return (
    <html lang={root?.locale ?? 'en'}>
      <head>
        <meta charSet="utf-8" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        <Tooltip.Provider delayDuration={300}>
          <Header />
          <main id="main" className="app-main">
            {children}
          </main>
        </Tooltip.Provider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useI18n();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <section className="panel narrow error-panel" data-testid="error-boundary">
      <h1>{notFound ? t('errors.pageNotFound') : t('errors.title')}</h1>
      {notFound ? null : <p>{t('errors.generic')}</p>}
      <p>
        <Link to="/">{t('app.name')}</Link>
      </p>
    </section>
  );
}
