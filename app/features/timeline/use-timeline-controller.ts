import { useCallback, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { moveScene, moveScenes } from '../../../shared/project-doc.ts';
import type { SceneSelection } from '../../collab/scene-selection.ts';
import { setFocusedScene } from '../../collab/use-presence.ts';
import type { TimelineController } from './timeline-context.ts';
import { autoScrollBy, draggedIds, dragTarget } from './timeline-drag.ts';
import { clamp, moveChangesOrder, type TimelineLayout } from './timeline-math.ts';
import type { DurationStore, PreviewStore } from './timeline-store.ts';

/** A drag in progress: the grabbed block, all the blocks moving, and where they would land. */
export interface DragState {
  id: string;
  ids: string[];
  index: number;
  x: number;
}

/**
 * What the blocks call (through TimelineContext): keyboard focus with one tab
 * stop among the blocks, moving by keyboard, and dragging blocks to a new
 * place, written to the document once, on drop. The rules themselves are pure
 * (timeline-drag.ts); this hook holds the state and the DOM.
 */
export function useTimelineController(options: {
  doc: Y.Doc;
  selection: SceneSelection;
  awareness: Awareness | null;
  stores: { durations: DurationStore; previews: PreviewStore };
  ids: readonly string[];
  layout: TimelineLayout;
  pps: number;
  onOpenScene(id: string): void;
  readOnly: boolean;
  scroller: RefObject<HTMLDivElement | null>;
  videoTrack: RefObject<HTMLDivElement | null>;
}): { controller: TimelineController; drag: DragState | null; tabbableId: string | null } {
  const { doc, selection, awareness, stores, ids, layout, pps, onOpenScene, readOnly } = options;
  const { scroller, videoTrack } = options;

  // Keyboard focus: one tab stop among the blocks.
  const [activeId, setActiveId] = useState<string | null>(null);
  const tabbableId = activeId !== null && ids.includes(activeId) ? activeId : (ids[0] ?? null);
  const blocks = useRef(new Map<string, HTMLElement>());
  const pendingFocus = useRef<{ id: string; before: readonly string[] } | null>(null);
  useLayoutEffect(() => {
    const pending = pendingFocus.current;
    if (!pending || pending.before === ids) return;
    pendingFocus.current = null;
    const element = blocks.current.get(pending.id);
    if (element && document.activeElement !== element) element.focus();
  }, [ids]);

  const [drag, setDragState] = useState<DragState | null>(null);
  const dragRef = useRef<DragState | null>(null);
  const setDrag = useCallback((next: DragState | null) => {
    dragRef.current = next;
    setDragState(next);
  }, []);

  // The controller reads the latest render through this ref, so it never changes identity.
  const latest = useRef({ ids, layout, pps, onOpenScene, readOnly });
  latest.current = { ids, layout, pps, onOpenScene, readOnly };

  const controller = useMemo<TimelineController>(() => {
    const target = (clientX: number, moving: readonly string[]) => {
      const { ids: order, layout: current } = latest.current;
      const left = videoTrack.current?.getBoundingClientRect().left ?? 0;
      return dragTarget(order, current, moving, clientX - left);
    };
    return {
      doc,
      selection,
      awareness,
      durations: stores.durations,
      previews: stores.previews,
      pps: () => latest.current.pps,
      order: () => latest.current.ids,
      openScene: (id) => latest.current.onOpenScene(id),
      activate: (id) => {
        setActiveId(id);
        setFocusedScene(awareness, id);
      },
      focusAt: (index) => {
        const order = latest.current.ids;
        if (order.length === 0) return;
        const id = order[clamp(index, 0, order.length - 1)]!;
        blocks.current.get(id)?.focus();
      },
      moveBy: (id, delta) => {
        if (latest.current.readOnly) return;
        const order = latest.current.ids;
        const index = order.indexOf(id);
        const to = index + delta;
        if (index < 0 || to < 0 || to >= order.length) return;
        pendingFocus.current = { id, before: order };
        moveScene(doc, id, to);
      },
      register: (id, element) => {
        if (element) blocks.current.set(id, element);
        else blocks.current.delete(id);
      },
      dragStart: (id) => {
        if (latest.current.readOnly) return;
        const order = latest.current.ids;
        const moving = draggedIds(order, id, selection.ids);
        setDrag({ id, ids: moving, index: order.indexOf(id), x: 0 });
      },
      dragMove: (clientX) => {
        const current = dragRef.current;
        if (!current) return;
        const element = scroller.current;
        const by = element ? autoScrollBy(clientX, element.getBoundingClientRect()) : 0;
        if (element && by !== 0) element.scrollLeft += by;
        const { index, x } = target(clientX, current.ids);
        if (current.index !== index || current.x !== x) setDrag({ ...current, index, x });
      },
      dragEnd: (clientX) => {
        const current = dragRef.current;
        setDrag(null);
        if (!current || clientX === null || latest.current.readOnly) return;
        const order = latest.current.ids;
        const { index } = target(clientX, current.ids);
        if (!moveChangesOrder(order, current.ids, index)) return;
        pendingFocus.current = { id: current.id, before: order };
        // One write, on drop.
        if (current.ids.length > 1) moveScenes(doc, current.ids, index);
        else moveScene(doc, current.id, index);
      },
    };
  }, [doc, selection, awareness, stores, setDrag]);

  return { controller, drag, tabbableId };
}
