import { LOCALES, pickLocale, type Locale } from '../i18n/index.ts';

/** The language a person chose in the header; it wins over the browser's Accept-Language. */
const COOKIE = 'montage_locale';

export function localeFor(request: Request): Locale {
  const chosen = (request.headers.get('cookie') ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1);
  if (chosen && (LOCALES as readonly string[]).includes(chosen)) return chosen as Locale;
  return pickLocale(request.headers.get('accept-language'));
}

export function localeCookieHeader(locale: Locale): string {
  return `${COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
