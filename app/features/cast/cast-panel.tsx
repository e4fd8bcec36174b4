import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import * as Label from '@radix-ui/react-label';
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import * as Y from 'yjs';
import { MAX_DESCRIPTION, MAX_NAME } from '../../../shared/api/limits.ts';
import {
  addCastMember,
  castMap,
  deleteCastMember,
  scenesMap,
  setCastMember,
  setSceneCast,
} from '../../../shared/project-doc.ts';
import { splitNarration } from '../../../shared/voices/dialogue.ts';
import { useSceneMap, useYMapField, useYValue } from '../../collab/use-y.ts';
import { useI18n } from '../../i18n/index.ts';
import { ConfirmCancel, ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { CastVoice } from './cast-voice.tsx';

/** The timeline schema's limits (shared/timeline.ts castMemberSchema). */

const EMPTY: readonly string[] = [];

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, i) => value === b[i]);

const sameCounts = (a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
};

interface MemberName {
  id: string;
  name: string;
}

const sameMembers = (a: readonly MemberName[], b: readonly MemberName[]) =>
  a.length === b.length && a.every((m, i) => m.id === b[i]!.id && m.name === b[i]!.name);

const stringOr = (value: unknown, fallback = '') => (typeof value === 'string' ? value : fallback);

/** Ids of the cast members (changes only when one is added or deleted). */
function useCastIds(doc: Y.Doc): readonly string[] {
  const cast = castMap(doc);
  return useYValue(cast, () => [...cast.keys()].filter((id) => cast.get(id) instanceof Y.Map), {
    same: sameList,
  });
}

/** Every cast member with its name, sorted by name (re-renders on renames, not on descriptions). */
function useCastNames(doc: Y.Doc, collator: Intl.Collator): readonly MemberName[] {
  const cast = castMap(doc);
  return useYValue(
    cast,
    () => {
      const members: MemberName[] = [];
      cast.forEach((map, id) => {
        if (map instanceof Y.Map) members.push({ id, name: stringOr(map.get('name')).trim() });
      });
      return members.sort(
        (a, b) =>
          Number(!a.name) - Number(!b.name) ||
          collator.compare(a.name, b.name) ||
          (a.id < b.id ? -1 : 1),
      );
    },
    { deep: true, same: sameMembers },
  );
}

/** How many scenes each cast member appears in (re-renders only when a count changes). */
function useCastUsage(doc: Y.Doc): Readonly<Record<string, number>> {
  const scenes = scenesMap(doc);
  return useYValue(
    scenes,
    () => {
      const counts: Record<string, number> = {};
      scenes.forEach((scene) => {
        if (!(scene instanceof Y.Map)) return;
        const cast = scene.get('cast');
        if (!Array.isArray(cast)) return;
        for (const id of new Set(cast as unknown[])) {
          if (typeof id === 'string') counts[id] = (counts[id] ?? 0) + 1;
        }
      });
      return counts;
    },
    { deep: true, same: sameCounts },
  );
}

/**
 * How many dialogue turns each cast member speaks across the scenes' narrations,
 * read with the parser the render node uses (shared/voices/dialogue.ts).
 */
function useDialogueTurns(doc: Y.Doc): Readonly<Record<string, number>> {
  const scenes = scenesMap(doc);
  const cast = castMap(doc);
  const turns = useYValue(
    scenes,
    () => {
      const speakers: { id: string; name: string }[] = [];
      cast.forEach((map, id) => {
        if (map instanceof Y.Map) speakers.push({ id, name: stringOr(map.get('name')) });
      });
      speakers.sort((a, b) => (a.id < b.id ? -1 : 1));
      const counts: Record<string, number> = {};
      scenes.forEach((scene) => {
        if (!(scene instanceof Y.Map)) return;
        const narration = scene.get('narration');
        for (const part of splitNarration(String(narration ?? ''), speakers)) {
          if (part.speakerId) counts[part.speakerId] = (counts[part.speakerId] ?? 0) + 1;
        }
      });
      return counts;
    },
    { deep: true, same: sameCounts },
  );
  // Renaming a character changes which lines are theirs.
  useYValue(cast, () => [...cast.values()].map((m) => stringOr(m.get('name'))).join('\n'), {
    deep: true,
  });
  return turns;
}

/**
 * A display order that never jumps while someone types a name: alphabetical
 * when the panel opens, then new members at the end and deleted ones dropped.
 */
