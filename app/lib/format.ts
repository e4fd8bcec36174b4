/**
 * Locale-aware formatting of durations, clocks and relative times for the UI
 * (locales 'en' and 'fr'). Pure and Intl based: the same on the server and in
 * the browser, so server-rendered text matches the hydrated one.
 */

const numberFormats = new Map<string, Intl.NumberFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached<T>(cache: Map<string, T>, locale: string, make: () => T): T {
  let value = cache.get(locale);
  if (!value) {
    value = make();
    cache.set(locale, value);
  }
  return value;
}

const tenths = (locale: string) =>
  cached(
    numberFormats,
    locale,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: 1, useGrouping: false }),
  );

const pad = (n: number) => String(n).padStart(2, '0');

/** A non-negative, finite number of seconds. */
const clean = (sec: number) => (Number.isFinite(sec) && sec > 0 ? sec : 0);

/**
 * "4 s", "4.5 s" ("4,5 s" in French) under a minute; "2 min 05 s" under an
 * hour; "1 h 02 min" beyond (seconds rounded to the nearest unit shown).
 */
export function formatDuration(sec: number, locale: string): string {
  const value = clean(sec);
  const rounded = Math.round(value * 10) / 10;
  if (rounded < 60) return `${tenths(locale).format(rounded)} s`;
  const seconds = Math.round(value);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${pad(seconds % 60)} s`;
  const minutes = Math.round(value / 60);
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`;
}

/** A playback clock: "0:04", "1:05", "1:02:03" (whole seconds, rounded down). */
export function formatClock(sec: number, _locale: string): string {
  const total = Math.floor(clean(sec) + 1e-6);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "2 minutes ago" / "il y a 2 minutes", "yesterday" / "hier", "now" /
 * "maintenant"; more than 7 days away, the date ("21 Nov 2025" / "21 nov.
 * 2025"). A time a few seconds ahead (clock skew) reads as now.
 */
export function formatRelativeTime(iso: string, now: Date, locale: string): string {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return iso;
  let diff = (time - now.getTime()) / 1000;
  if (diff > 0 && diff < MINUTE) diff = 0;
  const abs = Math.abs(diff);
  if (abs > 7 * DAY) {
    return cached(
      dateFormats,
      locale,
      () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }),
    ).format(time);
  }
  const relative = cached(
    relativeFormats,
    locale,
    () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
  );
  // Math.trunc(-0.5) is -0, which Intl reads as "now" / "maintenant" too.
  if (abs < MINUTE) return relative.format(Math.trunc(diff) || 0, 'second');
  if (abs < HOUR) return relative.format(Math.trunc(diff / MINUTE), 'minute');
  if (abs < DAY) return relative.format(Math.trunc(diff / HOUR), 'hour');
  return relative.format(Math.trunc(diff / DAY), 'day');
}

/** "12.5 MB", "830 kB" in the locale (decimal units, as disks and quotas count). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
