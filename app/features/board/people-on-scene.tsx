import type { Awareness } from 'y-protocols/awareness';
import { initials } from '../../collab/presence.ts';
import { useSceneFocusers } from '../../collab/use-presence.ts';
import { useI18n } from '../../i18n/index.ts';

/** The other people working on a scene now (their colour and initials; names for screen readers). */
export function PeopleOnScene({
  awareness,
  sceneId,
}: {
  awareness: Awareness | null;
  sceneId: string;
}) {
  const { t } = useI18n();
  const people = useSceneFocusers(awareness, sceneId);
  if (people.length === 0) return null;
  const names = people.map((p) => p.name).join(', ');
  return (
    <span className="scene-people" data-testid="scene-people" title={t('board.hereNow', { names })}>
      <span className="visually-hidden">{t('board.hereNow', { names })}</span>
      {people.map((person) => (
        <span
          key={person.id}
          className="avatar avatar-small"
          style={{ backgroundColor: person.color }}
          aria-hidden
        >
          {initials(person.name)}
        </span>
      ))}
    </span>
  );
}
