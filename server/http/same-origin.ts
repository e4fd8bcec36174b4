import { apiMessage, type ApiMessage } from '../../shared/api/api-messages.ts';
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './errors.ts';
import { parseCookies, SESSION_COOKIE } from './session.ts';

/** Methods that never change state: nothing to refuse (they must stay that way). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * `Sec-Fetch-Site` values a state change may carry. `same-site` is refused
 * too: a sibling subdomain (another app, user content on the same domain)
 * is another origin with its own scripts, and the session cookie
 * (`SameSite=Lax`) would ride along. `none` is a request the user started
 * (address bar, bookmark): no page made it.
 */
const TRUSTED_FETCH_SITES = new Set(['same-origin', 'none']);

/** What `crossSiteRefusal` needs of a request; every field is as received. */
export interface WriteRequest {
  method: string;
  /** The `Sec-Fetch-Site` header. */
  fetchSite: string | undefined;
  /** The `Origin` header. */
  origin: string | undefined;
  /** Montage's own origin, `https://montage.example` (see `ownOrigin`). */
  ownOrigin: string;
  /** The host the request is addressed to: `X-Forwarded-Host`, else `Host` (Remix compares these). */
  addressedHost: string | undefined;
  /** Whether the request carries the session cookie (a bearer token is not ambient: no CSRF). */
  hasSessionCookie: boolean;
}

/**
 * Why a state change must be refused as cross-site, or null to let it
 * through (pure). A browser tells where a request comes from with
 * `Sec-Fetch-Site` (every current browser) and `Origin` (every browser on
 * every non-GET request for years); a request may pass only when each one
 * present says "this origin". A request with neither is not from a current
 * browser: an API client with a bearer token, curl. It passes unless it
 * carries the session cookie, which only a browser (an old one) would send.
 */
export function crossSiteRefusal(request: WriteRequest): ApiMessage | null {
  if (SAFE_METHODS.has(request.method)) return null;
  const { fetchSite, origin, ownOrigin, addressedHost } = request;
  const foreign = foreignSource({ fetchSite, origin }, ownOrigin, (from) => from === ownOrigin);
  if (foreign) return foreign;
  if (origin !== undefined) {
    // Remix refuses an action whose Origin names another host than the one
    // addressed, with a 500 and a logged stack (server-runtime actions.js):
    // refuse it here, with its reason, so that never happens.
    if (new URL(origin).host !== addressedHost) {
      return apiMessage('errors.api.crossSite.hostMismatch', {
        origin,
        host: addressedHost ?? 'no host',
      });
    }
    return null;
  }
  if (fetchSite === undefined && request.hasSessionCookie) {
    return apiMessage('errors.api.crossSite.noSource');
  }
  return null;
}

/**
 * Why a browser says a request comes from another site, or null (pure): the
 * one rule for state changes and for the collaboration socket's upgrade.
 * `Sec-Fetch-Site`, when present, must be one we trust; `Origin`, when
 * present, must be a web origin `isOurs` accepts (`null`, `file:` and
 * garbage never are). A request with neither is judged by the caller.
 */
export function foreignSource(
  source: { fetchSite: string | undefined; origin: string | undefined },
  ownLabel: string,
  isOurs: (origin: string, url: URL) => boolean,
): ApiMessage | null {
  const { fetchSite, origin } = source;
  if (fetchSite !== undefined && !TRUSTED_FETCH_SITES.has(fetchSite)) {
    return apiMessage('errors.api.crossSite.fetchSite', { fetchSite });
  }
  if (origin === undefined) return null;
  const url = webOrigin(origin);
  return url && isOurs(url.origin, url)
    ? null
    : apiMessage('errors.api.crossSite.foreignOrigin', { origin, own: ownLabel });
}

/** An `Origin` header as a URL when it names an http(s) origin; null for `null`, `file://`, garbage. */
function webOrigin(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * Montage's own origin: PUBLIC_URL's when it is set, else the one the
 * request was addressed to (protocol and host as Express reads them, which
 * honours `trust proxy` for X-Forwarded-Proto and X-Forwarded-Host).
 */
export function ownOrigin(req: Request, publicUrl: string | undefined): string {
  if (publicUrl) return new URL(publicUrl).origin;
  const forwarded = req.app.get('trust proxy') ? firstForwardedHost(req) : undefined;
  return `${req.protocol}://${forwarded ?? req.get('host') ?? 'localhost'}`;
}

/** The first X-Forwarded-Host entry: the host the client asked for (as Express and Remix read it). */
function firstForwardedHost(req: Request): string | undefined {
  return req.get('x-forwarded-host')?.split(',')[0]?.trim() || undefined;
}

/** The host Remix compares an action's Origin with: X-Forwarded-Host, trusted or not, else Host. */
function addressedHost(req: Request): string | undefined {
  return firstForwardedHost(req) ?? req.get('host');
}

/**
 * Express middleware on every request (API, uploads, Remix actions): a
 * cross-site state change answers 403 `CROSS_SITE_REQUEST` before any
 * route, session lookup or body read.
 */
export function refuseCrossSiteWrites(publicUrl: string | undefined) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const refusal = crossSiteRefusal({
      method: req.method,
      fetchSite: req.get('sec-fetch-site'),
      origin: req.get('origin'),
      ownOrigin: ownOrigin(req, publicUrl),
      addressedHost: addressedHost(req),
      hasSessionCookie: parseCookies(req.get('cookie'))[SESSION_COOKIE] !== undefined,
    });
    next(refusal ? new ApiError('CROSS_SITE_REQUEST', refusal) : undefined);
  };
}
