import * as Tooltip from '@radix-ui/react-tooltip';
import type { PresenceUser } from '../../../shared/presence.ts';
import { initials } from '../../collab/presence.ts';
import type { SyncStatus } from '../../collab/sync-status.ts';
import { useI18n } from '../../i18n/index.ts';

/** Avatars drawn before the rest fold into a "+N" (the bar stays on one line). */
const MAX_AVATARS = 3;

/**
 * Who is on the document now: coloured initials (names on hover) and a
 * count; offline, yourself and that you are offline.
 */
export function PresenceBar({
  people,
  selfId,
  offline,
}: {
  people: PresenceUser[];
  selfId: string;
  offline: boolean;
}) {
  const { t, plural } = useI18n();
  return (
    <div
      className="presence"
      data-testid="presence"
      data-count={people.length}
      data-offline={offline || undefined}
    >
      <ul className="avatars" aria-hidden>
        {people.slice(0, MAX_AVATARS).map((person) => (
          <li key={person.id}>
            <Tooltip.Root>
              <Tooltip.Trigger asChild>
                <span
                  className="avatar"
                  style={{ backgroundColor: person.color }}
                  data-testid="presence-avatar"
                >
                  {initials(person.name)}
                </span>
              </Tooltip.Trigger>
              <Tooltip.Portal>
                <Tooltip.Content className="tooltip" sideOffset={6}>
                  {person.id === selfId ? t('project.you', { name: person.name }) : person.name}
                </Tooltip.Content>
              </Tooltip.Portal>
            </Tooltip.Root>
          </li>
        ))}
        {people.length > MAX_AVATARS ? (
          <li>
            <Tooltip.Root>
              <Tooltip.Trigger asChild>
                <span className="avatar avatar-more" data-testid="presence-more">
                  +{people.length - MAX_AVATARS}
                </span>
              </Tooltip.Trigger>
              <Tooltip.Portal>
                <Tooltip.Content className="tooltip" sideOffset={6}>
                  {t('layout.morePeople', {
                    n: people.length - MAX_AVATARS,
                    names: people
                      .slice(MAX_AVATARS)
                      .map((person) => person.name)
                      .join(', '),
                  })}
                </Tooltip.Content>
              </Tooltip.Portal>
            </Tooltip.Root>
          </li>
        ) : null}
      </ul>
      <span className="presence-count" data-testid="presence-count">
        {offline ? t('project.presenceOffline') : plural('project.presence', people.length)}
      </span>
    </div>
  );
}

/** "Saved", "Syncing…", "Offline — changes kept on this device", "Reconnecting". */
export function SyncBadge({ status }: { status: SyncStatus }) {
  const { t } = useI18n();
  return (
    <span
      className={`sync-badge sync-${status}`}
      role="status"
      data-testid="sync-status"
      data-status={status}
    >
      <span className="sync-dot" aria-hidden />
      <span className="sync-text">{t(`sync.${status}`)}</span>
    </span>
  );
}

export function ViewOnlyBadge() {
  const { t } = useI18n();
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>
        <span className="badge badge-muted" data-testid="view-only-badge" tabIndex={0}>
          {t('project.viewOnly')}
        </span>
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content className="tooltip" sideOffset={6}>
          {t('project.viewOnlyHint')}
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}
