import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Router } from 'express';
import { API_SCOPES } from '../../shared/api/api-tokens.ts';
import type { Services } from '../services.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { routeRefusal } from './route-access.ts';
import { apiRouter, uploadRouter } from './router.ts';
import { API_ROUTES, apiRoute, documentedPath, routeKey, type ApiRoute } from './routes.ts';

/** Every route the Express routers register, as `METHOD path` keys (walking their stacks). */
function registeredRoutes(...routers: Router[]): string[] {
  const keys: string[] = [];
  for (const router of routers) {
    for (const layer of router.stack as {
      route?: { path: string | RegExp; methods: Record<string, boolean> };
    }[]) {
      if (!layer.route) continue;
      for (const method of Object.keys(layer.route.methods))
        keys.push(routeKey(method, layer.route.path));
    }
  }
  return keys.sort();
}

// Building the routers only reads config; the handlers are never called here.
const services = { config: { sessionTtlDays: 30 } } as unknown as Services;
const registered = registeredRoutes(apiRouter(services), uploadRouter(services));
const tabled = API_ROUTES.map((r) => routeKey(r.method, r.path)).sort();

describe('the API route table', () => {
  test('every route the router registers has a row, and every row is registered', () => {
    assert.deepEqual(registered, tabled);
  });

  test('each route is registered once and documented once', () => {
    assert.equal(new Set(tabled).size, tabled.length);
    const documented = Object.entries(buildOpenApiDocument().paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item as object)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    const expected = API_ROUTES.map((r) => `${r.method.toUpperCase()} ${documentedPath(r)}`);
    assert.deepEqual(documented.sort(), expected.sort());
  });

  test('a route missing from the table cannot be registered', () => {
    assert.throws(() => apiRoute('post', '/projects/:id/nowhere'), /not in API_ROUTES/);
  });

  test('routes with schemas document their 422 with the error shape', () => {
    const doc = buildOpenApiDocument();
    const commit = doc.paths?.['/projects/{id}/revisions']?.post;
    const invalid = commit?.responses?.['422'] as { content: Record<string, { schema: unknown }> };
    assert.deepEqual(invalid.content['application/json']!.schema, {
      $ref: '#/components/schemas/Error',
    });
    assert.ok(doc.components?.schemas?.Error);
    assert.equal(doc.openapi, '3.1.0');
  });
});

describe('route access for API tokens', () => {
  const byAccess = (access: ApiRoute['access']) => API_ROUTES.filter((r) => r.access === access);

  test('browser sessions and anonymous callers are not judged here', () => {
    for (const route of API_ROUTES) assert.equal(routeRefusal(route, null), null);
  });

  test('a token passes exactly the routes of its scopes and public ones', () => {
    for (const scope of API_SCOPES) {
      for (const route of API_ROUTES) {
        const refusal = routeRefusal(route, { scopes: [scope] });
        const allowed = route.access === 'public' || route.access === scope;
        assert.equal(
          refusal === null,
          allowed,
          `${scope} on ${routeKey(route.method, route.path)}`,
        );
        if (refusal && route.access !== 'session') {
          assert.equal(refusal.status, 403);
          assert.equal(refusal.details?.missingScope, route.access);
          assert.match(refusal.message, new RegExp(route.access));
        }
      }
    }
  });

  test('no token reaches a session-only route, whatever its scopes', () => {
    for (const route of byAccess('session')) {
      const refusal = routeRefusal(route, { scopes: [...API_SCOPES] });
      assert.equal(refusal?.key, 'errors.api.tokenNeedsSession');
    }
    assert.ok(byAccess('session').some((r) => r.path === '/tokens'));
  });
});
