import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { clearedSessionCookieHeader } from '../lib/session.server.ts';

export function loader() {
  throw redirect('/');
}

/** Revokes the session everywhere: the database row and every open collab socket. */
export async function action({ request, context }: ActionFunctionArgs) {
  const session = context.session;
  if (session) {
    await context.services.accounts.revokeSession(session.sessionId);
    await context.services.collab.revokeSession(session.sessionId);
  }
  return redirect('/', { headers: { 'Set-Cookie': clearedSessionCookieHeader(request) } });
}
