import { dropTarget, type Span, type TimelineLayout } from './timeline-math.ts';

/**
 * Pure rules of dragging blocks on the video track: what moves, where it
 * would land, when the track scrolls. No React, no DOM.
 */

/** Distance from the scroller's edges where a drag scrolls the timeline. */
export const AUTO_SCROLL_EDGE_PX = 40;
export const AUTO_SCROLL_STEP_PX = 18;

/** Dragging a selected block moves the whole selection (in board order); any other, just itself. */
export function draggedIds(
  order: readonly string[],
  id: string,
  selected: ReadonlySet<string>,
): string[] {
  return selected.has(id) && selected.size > 1
    ? order.filter((other) => selected.has(other))
    : [id];
}

/** Where the dragged blocks would land: among the blocks that stay, at `x` on the track. */
export function dragTarget(
  order: readonly string[],
  layout: TimelineLayout,
  moving: readonly string[],
  x: number,
): { index: number; x: number } {
  const movingSet = new Set(moving);
  const spans: Span[] = order.flatMap((id, i) =>
    movingSet.has(id)
      ? []
      : [{ start: layout.starts[i]!, end: layout.starts[i]! + layout.widths[i]! }],
  );
  return dropTarget(x, spans);
}

/** Pixels to scroll the track by while the pointer is near one of its edges. */
export function autoScrollBy(clientX: number, edges: { left: number; right: number }): number {
  return edgeScrollBy(clientX, edges.left, edges.right);
}

/**
 * Pixels to scroll a drag's scroller by along one axis (x or y alike): back
 * near its start edge, on near its end edge, none in between.
 */
export function edgeScrollBy(pointer: number, start: number, end: number): number {
  if (pointer < start + AUTO_SCROLL_EDGE_PX) return -AUTO_SCROLL_STEP_PX;
  if (pointer > end - AUTO_SCROLL_EDGE_PX) return AUTO_SCROLL_STEP_PX;
  return 0;
}
