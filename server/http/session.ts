import type { NextFunction, Request, Response } from 'express';
import type { Accounts, SessionInfo } from '../accounts/accounts.ts';
import { isApiTokenValue, type ApiTokenCaller, type ApiTokens } from '../accounts/api-tokens.ts';
import { ApiError } from './errors.ts';

export const SESSION_COOKIE = 'montage_session';

declare module 'express-serve-static-core' {
  interface Request {
    session: SessionInfo | null;
    sessionToken: string | null;
    /** Set when the caller authenticated with a personal API token (its scopes apply). */
    apiToken: ApiTokenCaller | null;
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    try {
      out[key] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // ignore a malformed cookie value
    }
  }
  return out;
}

/** The session token from `Authorization: Bearer …` or the session cookie. */
export function sessionToken(headers: {
  authorization?: string | undefined;
  cookie?: string | undefined;
}): string | null {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  return parseCookies(headers.cookie)[SESSION_COOKIE] ?? null;
}

export function sessionCookie(
  token: string,
  options: { maxAgeSec: number; secure: boolean },
): string {
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${options.maxAgeSec}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearSessionCookie(secure: boolean): string {
  return sessionCookie('', { maxAgeSec: 0, secure });
}

/**
 * Resolves the caller's session once per request; routes then call
 * requireSession. Given `apiTokens` (the API only, never pages), a bearer
 * `mnt_…` value is a personal API token: the session is its user's, and
 * `req.apiToken` carries its scopes for the route checks (api/route-access.ts).
 */
export function loadSession(accounts: Accounts, apiTokens?: ApiTokens) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    req.sessionToken = sessionToken(req.headers);
    req.apiToken = null;
    try {
      const token = req.sessionToken;
      if (token && apiTokens && isApiTokenValue(token)) {
        req.apiToken = await apiTokens.authenticate(token);
        req.session = req.apiToken
          ? { sessionId: `api-token:${req.apiToken.tokenId}`, user: req.apiToken.user }
          : null;
      } else {
        req.session = token ? await accounts.authenticate(token) : null;
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}

export function requireSession(req: Request): SessionInfo {
  if (!req.session) throw new ApiError('UNAUTHENTICATED', 'errors.api.signInRequired');
  return req.session;
}
