import { API_SCOPES } from '../../shared/api/api-tokens.ts';
import { API_ROUTES, documentedPath, pathParameters, type ApiRoute } from './routes.ts';
import { openApiDocument } from './openapi.ts';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const accessLabel = (route: ApiRoute) =>
  route.access === 'public'
    ? 'public'
    : route.access === 'session'
      ? 'browser session only'
      : `scope ${route.access}`;

/** The JSON Schema the document shows for a route's body or query (from its zod schema). */
function schemaOf(route: ApiRoute): unknown {
  const operation = (openApiDocument().paths?.[documentedPath(route)] as Record<string, unknown>)?.[
    route.method
  ] as
    | {
        requestBody?: { content?: Record<string, { schema?: unknown }> };
        parameters?: { in: string; name: string; schema?: unknown }[];
      }
    | undefined;
  const body = operation?.requestBody?.content?.['application/json']?.schema;
  const query = operation?.parameters?.filter((p) => p.in === 'query');
  if (body) return body;
  if (query?.length) return Object.fromEntries(query.map((p) => [p.name, p.schema]));
  return null;
}

/**
 * GET /api/docs: the API reference for people, server-rendered from the
 * route table and the generated document (self-contained: one nonce'd
 * style element, no script, nothing from elsewhere; the CSP allows no more).
 */
export function apiDocsPage(nonce: string): string {
  const rows = API_ROUTES.map((route) => {
    const schema = schemaOf(route);
    const params = pathParameters(route);
    return `<section class="route" id="${escapeHtml(`${route.method}-${documentedPath(route)}`)}">
  <h3><span class="method ${route.method}">${route.method.toUpperCase()}</span> <code>/api/v1${escapeHtml(documentedPath(route))}</code></h3>
  <p>${escapeHtml(route.summary)}</p>
  <dl>
    <dt>Access</dt><dd>${escapeHtml(accessLabel(route))}</dd>
    ${params.length ? `<dt>Path parameters</dt><dd>${params.map((p) => `<code>${escapeHtml(p)}</code>`).join(', ')}</dd>` : ''}
    <dt>Answers</dt><dd>${route.status} ${escapeHtml(route.answers)}</dd>
  </dl>
  ${schema ? `<details><summary>${route.body ? 'Request body' : 'Query'} schema</summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>` : ''}
</section>`;
  }).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Montage API reference</title>
<style nonce="${escapeHtml(nonce)}">
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; }
  code, pre { font-family: ui-monospace, monospace; }
  pre { background: #f4f4f6; padding: .75rem; overflow: auto; border-radius: 6px; }
  .route { border-top: 1px solid #ddd; padding: .5rem 0; }
  .method { display: inline-block; min-width: 4.5rem; font-size: .8rem; padding: .1rem .4rem; border-radius: 4px; background: #e8e8ee; }
  .get { background: #e3f1ff; } .post { background: #e5f6e8; } .delete { background: #fde8e8; } .patch, .put { background: #fff3dc; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .3rem 0; }
  dt { color: #555; }
  a:focus-visible, summary:focus-visible { outline: 2px solid #3b6fd8; outline-offset: 2px; }
</style>
</head>
<body>
<h1>Montage API v1</h1>
<p>The machine-readable description is <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1, generated from the schemas that validate requests).</p>
<h2>Authentication</h2>
<p>Send <code>Authorization: Bearer &lt;token&gt;</code> with a personal API token (<code>mnt_…</code>, created in account settings) or a session token from <code>POST /api/v1/auth/login</code>. A token may call the routes its scopes allow: ${API_SCOPES.map((s) => `<code>${s}</code>`).join(', ')}; otherwise 403 naming the missing scope. Revoked, expired or unknown tokens get 401.</p>
<h2>Rate limits</h2>
<p>Every answer carries <code>X-RateLimit-Limit</code>, <code>X-RateLimit-Remaining</code> and <code>X-RateLimit-Reset</code> (seconds until the window starts again). Past the limit: 429 with <code>Retry-After</code>.</p>
<h2>Errors</h2>
<p>Every error is <code>{"error": {"code", "key", "params", "message", "details", "requestId"}}</code>; an invalid field is 422 <code>VALIDATION_FAILED</code> with <code>details.fields</code>.</p>
<h2>Routes</h2>
${rows}
</body>
</html>`;
}
