import { apiMessage } from '../../shared/api/api-messages.ts';
import type { ApiScope } from '../../shared/api/api-tokens.ts';
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../http/errors.ts';
import { documentedPath, type ApiRoute } from './routes.ts';

/**
 * Why a caller may not use a route, or null (pure). Browser sessions and
 * anonymous callers pass here (the handler asks for a session where it needs
 * one); an API token passes only a route its scopes allow (ADR 0042).
 */
export function routeRefusal(
  route: ApiRoute,
  token: { scopes: readonly ApiScope[] } | null,
): ApiError | null {
  if (!token || route.access === 'public') return null;
  const where = { method: route.method.toUpperCase(), route: documentedPath(route) };
  if (route.access === 'session')
    return new ApiError('FORBIDDEN', apiMessage('errors.api.tokenNeedsSession', where), {
      requiresSession: true,
    });
  if (token.scopes.includes(route.access)) return null;
  return new ApiError(
    'FORBIDDEN',
    apiMessage('errors.api.tokenScopeMissing', { ...where, scope: route.access }),
    { missingScope: route.access, tokenScopes: [...token.scopes] },
  );
}

/** The auth middleware every registered route runs first: its row's access, checked. */
export const requireRouteAccess =
  (route: ApiRoute) => (req: Request, _res: Response, next: NextFunction) =>
    next(routeRefusal(route, req.apiToken) ?? undefined);