function useStableOrder(ids: readonly string[], nameOf: (id: string) => string): string[] {
  const order = useRef<string[] | null>(null);
  const { locale } = useI18n();
  if (!order.current) {
    const collator = new Intl.Collator(locale, { sensitivity: 'base' });
    order.current = [...ids].sort((a, b) => {
      const na = nameOf(a).trim();
      const nb = nameOf(b).trim();
      return Number(!na) - Number(!nb) || collator.compare(na, nb) || (a < b ? -1 : 1);
    });
  } else {
    const present = new Set(ids);
    const kept = order.current.filter((id) => present.has(id));
    const known = new Set(kept);
    const next = [...kept, ...ids.filter((id) => !known.has(id))];
    if (!sameList(next, order.current)) order.current = next;
  }
  return order.current;
}

/**
 * The project's characters. Every keystroke is written to the document, so
 * others see names and descriptions as they are typed. A character used in
 * scenes is deleted only after a confirmation saying how many.
 */
export function CastPanel({
  doc,
  readOnly,
  projectId,
  undo,
}: {
  doc: Y.Doc;
  readOnly: boolean;
  /** For the voice samples' API route. */
  projectId: string;
  undo?: Y.UndoManager;
}) {
  const { t, plural } = useI18n();
  const ids = useId();
  const cast = castMap(doc);
  const memberIds = useCastIds(doc);
  const usage = useCastUsage(doc);
  const turns = useDialogueTurns(doc);
  const order = useStableOrder(memberIds, (id) => stringOr(cast.get(id)?.get('name')));
  const list = useRef<HTMLUListElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const pendingFocus = useRef<string | null>(null);
  /** Where focus goes when the confirmation closes: the next card, or back to Delete. */
  const dialogFocus = useRef<HTMLElement | null>(null);
  const [confirming, setConfirming] = useState<{ id: string; name: string; count: number } | null>(
    null,
  );
  const [announcement, setAnnouncement] = useState('');

  // After adding or deleting, put focus where the user can carry on.
  useLayoutEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    pendingFocus.current = null;
    if (target === 'add') {
      addButton.current?.focus();
      return;
    }
    list.current
      ?.querySelector<HTMLInputElement>(
        `[data-cast-id="${CSS.escape(target)}"] [data-testid="cast-name"]`,
      )
      ?.focus();
  });

  const add = () => {
    pendingFocus.current = addCastMember(doc, { name: '' });
  };

  const remove = (id: string) => {
    const name = stringOr(cast.get(id)?.get('name')).trim() || t('cast.unnamed');
    const index = order.indexOf(id);
    const next = order[index + 1] ?? order[index - 1] ?? 'add';
    pendingFocus.current = next;
    dialogFocus.current =
      next === 'add'
        ? addButton.current
        : (list.current?.querySelector<HTMLElement>(
            `[data-cast-id="${CSS.escape(next)}"] [data-testid="cast-name"]`,
          ) ?? null);
    deleteCastMember(doc, id);
    setConfirming(null);
    setAnnouncement(t('cast.deleted', { name }));
  };

  const requestDelete = (id: string, button: HTMLElement) => {
    const count = usage[id] ?? 0;
    if (count === 0) {
      remove(id);
      return;
    }
    dialogFocus.current = button;
    const name = stringOr(cast.get(id)?.get('name')).trim() || t('cast.unnamed');
    setConfirming({ id, name, count });
  };

  return (
    <section
      className="side-panel cast-panel"
      data-testid="cast-panel"
      aria-labelledby={`${ids}-h`}
    >
      <div className="side-panel-head">
        <h2 id={`${ids}-h`}>{t('cast.heading')}</h2>
        {order.length ? (
          <span className="count" aria-hidden>
            {order.length}
          </span>
        ) : null}
        <span className="visually-hidden">{plural('cast.count', order.length)}</span>
      </div>
      <p id={`${ids}-intro`} className="side-panel-intro">
        {t('cast.intro')}
      </p>
      {order.length === 0 ? (
        <p className="side-empty" data-testid="cast-empty">
          {t('cast.empty')}
        </p>
      ) : (
        <ul ref={list} className="cast-list">
          {order.map((id) => {
            const map = cast.get(id);
            if (!(map instanceof Y.Map)) return null;
            return (
              <CastMemberCard
                key={id}
                id={id}
                doc={doc}
                map={map}
                usedIn={usage[id] ?? 0}
                turns={turns[id] ?? 0}
                readOnly={readOnly}
                projectId={projectId}
                undo={undo}
                describedBy={`${ids}-intro`}
                onDelete={(button) => requestDelete(id, button)}
              />
            );
          })}
        </ul>
      )}
      {readOnly ? null : (
        <button
          ref={addButton}
          type="button"
          className="btn btn-add"
          data-testid="cast-add"
          onClick={add}
        >
          + {t('cast.add')}
        </button>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <ConfirmDialog
        open={confirming !== null}
        onOpenChange={(open) => {
          if (!open) setConfirming(null);
        }}
        title={t('cast.deleteTitle', { name: confirming?.name ?? '' })}
        description={plural('cast.deleteDescription', confirming?.count ?? 0)}
        returnFocusTo={dialogFocus}
      >
        <div className="dialog-actions">
          <ConfirmCancel className="btn">{t('cast.cancel')}</ConfirmCancel>
          <button
            type="button"
            className="btn btn-danger"
            data-testid="cast-delete-confirm"
            onClick={() => {
              if (confirming) remove(confirming.id);
            }}
          >
            {t('cast.deleteConfirm')}
          </button>
        </div>
      </ConfirmDialog>
    </section>
  );
}

function CastMemberCard(props: {
  id: string;
  doc: Y.Doc;
  map: Y.Map<unknown>;
  usedIn: number;
  turns: number;
  readOnly: boolean;
  projectId: string;
  undo: Y.UndoManager | undefined;
  describedBy: string;
  onDelete(button: HTMLElement): void;
}) {
  const { id, doc, map, usedIn, readOnly } = props;
  const { t, plural } = useI18n();
  const ids = useId();
  const name = stringOr(useYMapField(map, 'name'));
  const description = stringOr(useYMapField(map, 'description'));
  const [error, setError] = useState<'name' | 'description' | null>(null);
  const shownName = name.trim() || t('cast.unnamed');

  const write = (field: 'name' | 'description', value: string) => {
    try {
      setCastMember(doc, id, { [field]: value });
      setError(null);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      setError(field);
    }
  };

  const errorId = `${ids}-error`;
  return (
    <li
      className="cast-card"
      data-testid="cast-member"
      data-cast-id={id}
      aria-label={t('cast.member', { name: shownName })}
    >
      <div className="cast-card-head">
        <div className="field cast-name-field">
          <Label.Root className="field-label" htmlFor={`${ids}-name`}>
            {t('cast.name')}
          </Label.Root>
          <input
            id={`${ids}-name`}
            className="input"
            data-testid="cast-name"
            value={name}
            maxLength={MAX_NAME}
            placeholder={t('cast.namePlaceholder')}
            disabled={readOnly}
            autoComplete="off"
            aria-invalid={error === 'name' || undefined}
            aria-describedby={error === 'name' ? errorId : undefined}
            onChange={(event) => write('name', event.target.value)}
          />
        </div>
        {readOnly ? null : (
          <button
            type="button"
            className="btn btn-small btn-quiet btn-danger-text cast-delete"
            data-testid="cast-delete"
            aria-label={t('cast.deleteLabel', { name: shownName })}
            onClick={(event) => props.onDelete(event.currentTarget)}
          >
            {t('cast.delete')}
          </button>
        )}
      </div>
      <p className={usedIn ? 'cast-usage' : 'cast-usage is-unused'} data-testid="cast-usage">
        {usedIn ? plural('cast.usedIn', usedIn) : t('cast.unused')}
      </p>
      <div className="field">
        <Label.Root className="field-label" htmlFor={`${ids}-description`}>
          {t('cast.description')}
        </Label.Root>
        <textarea
          id={`${ids}-description`}
          className="input cast-description"
          data-testid="cast-description"
          value={description}
          rows={3}
          maxLength={MAX_DESCRIPTION}
          placeholder={t('cast.descriptionPlaceholder')}
          disabled={readOnly}
          aria-invalid={error === 'description' || undefined}
          aria-describedby={[props.describedBy, error === 'description' ? errorId : null]
            .filter(Boolean)
            .join(' ')}
          onChange={(event) => write('description', event.target.value)}
        />
      </div>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {t(error === 'name' ? 'cast.error.name' : 'cast.error.description')}
        </p>
      ) : null}
      <CastVoice
        doc={doc}
        id={id}
        map={map}
        name={name}
        turns={props.turns}
        projectId={props.projectId}
        readOnly={readOnly}
        undo={props.undo}
      />
    </li>
  );
}

