import { useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import {
  addScene,
  deleteScene,
  duplicateScene,
  moveScene,
  projectMap,
} from '../../../shared/project-doc.ts';
import type { MeasuredNarration } from '../../../shared/scene-duration.ts';
import type { Depiction } from '../../../shared/render/depiction.ts';
import type { SceneSelection } from '../../collab/scene-selection.ts';
import { useSelectedIds } from '../../collab/scene-selection.ts';
import { useSceneSlots, useYMapField, type SceneSlot } from '../../collab/use-y.ts';
import { useI18n } from '../../i18n/index.ts';
import { useProgressiveCount } from '../../lib/use-progressive-count.ts';
import { SceneCard, type BoardActions } from './scene-card.tsx';
import { useBoardDrag } from './use-board-drag.ts';
import { DensitySwitch } from './density-switch.tsx';
import type { CardDensity } from '../editor-shell/layout-prefs.ts';

interface SceneBoardProps {
  doc: Y.Doc;
  undo: Y.UndoManager;
  awareness: Awareness | null;
  readOnly: boolean;
  selection: SceneSelection;
  /** Scene id → its thumbnail in the latest finished render. */
  thumbnails: ReadonlyMap<string, string>;
  /** Scene id → its narration as the latest render measured it (else estimated). */
  narrations?: ReadonlyMap<string, MeasuredNarration>;
  /** Scene id → what its picture depicted in the latest finished render that recorded it. */
  depictions: ReadonlyMap<string, Depiction>;
  /** Beside the heading (Import script). */
  tools?: ReactNode;
  /** How much each card shows (the editor's layout, remembered per browser). */
  density?: CardDensity;
  onDensityChange?(density: CardDensity): void;
}

/** Consecutive scenes of the same act, in order (an act may come back later: a new group). */
function groupByAct(slots: readonly SceneSlot[]) {
  const groups: { act: number; start: number; slots: SceneSlot[] }[] = [];
  slots.forEach((slot, index) => {
    const last = groups.at(-1);
    if (last && last.act === slot.act) last.slots.push(slot);
    else groups.push({ act: slot.act, start: index, slots: [slot] });
  });
  return groups;
}

/**
 * The scene board: a card per scene in order, grouped by act. The board
 * re-renders only when scenes are added, removed, moved or change act; each
 * card follows its own scene (issue 3: 300 scenes stay responsive).
 */
export function SceneBoard(props: SceneBoardProps) {
  const { doc, readOnly, selection } = props;
  const { t, plural } = useI18n();
  const slots = useSceneSlots(doc);
  const ids = useMemo(() => slots.map((slot) => slot.id), [slots]);
  const selected = useSelectedIds(selection);
  const shown = useProgressiveCount(slots.length);
  const aspect = useYMapField(projectMap(doc), 'aspect');
  const language = useYMapField(projectMap(doc), 'language') === 'fr' ? 'fr' : 'en';
  const board = useRef<HTMLDivElement>(null);
  const refocus = useRef<{ element: HTMLElement; sceneId: string } | null>(null);

  // Scenes that disappear (deleted here or elsewhere) leave the selection.
  useLayoutEffect(() => selection.retain(new Set(ids)), [ids, selection]);

  // Moving a card moves its DOM node, which drops focus: put it back where the user was.
  useLayoutEffect(() => {
    const saved = refocus.current;
    if (!saved) return;
    refocus.current = null;
    if (saved.element.isConnected) {
      if (document.activeElement !== saved.element) saved.element.focus();
    } else {
      focusCard(saved.sceneId);
    }
  }, [slots]);

  const keepFocus = (sceneId: string) => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && board.current?.contains(active)) {
      refocus.current = { element: active, sceneId };
    }
  };

  // The actions read the order through a ref, so they stay the same object and
  // a reorder does not re-render every card for a new callback.
  const order = useRef(ids);
  order.current = ids;
  const { grab, drop } = useBoardDrag({ doc, selection, order, scroller: board, readOnly });
  const actions: BoardActions = useMemo(
    () => ({
      ids: () => order.current,
      move(id, delta) {
        const from = order.current.indexOf(id);
        const to = from + delta;
        if (from < 0 || to < 0 || to >= order.current.length) return;
        keepFocus(id);
        doc.transact(() => moveScene(doc, id, to));
      },
      grab: (id, event) => grab(id, event),
      remove(id) {
        const index = order.current.indexOf(id);
        const neighbour = order.current[index + 1] ?? order.current[index - 1] ?? null;
        doc.transact(() => deleteScene(doc, id));
        if (neighbour) focusCard(neighbour);
      },
      duplicate(id) {
        let copy: string | null = null;
        doc.transact(() => {
          copy = duplicateScene(doc, id);
        });
        if (copy) focusCard(copy);
      },
    }),
    [doc, grab],
  );

  const add = () => {
    let id = '';
    doc.transact(() => {
      id = addScene(doc, {
        title: t('project.newSceneTitle', { n: ids.length + 1 }),
        act: slots.at(-1)?.act ?? 1,
      });
    });
    focusCard(id, 'title');
  };

  const selectedInOrder = ids.filter((id) => selected.has(id));
  const removeSelected = () => {
    doc.transact(() => {
      for (const id of selectedInOrder) deleteScene(doc, id);
    });
    selection.clear();
  };
  const duplicateSelected = () => {
    doc.transact(() => {
      for (const id of [...selectedInOrder].reverse()) duplicateScene(doc, id);
    });
  };

  return (
    <section
      className="board"
      aria-labelledby="board-heading"
      data-testid="scene-board"
      data-density={props.density ?? 'comfortable'}
    >
      <div className="section-header board-header">
        <h2 id="board-heading">
          {t('project.scenes')}{' '}
          <span className="count" data-testid="scene-count">
            {ids.length}
          </span>
        </h2>
        <div className="section-tools">
          {props.onDensityChange ? (
            <DensitySwitch
              density={props.density ?? 'comfortable'}
              onChange={props.onDensityChange}
            />
          ) : null}
          {props.tools}
        </div>
      </div>
      {selectedInOrder.length > 1 ? (
        <div
          className="selection-bar"
          role="toolbar"
          aria-label={t('board.selectionTools')}
          data-testid="selection-bar"
        >
          <span>{plural('board.selected', selectedInOrder.length)}</span>
          {readOnly ? null : (
            <>
              <button
                type="button"
                className="btn btn-small"
                onClick={duplicateSelected}
                data-testid="selection-duplicate"
              >
                {t('board.duplicate')}
              </button>
              <button
                type="button"
                className="btn btn-small btn-danger"
                onClick={removeSelected}
                data-testid="selection-delete"
              >
                {t('board.delete')}
              </button>
            </>
          )}
          <button
            type="button"
            className="btn btn-small btn-quiet"
            onClick={() => selection.clear()}
          >
            {t('board.clearSelection')}
          </button>
        </div>
      ) : null}
      <div className="board-scroll" ref={board} data-testid="scene-list">
        {ids.length === 0 ? (
          <p className="empty" data-testid="scenes-empty">
            {t('project.noScenes')}
          </p>
        ) : (
          groupByAct(slots.slice(0, shown)).map((group) => (
            <section
              key={`${group.act}-${group.start}`}
              className="act"
              aria-label={t('board.act', { n: group.act })}
              data-testid="act-group"
              data-act={group.act}
            >
              <h3 className="act-heading">{t('board.act', { n: group.act })}</h3>
              <ol className="cards" start={group.start + 1}>
                {group.slots.map((slot, i) => (
                  <SceneCard
                    key={slot.id}
                    doc={doc}
                    id={slot.id}
                    index={group.start + i}
                    last={group.start + i === ids.length - 1}
                    undo={props.undo}
                    awareness={props.awareness}
                    readOnly={readOnly}
                    selection={selection}
                    thumbnail={props.thumbnails.get(slot.id) ?? null}
                    depiction={props.depictions.get(slot.id) ?? null}
                    aspect={typeof aspect === 'string' ? aspect : '16:9'}
                    language={language}
                    actions={actions}
                    measuredSec={props.narrations?.get(slot.id)?.sec}
                    measuredFingerprint={props.narrations?.get(slot.id)?.fingerprint}
                  />
                ))}
              </ol>
            </section>
          ))
        )}
        {drop === null ? null : (
          <div
            className="board-drop-line"
            style={{ top: drop.y }}
            aria-hidden
            data-testid="board-drop-line"
          >
            <span className="board-drop-badge">
              {drop.count > 1
                ? t('board.dropMany', { n: drop.count })
                : t('board.dropOne', { n: drop.n })}
            </span>
          </div>
        )}
        {readOnly ? null : (
          <button type="button" className="btn btn-add" data-testid="add-scene" onClick={add}>
            + {t('project.addScene')}
          </button>
        )}
      </div>
    </section>
  );
}

/** Scrolls a card into view and focuses one of its parts (the card itself by default). */
export function focusCard(sceneId: string, part: 'card' | 'title' = 'card') {
  requestAnimationFrame(() => {
    const card = document.querySelector<HTMLElement>(
      `[data-testid="scene-item"][data-scene-id="${CSS.escape(sceneId)}"]`,
    );
    if (!card) return;
    card.scrollIntoView({ block: 'nearest' });
    const target =
      part === 'title' ? card.querySelector<HTMLInputElement>('[data-testid="scene-title"]') : card;
    target?.focus();
    if (target instanceof HTMLInputElement) target.select();
  });
}
