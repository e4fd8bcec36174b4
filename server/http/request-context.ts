import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    log: Logger;
  }
}

const VALID_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Gives every request an id (a sane incoming X-Request-Id is kept), echoes it, logs the outcome. */
export function requestContext(logger: Logger, metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && VALID_ID.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ requestId: req.id });
    res.setHeader('X-Request-Id', req.id);
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route = routeLabel(req);
      metrics.httpDuration.observe(
        { method: req.method, route, status: String(res.statusCode) },
        seconds,
      );
      if (route === '/healthz' || route === '/metrics') return;
      req.log.info(
        {
          method: req.method,
          path: loggedPath(req.originalUrl),
          status: res.statusCode,
          ms: Math.round(seconds * 1000),
        },
        'request',
      );
    });
    next();
  };
}

/**
 * Paths that carry a secret token: an invitation's, which lets its holder join
 * a project (ADR 0015), and a preview link's, which opens it (ADR 0033).
 */
const TOKEN_PATHS = [
  /^(\/invitations\/)[^/]+/, // the link's page (and its `.data`)
  /^(\/api\/v1\/invitations\/by-token\/)[^/]+/,
  /^(\/s\/)[^/]+/, // a preview link's page (and its `.data`)
  /^(\/api\/v1\/shared\/)[^/]+/,
];

/** The path as logs show it: no query string, no invitation or preview link token. */
export function loggedPath(url: string): string {
  let path = url.split('?')[0] ?? '';
  for (const pattern of TOKEN_PATHS) path = path.replace(pattern, '$1[token]');
  return path;
}

/** A low-cardinality route label for metrics: API routes by pattern, pages as "page", assets as "asset". */
function routeLabel(req: Request): string {
  if (req.route?.path) return `${req.baseUrl}${req.route.path as string}`;
  const path = req.originalUrl.split('?')[0] ?? '';
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return path;
  if (path.startsWith('/build/') || path.startsWith('/assets/') || path.startsWith('/favicon'))
    return 'asset';
  if (path.startsWith('/api/')) return 'api-unmatched';
  return 'page';
}
