import { dropTarget } from '../timeline/timeline-math.ts';

/**
 * Pure rules of dragging cards on the scene board: where the dragged cards
 * would land and where to draw the line that shows it. No React, no DOM: the
 * board measures its cards and passes their boxes in.
 */

/** A card as measured on screen, in board order: its scene and vertical extent. */
export interface CardBox {
  id: string;
  top: number;
  bottom: number;
}

/** How far past the first or last staying card the drop line sits (no gap to centre it in). */
export const DROP_LINE_OUTSIDE_PX = 6;

/**
 * Where the dragged cards would land with the pointer at `pointerY`: `index`
 * is the position among the cards that stay (what moveScene(s) takes), `y`
 * where to draw the drop line, centred in the gap between the two cards it
 * falls between. Null when every card moves (nowhere else to go).
 */
export function boardDropTarget(
  cards: readonly CardBox[],
  moving: ReadonlySet<string>,
  pointerY: number,
): { index: number; y: number } | null {
  const staying = cards.filter((card) => !moving.has(card.id));
  if (staying.length === 0) return null;
  // The same rule as the timeline: past a card's middle, the drop goes after it.
  const { index } = dropTarget(
    pointerY,
    staying.map((card) => ({ start: card.top, end: card.bottom })),
  );
  const above = staying[index - 1];
  const below = staying[index];
  const y =
    above && below
      ? (above.bottom + below.top) / 2
      : above
        ? above.bottom + DROP_LINE_OUTSIDE_PX
        : below!.top - DROP_LINE_OUTSIDE_PX;
  return { index, y };
}
