import { redirect } from '@remix-run/node';
import type { AppLoadContext } from '@remix-run/node';
import type { SessionInfo } from '../../server/accounts/accounts.ts';
import { clearSessionCookie, sessionCookie } from '../../server/http/session.ts';

/** The signed-in session, or a redirect to the sign-in page that comes back here. */
export function requireSession(context: AppLoadContext, request: Request): SessionInfo {
  if (context.session) return context.session;
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

const isHttps = (request: Request) => new URL(request.url).protocol === 'https:';

/** `Set-Cookie` for a new session, with the same lifetime the API uses. */
export function sessionCookieHeader(context: AppLoadContext, request: Request, token: string) {
  return sessionCookie(token, {
    maxAgeSec: context.services.config.sessionTtlDays * 86_400,
    secure: isHttps(request),
  });
}

export function clearedSessionCookieHeader(request: Request) {
  return clearSessionCookie(isHttps(request));
}

/** Only same-site paths: `/x` yes, `//evil.example` or `https://…` no. */
export function safeRedirectTarget(value: unknown, fallback = '/projects'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) {
    return fallback;
  }
  if (value.startsWith('/\\')) return fallback;
  return value;
}
