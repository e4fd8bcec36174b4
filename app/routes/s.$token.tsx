import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { LinkUnavailable, SharedPage } from '../features/share/shared-page.tsx';
import { linkEndOf } from '../features/share/shared-link.ts';
import { isApiError } from '../lib/errors.server.ts';

/** No app header (no sign-in links) on a page people open without an account. */
export const handle = { bareLayout: true };

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded?.open ? `${loaded.view.project.title} · Montage` : 'Montage' },
  // The path holds a secret: keep it out of search engines.
  { name: 'robots', content: 'noindex' },
];

/**
 * The page a preview link opens (issue 13). Opening it counts a view; an
 * unknown link answers 404 and a revoked or expired one 410, each with a page
 * that says the link is no longer available.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = params.token ?? '';
  try {
    const view = await context.services.shareLinks.view(token, {
      address: context.clientAddress,
    });
    return data({ open: true as const, token, view }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    if (!isApiError(err) || (err.status !== 404 && err.status !== 410)) throw err;
    return data(
      { open: false as const, reason: linkEndOf({ error: { details: err.details } }) },
      { status: err.status, headers: { 'Cache-Control': 'no-store' } },
    );
  }
}

export default function SharedRoute() {
  const loaded = useLoaderData<typeof loader>();
  if (!loaded.open) return <LinkUnavailable reason={loaded.reason} />;
  return <SharedPage key={loaded.token} token={loaded.token} view={loaded.view} />;
}
