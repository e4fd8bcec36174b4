import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useNavigate } from '@remix-run/react';
import { useCallback, useEffect, useState } from 'react';
import {
  notificationHref,
  type NotificationRecord,
  type NotificationStreamEvent,
} from '../../../shared/api/notifications.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { apiCall } from '../../lib/api.ts';

/**
 * The bell in the header of every signed-in page: the unread count, live
 * from the person's notification stream (Server-Sent Events, which the
 * browser reconnects on its own), and the newest notifications in a menu.
 * Choosing one marks it read and opens what it points at.
 */
export function NotificationBell() {
  const { t, plural, locale, relativeTime } = useI18n();
  const navigate = useNavigate();
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<NotificationRecord[] | null>(null);

  useEffect(() => {
    const source = new EventSource(`/api/v1/notifications/stream?locale=${locale}`);
    const onEvent = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as NotificationStreamEvent;
      setUnread(event.unread);
      if (event.type === 'notification') {
        const added = event.notification;
        setItems((list) => (list ? [added, ...list.filter((n) => n.id !== added.id)] : list));
      }
    };
    source.addEventListener('unread', onEvent);
    source.addEventListener('notification', onEvent);
    return () => source.close();
  }, [locale]);

  const load = useCallback(async () => {
    const res = await apiCall<{ notifications: NotificationRecord[]; unread: number }>(
      'GET',
      '/notifications',
    );
    if (!res.ok) return;
    setItems(res.data.notifications);
    setUnread(res.data.unread);
  }, []);

  const markRead = useCallback(async (body: { ids: string[] } | { all: true }) => {
    const now = new Date().toISOString();
    setItems(
      (list) =>
        list?.map((n) =>
          'all' in body || body.ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n,
        ) ?? list,
    );
    const res = await apiCall<{ unread: number }>('POST', '/notifications/read', body);
    if (res.ok) setUnread(res.data.unread);
  }, []);

  const label = unread ? plural('notifications.bellUnread', unread) : t('notifications.bell');
  return (
    <DropdownMenu.Root onOpenChange={(open) => open && void load()}>
      <DropdownMenu.Trigger asChild>
        <button
          type="button"
          className="bell-button"
          aria-label={label}
          title={label}
          data-testid="notification-bell"
          data-unread={unread}
        >
          <BellIcon />
          {unread ? (
            <span className="bell-count" data-testid="notification-count" aria-hidden>
              {unread > 99 ? '99+' : unread}
            </span>
          ) : null}
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          className="menu notification-menu"
          align="end"
          sideOffset={6}
          data-testid="notification-menu"
        >
          <div className="notification-menu-head">
            <DropdownMenu.Label className="notification-menu-title">
              {t('notifications.heading')}
            </DropdownMenu.Label>
            <DropdownMenu.Item
              className="menu-item notification-read-all"
              disabled={!unread}
              data-testid="notifications-read-all"
              onSelect={(event) => {
                event.preventDefault();
                void markRead({ all: true });
              }}
            >
              {t('notifications.markAllRead')}
            </DropdownMenu.Item>
          </div>
          <DropdownMenu.Separator className="menu-separator" />
          {items === null ? (
            <p className="notification-empty">{t('notifications.loading')}</p>
          ) : items.length === 0 ? (
            <p className="notification-empty">{t('notifications.empty')}</p>
          ) : (
            items.map((n) => (
              <DropdownMenu.Item
                key={n.id}
                className="menu-item notification-item"
                data-testid="notification-item"
                data-kind={n.kind}
                data-unread={!n.readAt}
                onSelect={() => {
                  if (!n.readAt) void markRead({ ids: [n.id] });
                  const href = notificationHref(n);
                  if (href) navigate(href);
                }}
              >
                <span className="notification-text">
                  <span className="notification-sentence">
                    {t(`notifications.kind.${n.kind}` as MessageKey, {
                      actor: n.actor?.name || t('notifications.someone'),
                      project: n.project?.title || t('notifications.aProject'),
                    })}
                  </span>
                  {n.excerpt ? <span className="notification-excerpt">{n.excerpt}</span> : null}
                  <span className="notification-time">{relativeTime(n.createdAt)}</span>
                </span>
                {n.readAt ? null : (
                  <span className="unread-dot" role="img" aria-label={t('notifications.unread')} />
                )}
              </DropdownMenu.Item>
            ))
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden focusable="false">
      <path
        d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm0 19a3 3 0 0 0 2.8-2H9.2A3 3 0 0 0 12 22Z"
        fill="currentColor"
      />
    </svg>
  );
}