/**
 * The cast chips of one scene (each removable) and an "Assign cast" menu of
 * checkboxes. Subscribes to this scene's `cast` field and to the cast map only.
 */
export function CastPicker({
  doc,
  sceneId,
  readOnly,
}: {
  doc: Y.Doc;
  sceneId: string;
  readOnly: boolean;
}) {
  const { t, locale } = useI18n();
  const ids = useId();
  const scene = useSceneMap(doc, sceneId);
  const raw = useYMapField(scene, 'cast');
  const assigned = Array.isArray(raw)
    ? [...new Set((raw as unknown[]).filter((id): id is string => typeof id === 'string'))]
    : EMPTY;
  const collator = useMemo(() => new Intl.Collator(locale, { sensitivity: 'base' }), [locale]);
  const members = useCastNames(doc, collator);
  const chips = useRef<HTMLUListElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const pendingFocus = useRef<number | null>(null);

  useLayoutEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    pendingFocus.current = null;
    const buttons = chips.current?.querySelectorAll<HTMLButtonElement>('.cast-chip-remove');
    const target = buttons?.[Math.min(index, buttons.length - 1)];
    (target ?? trigger.current)?.focus();
  });

  const current = (): string[] => {
    const value = scene?.get('cast');
    return Array.isArray(value)
      ? (value as unknown[]).filter((id): id is string => typeof id === 'string')
      : [];
  };
  const toggle = (id: string, on: boolean) => {
    const now = current();
    setSceneCast(doc, sceneId, on ? [...now, id] : now.filter((c) => c !== id));
  };

  const nameOf = new Map(members.map((m) => [m.id, m.name || t('cast.unnamed')]));

  return (
    <div className="cast-picker" data-testid="cast-picker">
      <span id={`${ids}-label`} className="visually-hidden">
        {t('cast.sceneCast')}
      </span>
      {assigned.length ? (
        <ul ref={chips} className="cast-chips" aria-labelledby={`${ids}-label`}>
          {assigned.map((id, index) => {
            const name = nameOf.get(id);
            const label = name ?? t('cast.missing');
            return (
              <li
                key={id}
                className={name === undefined ? 'cast-chip is-missing' : 'cast-chip'}
                data-testid="cast-chip"
                data-cast-id={id}
              >
                <span className="cast-chip-name">{label}</span>
                {readOnly ? null : (
                  <button
                    type="button"
                    className="cast-chip-remove"
                    data-testid="cast-chip-remove"
                    aria-label={t('cast.removeFromScene', { name: label })}
                    title={t('cast.removeFromScene', { name: label })}
                    onClick={() => {
                      pendingFocus.current = index;
                      setSceneCast(
                        doc,
                        sceneId,
                        current().filter((c) => c !== id),
                      );
                    }}
                  >
                    <span aria-hidden>×</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      ) : readOnly ? (
        <p className="cast-none">{t('cast.noneInScene')}</p>
      ) : null}
      {readOnly ? null : (
        <DropdownMenu.Root>
          <DropdownMenu.Trigger asChild>
            <button
              ref={trigger}
              type="button"
              className="btn btn-small cast-assign"
              data-testid="cast-assign"
            >
              <span aria-hidden>+</span> {t('cast.assign')}
            </button>
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content className="menu cast-menu" align="start" sideOffset={4}>
              {members.length === 0 ? (
                <p className="cast-menu-empty">{t('cast.assignEmpty')}</p>
              ) : (
                members.map((member) => (
                  <DropdownMenu.CheckboxItem
                    key={member.id}
                    className="menu-item cast-option"
                    data-testid="cast-option"
                    data-cast-id={member.id}
                    checked={assigned.includes(member.id)}
                    // Stay open so several people can be ticked in a row.
                    onSelect={(event) => event.preventDefault()}
                    onCheckedChange={(checked) => toggle(member.id, checked === true)}
                  >
                    <span className="cast-check" aria-hidden>
                      <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
                    </span>
                    <span className="cast-option-name">{member.name || t('cast.unnamed')}</span>
                  </DropdownMenu.CheckboxItem>
                ))
              )}
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      )}
    </div>
  );
}
