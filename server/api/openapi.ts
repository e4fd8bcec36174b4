import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject } from 'zod-openapi';
import { API_SCOPES } from '../../shared/api/api-tokens.ts';
import { API_ROUTES, documentedPath, pathParameters, type ApiRoute } from './routes.ts';

/** The one error shape (http/errors.ts), as the document shows it. */
const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'VALIDATION_FAILED' }),
      key: z.string().meta({ description: 'The message key the UI translates' }),
      params: z.record(z.string(), z.unknown()).optional(),
      message: z.string().meta({ description: 'The English sentence' }),
      details: z.record(z.string(), z.unknown()).optional().meta({
        description:
          'For 422: `fields` (English sentence per field path) and `fieldErrors` (key and params per field); for 429: `retryAfterSec`; for 403 on a token: `missingScope`',
      }),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'Error' });

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

const rateHeaders = {
  'X-RateLimit-Limit': {
    description: 'Requests allowed per window for this token, session or address',
    schema: { type: 'integer' as const },
  },
  'X-RateLimit-Remaining': {
    description: 'Requests left in this window',
    schema: { type: 'integer' as const },
  },
  'X-RateLimit-Reset': {
    description: 'Seconds until the window starts again (a delta, not an epoch)',
    schema: { type: 'integer' as const },
  },
};

const validated = (route: ApiRoute) =>
  Boolean(route.body || route.query || pathParameters(route).length);

function operation(route: ApiRoute): ZodOpenApiOperationObject {
  const params = pathParameters(route);
  const access =
    route.access === 'public'
      ? 'Public: no sign-in needed.'
      : route.access === 'session'
        ? 'Browser session only: API tokens get 403.'
        : `Scope \`${route.access}\` (API tokens), or a browser session.`;
  const success = route.produces
    ? { description: route.answers, content: { [route.produces]: { schema: {} } } }
    : route.status === 204
      ? { description: 'No content' }
      : {
          description: route.answers,
          content: { 'application/json': { schema: z.looseObject({}) } },
        };
  return {
    summary: route.summary,
    description: access,
    operationId: `${route.method}${documentedPath(route).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c?: string) => (c ?? '').toUpperCase())}`,
    tags: [documentedPath(route).split('/')[1] ?? 'api'],
    'x-montage-access': route.access,
    ...(route.access === 'public' ? { security: [] } : {}),
    requestParams: {
      ...(params.length
        ? { path: z.object(Object.fromEntries(params.map((name) => [name, z.string()]))) }
        : {}),
      ...(route.query ? { query: route.query } : {}),
    },
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } }
      : route.consumes
        ? {
            requestBody: {
              required: true,
              content: { [route.consumes]: { schema: { type: 'string', format: 'binary' } } },
            },
          }
        : {}),
    responses: {
      [String(route.status)]: { ...success, headers: rateHeaders },
      ...(validated(route)
        ? { '422': errorResponse('A field is invalid: `details.fields` names each one') }
        : {}),
      ...(route.access !== 'public'
        ? {
            '401': errorResponse('Not signed in, or the token is unknown, revoked or expired'),
            '403': errorResponse(
              'Not allowed: the role, or the API token lacks the scope (`details.missingScope`)',
            ),
          }
        : {}),
      '429': {
        ...errorResponse('Too many requests: wait `Retry-After` seconds'),
        headers: {
          'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
          ...rateHeaders,
        },
      },
    },
  };
}

/** The OpenAPI 3.1 document of API v1, generated from the route table and its zod schemas. */
export function buildOpenApiDocument(routes: readonly ApiRoute[] = API_ROUTES) {
  const paths: Record<string, Record<string, ZodOpenApiOperationObject>> = {};
  for (const route of routes) {
    const path = documentedPath(route);
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Montage API',
      version: '1',
      description:
        'Authenticate with `Authorization: Bearer <token>`: a personal API token (`mnt_…`, created in account settings, limited to its scopes) or a session token from /auth/login. Every answer carries X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset (seconds until the window resets).',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: `Scopes: ${API_SCOPES.join(', ')}`,
        },
      },
    },
    paths,
  });
}

let cached: ReturnType<typeof buildOpenApiDocument> | null = null;
/** The document, built once per process (the table does not change at run time). */
export function openApiDocument() {
  cached ??= buildOpenApiDocument();
  return cached;
}
