import { useEffect, useMemo, useRef, useState, type PointerEvent, type RefObject } from 'react';
import type * as Y from 'yjs';
import { moveScene, moveScenes } from '../../../shared/project-doc.ts';
import type { SceneSelection } from '../../collab/scene-selection.ts';
import { draggedIds, edgeScrollBy } from '../timeline/timeline-drag.ts';
import { moveChangesOrder } from '../timeline/timeline-math.ts';
import { boardDropTarget, type CardBox } from './board-drag.ts';

/** Pointer travel before a press on a handle becomes a drag (a shorter one is a click). */
const DRAG_THRESHOLD_PX = 4;

/** The drop line on screen: where (board content coordinates) and what would land there. */
export interface DropLine {
  y: number;
  /** How many scenes move. */
  count: number;
  /** The grabbed scene's number (1-based) before the move. */
  n: number;
}

interface Gesture {
  id: string;
  pointerId: number;
  startX: number;
  startY: number;
  lastY: number;
  /** The scenes moving, once the press became a drag. */
  moving: string[] | null;
  frame: number;
  stop(): void;
}

/**
 * Dragging cards on the board with pointer events, so a mouse, a finger and a
 * pen all work, as does a synthetic mouse in an automated browser (HTML5
 * drag-and-drop gives none of that). A press on a handle captures the pointer;
 * moving shows a drop line between cards (and scrolls near the board's edges);
 * releasing writes one move, one undo step; Escape or a cancelled pointer
 * writes nothing. The rules are pure (board-drag.ts); this hook holds the DOM.
 */
export function useBoardDrag(options: {
  doc: Y.Doc;
  selection: SceneSelection;
  order: RefObject<readonly string[]>;
  scroller: RefObject<HTMLDivElement | null>;
  readOnly: boolean;
}): { grab(id: string, event: PointerEvent<HTMLElement>): void; drop: DropLine | null } {
  const { doc, selection, order, scroller } = options;
  const [drop, setDrop] = useState<DropLine | null>(null);
  const gesture = useRef<Gesture | null>(null);
  const readOnly = useRef(options.readOnly);
  readOnly.current = options.readOnly;

  // A drag in progress ends with the board.
  useEffect(() => () => gesture.current?.stop(), []);

  const grab = useMemo(() => {
    const cards = (): { element: HTMLElement; box: CardBox }[] =>
      [
        ...(scroller.current?.querySelectorAll<HTMLElement>('[data-testid="scene-item"]') ?? []),
      ].map((element) => {
        const rect = element.getBoundingClientRect();
        return {
          element,
          box: { id: element.dataset.sceneId ?? '', top: rect.top, bottom: rect.bottom },
        };
      });

    const target = (g: Gesture) =>
      boardDropTarget(
        cards().map((card) => card.box),
        new Set(g.moving),
        g.lastY,
      );

    /** Moves the drop line to where the pointer is now (board content coordinates). */
    const follow = (g: Gesture) => {
      const element = scroller.current;
      const landing = target(g);
      if (!element || !landing || !g.moving) return setDrop(null);
      const top = element.getBoundingClientRect().top;
      setDrop({
        y: landing.y - top + element.scrollTop,
        count: g.moving.length,
        n: (order.current ?? []).indexOf(g.id) + 1,
      });
    };

    /** Near an edge the board keeps scrolling while the pointer stays there. */
    const autoScroll = (g: Gesture) => {
      const element = scroller.current;
      if (gesture.current !== g || !element) return;
      const rect = element.getBoundingClientRect();
      const by = edgeScrollBy(g.lastY, rect.top, rect.bottom);
      const before = element.scrollTop;
      if (by !== 0) element.scrollTop += by;
      if (element.scrollTop !== before) follow(g);
      g.frame = requestAnimationFrame(() => autoScroll(g));
    };

    const markDragging = (ids: ReadonlySet<string> | null) => {
      scroller.current?.toggleAttribute('data-dragging', ids !== null);
      for (const { element, box } of cards()) {
        element.toggleAttribute('data-dragging', ids?.has(box.id) ?? false);
      }
    };

    return (id: string, event: PointerEvent<HTMLElement>) => {
      if (readOnly.current || gesture.current) return;
      if (event.pointerType === 'mouse' && event.button !== 0) return;
      // No text selection, no focus change, no native drag of the handle.
      event.preventDefault();
      const handle = event.currentTarget;
      handle.setPointerCapture(event.pointerId);

      const finish = (commit: boolean) => {
        const g = gesture.current;
        if (!g) return;
        gesture.current = null;
        g.stop();
        if (!commit || !g.moving) return;
        const landing = target(g);
        const current = order.current ?? [];
        if (!landing || !moveChangesOrder(current, g.moving, landing.index)) return;
        // One transaction: one change for the others, one undo step for this person.
        const moving = g.moving;
        doc.transact(() => {
          if (moving.length > 1) moveScenes(doc, moving, landing.index);
          else moveScene(doc, moving[0]!, landing.index);
        });
      };

      const onMove = (move: globalThis.PointerEvent) => {
        const g = gesture.current;
        if (!g || move.pointerId !== g.pointerId) return;
        g.lastY = move.clientY;
        if (!g.moving) {
          const travel = Math.hypot(move.clientX - g.startX, move.clientY - g.startY);
          if (travel < DRAG_THRESHOLD_PX) return;
          g.moving = draggedIds(order.current ?? [], g.id, selection.ids);
          markDragging(new Set(g.moving));
          g.frame = requestAnimationFrame(() => autoScroll(g));
        }
        follow(g);
      };
      const onUp = (up: globalThis.PointerEvent) => {
        const g = gesture.current;
        if (!g || up.pointerId !== g.pointerId) return;
        g.lastY = up.clientY;
        // A drag ends without the click that would select this card alone.
        if (g.moving) suppressNextClick(handle);
        finish(true);
      };
      const onCancel = (cancel: globalThis.PointerEvent) => {
        if (cancel.pointerId === gesture.current?.pointerId) finish(false);
      };
      const onKey = (key: KeyboardEvent) => {
        if (key.key !== 'Escape') return;
        key.preventDefault();
        key.stopPropagation();
        finish(false);
      };

      handle.addEventListener('pointermove', onMove);
      handle.addEventListener('pointerup', onUp);
      handle.addEventListener('pointercancel', onCancel);
      handle.addEventListener('lostpointercapture', onCancel);
      document.addEventListener('keydown', onKey, true);
      gesture.current = {
        id,
        pointerId: event.pointerId,
        startX: event.clientX,
        startY: event.clientY,
        lastY: event.clientY,
        moving: null,
        frame: 0,
        stop() {
          cancelAnimationFrame(this.frame);
          handle.removeEventListener('pointermove', onMove);
          handle.removeEventListener('pointerup', onUp);
          handle.removeEventListener('pointercancel', onCancel);
          handle.removeEventListener('lostpointercapture', onCancel);
          document.removeEventListener('keydown', onKey, true);
          if (handle.hasPointerCapture(this.pointerId))
            handle.releasePointerCapture(this.pointerId);
          markDragging(null);
          setDrop(null);
        },
      };
    };
  }, [doc, selection, order, scroller]);

  return { grab, drop };
}

/** Swallows the click a finished drag would send to the handle (and through it, the card). */
function suppressNextClick(handle: HTMLElement) {
  const swallow = (click: MouseEvent) => click.stopPropagation();
  handle.addEventListener('click', swallow, { capture: true, once: true });
  // No click comes when the pointer ended elsewhere: do not swallow a later one.
  setTimeout(() => handle.removeEventListener('click', swallow, true), 0);
}
