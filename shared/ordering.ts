import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/**
 * Scene order is a fractional index string (see docs/design.md): moving a scene
 * rewrites one key, so two people moving the same scene at once can never
 * duplicate it. Ties (two keys generated concurrently between the same
 * neighbours) are broken by scene id, so every replica sorts identically.
 */
export function orderBetween(before: string | null, after: string | null): string {
  // Equal or inverted neighbours happen after concurrent inserts; nudge past them.
  if (before !== null && after !== null && before >= after) {
    return generateKeyBetween(before, null);
  }
  return generateKeyBetween(before, after);
}

export function orderKeys(
  count: number,
  before: string | null = null,
  after: string | null = null,
) {
  return generateNKeysBetween(before, after, count);
}

export interface Ordered {
  id: string;
  order: string;
}

export function compareOrdered(a: Ordered, b: Ordered): number {
  if (a.order < b.order) return -1;
  if (a.order > b.order) return 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The key that places an item at `index` in `sorted` (which must not contain the item). */
export function orderForIndex(sorted: readonly Ordered[], index: number): string {
  const clamped = Math.max(0, Math.min(index, sorted.length));
  const before = clamped > 0 ? (sorted[clamped - 1]?.order ?? null) : null;
  const after = clamped < sorted.length ? (sorted[clamped]?.order ?? null) : null;
  return orderBetween(before, after);
}
