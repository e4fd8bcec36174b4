import { useCallback, useEffect, useRef, useState } from 'react';
import type { RenderRecord } from '../../../shared/api/renders.ts';
import { Toasts, type ToastItem } from '../../components/ui/toast.tsx';
import { useI18n } from '../../i18n/index.ts';
import { apiCall } from '../../lib/api.ts';
import {
  progressTitle,
  readWatchedRenders,
  renderEnd,
  renderHref,
  unwatchRenders,
  WATCH_EVENT,
  WATCHED_RENDERS_KEY,
  type WatchedRender,
} from '../../lib/render-watch.ts';

/** How often followed renders are read while any is live (the server stores progress once a second). */
const POLL_MS = 2000;
/** Remembers that the person was asked about browser notifications, so it is asked once. */
const NOTIFY_ASKED_KEY = 'montage:notifications-asked';

/**
 * Render feedback anywhere in the app (signed in): the renders this browser
 * queued are followed (app/lib/render-watch.ts) until they end; while they
 * run the tab title shows progress ("42% · Harbour lights"), and when one
 * ends a toast says so with "Watch" or "See error", and, if the person
 * allowed it with the explicit button, a browser notification while the tab
 * is hidden.
 */
export function RenderNotices() {
  const i18n = useI18n();
  const { t } = i18n;
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const [watched, setWatched] = useState<WatchedRender[]>([]);
  const baseTitle = useRef<string | null>(null);
  const shownTitle = useRef<string | null>(null);

  const reload = useCallback(() => setWatched(readWatchedRenders()), []);
  useEffect(() => {
    reload();
    const onStorage = (event: StorageEvent) => {
      if (event.key === WATCHED_RENDERS_KEY) reload();
    };
    window.addEventListener(WATCH_EVENT, reload);
    window.addEventListener('storage', onStorage);
    return () => {
      window.removeEventListener(WATCH_EVENT, reload);
      window.removeEventListener('storage', onStorage);
    };
  }, [reload]);

  /** Sets the tab title, keeping the page's own title to come back to (Remix sets it per route). */
  const setTitle = useCallback((live: { fraction: number; title: string }[]) => {
    if (document.title !== shownTitle.current) baseTitle.current = document.title;
    const base = baseTitle.current ?? document.title;
    const next = progressTitle(live, base);
    document.title = next;
    shownTitle.current = live.length ? next : null;
  }, []);

  useEffect(() => {
    if (!watched.length) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const answers = await Promise.all(
        watched.map(async (render) => ({
          render,
          answer: await apiCall<{ render: RenderRecord }>(
            'GET',
            `/renders/${encodeURIComponent(render.id)}`,
          ),
        })),
      );
      if (stopped) return;
      const live: { fraction: number; title: string }[] = [];
      const ended: ToastItem[] = [];
      const forget: string[] = [];
      for (const { render, answer } of answers) {
        if (!answer.ok) {
          // Gone or no longer ours to see (404, 403): stop following it; a network blip: try again.
          if (answer.error.status >= 400 && answer.error.status < 500) forget.push(render.id);
          continue;
        }
        const end = renderEnd(answer.data.render);
        if (!end) {
          live.push({ fraction: answer.data.render.fraction, title: render.title });
          continue;
        }
        forget.push(render.id);
        if (end === 'cancelled') continue;
        const message =
          end === 'done'
            ? t('notices.renderDone', { title: render.title })
            : t('notices.renderFailed', { title: render.title });
        ended.push({
          id: render.id,
          tone: end === 'done' ? 'success' : 'danger',
          message,
          action: {
            label: end === 'done' ? t('notices.watch') : t('notices.seeError'),
            href: renderHref(render),
            testId: end === 'done' ? 'toast-watch' : 'toast-see-error',
          },
        });
        notifyInBrowser(message);
      }
      setTitle(live);
      if (ended.length) setToasts((shown) => [...shown, ...ended]);
      if (forget.length) {
        unwatchRenders(forget);
        reload();
        return;
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [watched, t, reload, setTitle]);

  // Nothing followed any more: the page's own title comes back.
  useEffect(() => {
    if (!watched.length && shownTitle.current) setTitle([]);
  }, [watched, setTitle]);

  return (
    <Toasts
      toasts={toasts}
      label={t('notices.region')}
      dismissLabel={t('notices.dismiss')}
      onDismiss={(id) => setToasts((shown) => shown.filter((toast) => toast.id !== id))}
    />
  );
}

/** A browser notification, only when the person allowed them and this tab is not in view. */
function notifyInBrowser(message: string) {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  if (document.visibilityState === 'visible') return;
  new Notification('Montage', { body: message });
}

/**
 * "Notify me when a render ends": asks the browser's permission when
 * clicked, never by itself, and is offered once (hidden once asked or
 * answered).
 */
export function NotifyButton() {
  const { t } = useI18n();
  const [offered, setOffered] = useState(false);
  useEffect(() => {
    let asked = false;
    try {
      asked = localStorage.getItem(NOTIFY_ASKED_KEY) === '1';
    } catch {
      asked = false;
    }
    setOffered(
      !asked && typeof Notification !== 'undefined' && Notification.permission === 'default',
    );
  }, []);
  if (!offered) return null;
  return (
    <button
      type="button"
      className="btn btn-quiet btn-small"
      data-testid="notify-renders"
      title={t('notices.enableNotificationsHint')}
      aria-description={t('notices.enableNotificationsHint')}
      onClick={() => {
        try {
          localStorage.setItem(NOTIFY_ASKED_KEY, '1');
        } catch {
          // Not remembered: the button comes back on the next page, which is harmless.
        }
        setOffered(false);
        void Notification.requestPermission();
      }}
    >
      {t('notices.enableNotifications')}
    </button>
  );
}
