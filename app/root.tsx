// First of all: the browser's libraries learn the page's CSP before any of them runs.
import './lib/browser-csp-setup.ts';
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
  useFetcher,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import * as Tooltip from '@radix-ui/react-tooltip';
import { useEffect, type ReactNode } from 'react';
import { LOCALES, useI18n } from './i18n/index.ts';
import { useCspNonce } from './lib/csp-nonce.tsx';
import { RenderNotices } from './features/renders/render-notices.tsx';
import { NotificationBell } from './features/notifications/notification-bell.tsx';
import { localeFor } from './lib/locale-cookie.server.ts';
import stylesHref from './styles/app.css';
import editorStylesHref from './styles/editor.css';
import panelStylesHref from './styles/panels.css';
import timelineStylesHref from './styles/timeline.css';
import firstRunStylesHref from './styles/first-run.css';
import shareStylesHref from './styles/share.css';
import theatreStylesHref from './styles/theatre.css';
import reviewStylesHref from './styles/review.css';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesHref },
  { rel: 'stylesheet', href: editorStylesHref },
  { rel: 'stylesheet', href: timelineStylesHref },
  { rel: 'stylesheet', href: panelStylesHref },
  { rel: 'stylesheet', href: firstRunStylesHref },
  { rel: 'stylesheet', href: shareStylesHref },
  { rel: 'stylesheet', href: theatreStylesHref },
  { rel: 'stylesheet', href: reviewStylesHref },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const meta: MetaFunction = () => [
  { title: 'Montage' },
  { name: 'viewport', content: 'width=device-width, initial-scale=1' },
];

export function loader({ request, context }: LoaderFunctionArgs) {
  return {
    user: context.session?.user ?? null,
    locale: localeFor(request),
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
        <LanguageSwitch />
        {user ? (
          <>
            <Link to="/projects" className="nav-link">
              {t('nav.projects')}
            </Link>
            <NotificationBell />
            <Link to="/account" className="nav-link" data-testid="nav-account">
              {t('nav.account')}
            </Link>
            <span className="header-user" data-testid="header-user">
              {user.name}
            </span>
            <Form
              method="post"
              action="/logout"
              onSubmit={() => navigator.serviceWorker?.controller?.postMessage('forget')}
            >
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

function BareHeader() {
  const { t } = useI18n();
  return (
    <header className="app-header">
      <span className="brand">
        <span className="brand-mark" aria-hidden>
          ▶
        </span>
        {t('app.name')}
      </span>
      <nav className="header-nav" aria-label="Main">
        <LanguageSwitch />
      </nav>
    </header>
  );
}

/** The UI language: follows the browser until someone picks one here. */
function LanguageSwitch() {
  const root = useRouteLoaderData<typeof loader>('root');
  const fetcher = useFetcher();
  const { t } = useI18n();
  const current = root?.locale ?? 'en';
  return (
    <fetcher.Form
      method="post"
      action="/locale"
      className="language-switch"
      aria-label={t('editor.language')}
    >
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          className="lang-option"
          aria-pressed={locale === current}
          data-testid={`language-${locale}`}
        >
          {LANGUAGE_NAMES[locale]}
        </button>
      ))}
    </fetcher.Form>
  );
}

const LANGUAGE_NAMES: Record<(typeof LOCALES)[number], string> = { en: 'English', fr: 'Français' };

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>('root');
  const { t } = useI18n();
  const nonce = useCspNonce();
  // Pages opened without an account (a preview link) show no sign-in links, only the language.
  const bare = useMatches().some(
    (match) => (match.handle as { bareLayout?: boolean } | undefined)?.bareLayout,
  );
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
          {bare ? <BareHeader /> : <Header />}
          <main id="main" className="app-main">
            {children}
          </main>
        </Tooltip.Provider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useServiceWorker();
  const root = useRouteLoaderData<typeof loader>('root');
  return (
    <>
      <Outlet />
      {/* Render toasts and the tab title follow the person's renders on every signed-in page. */}
      {root?.user ? <RenderNotices /> : null}
    </>
  );
}

/**
 * Registers public/sw.js, which lets an open project reload offline (pages and
 * UI assets only). The page and the assets it loaded before the worker took
 * control are handed to it, so the first visit can already reload offline.
 */
function useServiceWorker() {
  const { pathname, search } = useLocation();
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Not allowed here (private mode, http on another host): the app works online without it.
    });
  }, []);
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    void navigator.serviceWorker.ready.then((registration) => {
      const assets = performance.getEntriesByType('resource').map((entry) => entry.name);
      registration.active?.postMessage({
        type: 'keep',
        page: new URL(pathname + search, location.origin).href,
        assets,
      });
    });
  }, [pathname, search]);
}

export function ErrorBoundary() {
  const error = useRouteError();
  const root = useRouteLoaderData<typeof loader>('root');
  const { t } = useI18n();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const signedIn = Boolean(root?.user);
  return (
    <section
      className="panel narrow error-panel"
      data-testid="error-boundary"
      data-status={notFound ? 404 : 500}
    >
      <h1>{notFound ? t('errors.pageNotFound') : t('errors.title')}</h1>
      {notFound ? null : <p>{t('errors.generic')}</p>}
      <p>
        {/* Someone signed in goes back to their projects; anyone else to the landing page. */}
        {signedIn ? (
          <Link to="/projects" className="btn" data-testid="error-to-projects">
            {t('ended.backToProjects')}
          </Link>
        ) : (
          <Link to="/" data-testid="error-to-home">
            {t('app.name')}
          </Link>
        )}
      </p>
    </section>
  );
}
