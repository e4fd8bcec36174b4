import type { RenderRecord } from '../../shared/api/renders.ts';
import { isTerminalState, type TERMINAL_STATES } from '../../shared/render/render-job-machine.ts';

/**
 * The renders this browser queued and still follows, wherever the person
 * goes in the app: kept in localStorage (every tab of the app sees them) so a
 * toast can say when one ends, and the tab title can show its progress.
 */
export interface WatchedRender {
  id: string;
  projectId: string;
  /** The project's title when the render was queued (for the toast and the tab title). */
  title: string;
}

export const WATCHED_RENDERS_KEY = 'montage:watched-renders';
/** Fired on window when this tab adds a watched render (the storage event covers other tabs). */
export const WATCH_EVENT = 'montage:watch-render';
/** At most this many renders are followed; the oldest is dropped past it. */
const MAX_WATCHED = 20;

const isWatched = (value: unknown): value is WatchedRender => {
  const v = value as Partial<WatchedRender> | null;
  return (
    !!v &&
    typeof v.id === 'string' &&
    /^[a-z0-9]{1,64}$/.test(v.id) &&
    typeof v.projectId === 'string' &&
    /^[a-z0-9]{1,64}$/.test(v.projectId) &&
    typeof v.title === 'string'
  );
};

/** The stored list, ignoring anything that is not a watched render (storage is user-editable). */
export function parseWatched(raw: string | null): WatchedRender[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter(isWatched).slice(-MAX_WATCHED) : [];
  } catch {
    return [];
  }
}

/** The list with `render` added once (at the end), the oldest dropped past the limit. */
export function withWatched(list: WatchedRender[], render: WatchedRender): WatchedRender[] {
  return [...list.filter((r) => r.id !== render.id), render].slice(-MAX_WATCHED);
}

/** The tab title while renders are live: the least advanced one's percentage, "42% · Harbour lights". */
export function progressTitle(
  live: readonly { fraction: number; title: string }[],
  baseTitle: string,
): string {
  if (!live.length) return baseTitle;
  const slowest = live.reduce((a, b) => (b.fraction < a.fraction ? b : a));
  const percent = Math.floor(Math.min(1, Math.max(0, slowest.fraction)) * 100);
  return `${percent}% · ${slowest.title || baseTitle}`;
}

export type RenderEnd = (typeof TERMINAL_STATES)[number];

/** How a render ended, or null while it is live. */
export function renderEnd(record: Pick<RenderRecord, 'status'>): RenderEnd | null {
  return isTerminalState(record.status) ? (record.status as RenderEnd) : null;
}

/** Where "Watch" and "See error" lead: the project page with that render shown. */
export const renderHref = (render: Pick<WatchedRender, 'id' | 'projectId'>) =>
  `/projects/${encodeURIComponent(render.projectId)}?render=${encodeURIComponent(render.id)}`;

export function readWatchedRenders(): WatchedRender[] {
  try {
    return parseWatched(localStorage.getItem(WATCHED_RENDERS_KEY));
  } catch {
    return [];
  }
}

function writeWatched(list: WatchedRender[]) {
  try {
    localStorage.setItem(WATCHED_RENDERS_KEY, JSON.stringify(list));
  } catch {
    // Storage refused (private mode, quota): this tab still follows what it holds.
  }
}

/** Follows a render this person just queued. */
export function watchRender(render: WatchedRender) {
  writeWatched(withWatched(readWatchedRenders(), render));
  window.dispatchEvent(new Event(WATCH_EVENT));
}

/** Stops following renders that ended (or that can no longer be read). */
export function unwatchRenders(ids: readonly string[]) {
  if (!ids.length) return;
  writeWatched(readWatchedRenders().filter((r) => !ids.includes(r.id)));
}
