import { data, redirect, type ActionFunctionArgs } from '@remix-run/node';
import { LOCALES, type Locale } from '../i18n/index.ts';
import { localeCookieHeader } from '../lib/locale-cookie.server.ts';

export function loader() {
  throw redirect('/');
}

/** The header's language switch: remembers the choice in a cookie; the page re-renders in it. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = String(form.get('locale') ?? '');
  if (!(LOCALES as readonly string[]).includes(locale)) {
    return data({ error: `Unknown language "${locale}"` }, { status: 400 });
  }
  return data({ locale }, { headers: { 'Set-Cookie': localeCookieHeader(locale as Locale) } });
}
