import { apiMessage } from '../shared/api/api-messages.ts';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { sql } from 'kysely';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import { analysisBodyParser } from './analysis/analyze-script.ts';
import { apiDocsPage } from './api/docs-page.ts';
import { apiRouter, uploadRouter } from './api/router.ts';
import { apiRateLimit } from './http/api-rate-limit.ts';
import { bodyWithin, jsonBody } from './http/body-limits.ts';
import { clientAddress } from './http/client-address.ts';
import { retryAfterHeader } from './http/rate-limit.ts';
import { ApiError, errorBody } from './http/errors.ts';
import { opsRefusal, requestOpsAccess } from './http/ops-access.ts';
import { requestContext } from './http/request-context.ts';
import { refuseCrossSiteWrites } from './http/same-origin.ts';
import { refuseUnsafeUrls } from './http/safe-url.ts';
import { securityHeaders } from './http/security-headers.ts';
import { loadSession } from './http/session.ts';
import { createMetrics } from './metrics.ts';
import type { Services } from './services.ts';

/** What every Remix loader and action receives as `context`. */
declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    services: Services;
    session: Request['session'];
    requestId: string;
    /** The caller's address (clientAddress), for the rate limits actions spend. */
    clientAddress: string;
    /** This response's Content-Security-Policy nonce, for the inline scripts Remix renders. */
    cspNonce: string;
  }
}

const timed = async (check: () => Promise<unknown>) => {
  const start = performance.now();
  try {
    await check();
    return { ok: true, latencyMs: Math.round((performance.now() - start) * 10) / 10 };
  } catch (err) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - start),
      error: (err as Error).message,
    };
  }
};

/** The Express app: security headers, request ids, logs, API v1, ops endpoints, then Remix. */
export function createApp(services: Services, build: ServerBuild | null) {
  const { config, logger, accounts } = services;
  const metrics = createMetrics(
    () => services.collab.metrics(),
    () => services.renderNodes.live(),
  );
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  app.use(requestContext(logger, metrics));
  app.use(securityHeaders(config.publicUrl));
  // NUL, controls and bad encodings in the URL: 400 here, never a 500 from the database (issue 9).
  app.use(refuseUnsafeUrls());
  // Cross-site state changes (CSRF): 403 before any route, session lookup or body (issue 9).
  app.use(refuseCrossSiteWrites(config.publicUrl));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Anonymous callers learn only whether we are ready; operators also see each
  // check and the live render nodes (listed, not checked: readiness is the web
  // process's own, a project can be edited with no node running).
  app.get('/readyz', async (req, res) => {
    const [database, redis, queue] = await Promise.all([
      timed(() => sql`select 1`.execute(services.database.db)),
      timed(() => services.redis.ping()),
      timed(() => services.renderQueue.ready()),
    ]);
    const ready = database.ok && redis.ok && queue.ok;
    const status = ready ? 'ready' : 'unavailable';
    if (requestOpsAccess(req, config) !== 'granted') {
      res.status(ready ? 200 : 503).json({ status });
      return;
    }
    const nodes = redis.ok ? await services.renderNodes.readiness().catch(() => null) : null;
    res.status(ready ? 200 : 503).json({ status, checks: { database, redis, queue }, nodes });
  });
  app.get('/metrics', async (req, res, next) => {
    const access = requestOpsAccess(req, config);
    if (access !== 'granted') return next(opsRefusal(access));
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  // The session first: no body is read before we know who sends it (http/body-limits.ts).
  // Personal API tokens authenticate the API only (never pages): ADR 0042.
  app.use('/api/v1', loadSession(accounts, services.apiTokens));
  // Every API answer carries X-RateLimit-*; past the limit, 429 (shared through Redis).
  app.use('/api/v1', apiRateLimit(services.apiLimits, config.trustProxy));
  // Uploads stream their own bodies, after the session and role checks: ahead of the JSON parser.
  app.use('/api/v1', uploadRouter(services));
  // Scripts up to 1 MB of text: the analysis route parses its body first, with its own limit.
  app.use('/api/v1/analysis', analysisBodyParser());
  app.use('/api/v1', jsonBody(config.maxBodyBytes), apiRouter(services));
  // The API reference for people: routes, scopes and schemas, rendered from the OpenAPI document.
  app.get('/api/docs', (_req, res) => {
    res.type('html').send(apiDocsPage(res.locals.cspNonce as string));
  });
  app.use('/api', (req, _res, next) =>
    next(
      new ApiError(
        'NOT_FOUND',
        apiMessage('errors.api.noApiRoute', { method: req.method, path: req.originalUrl }),
      ),
    ),
  );

  if (build) {
    const publicDir = path.resolve('public');
    app.use(
      '/build',
      express.static(path.join(publicDir, 'build'), { immutable: true, maxAge: '1y' }),
    );
    app.use(express.static(publicDir, { maxAge: '1h' }));
  }
  // Remix actions read their own form bodies: their size is checked here, by
  // session, before anything reads them (and before a 404 would drain them).
  app.use(loadSession(accounts));
  app.use(bodyWithin(config.maxBodyBytes));
  if (build) {
    app.all(
      '*',
      createRequestHandler({
        build,
        mode: 'production',
        getLoadContext: (req, res) => ({
          services,
          session: req.session,
          requestId: req.id,
          clientAddress: clientAddress(req, config.trustProxy),
          cspNonce: res.locals.cspNonce,
        }),
      }),
    );
  }

  app.use(apiErrorHandler);
  return app;
}

/** Renders any error as the one API error shape; unexpected errors are logged, not leaked. */
export function apiErrorHandler(err: unknown, req: Request, res: Response, _next: NextFunction) {
  let apiError: ApiError;
  const e = err as { type?: string; status?: number; message?: string };
  if (err instanceof ApiError) apiError = err;
  else if (e?.type === 'entity.too.large')
    apiError = new ApiError('PAYLOAD_TOO_LARGE', 'errors.api.bodyTooLarge');
  else if (e?.type === 'entity.parse.failed')
    apiError = new ApiError('MALFORMED_JSON', 'errors.api.malformedJson');
  else if (
    e?.status === 400 ||
    e?.type === 'encoding.unsupported' ||
    e?.type === 'charset.unsupported'
  )
    apiError = new ApiError(
      'BAD_REQUEST',
      apiMessage('errors.api.badRequest', { reason: e.message ?? 'Bad request' }),
    );
  else {
    req.log?.error({ err }, 'unhandled error');
    apiError = new ApiError('INTERNAL', 'errors.api.internal');
  }
  if (res.headersSent) return;
  const retryAfter = retryAfterHeader(apiError);
  if (retryAfter) res.setHeader('Retry-After', retryAfter);
  res.status(apiError.status).json(errorBody(apiError, req.id));
}
