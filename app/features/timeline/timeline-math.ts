import { MAX_SCENE_DURATION_SEC } from '../../../shared/timeline.ts';

/**
 * Pure geometry of the timeline: seconds ↔ pixels, block layout, drop
 * targets, ruler ticks, zoom and duration rounding. No React, no DOM.
 */

export const MIN_PPS = 4;
export const MAX_PPS = 160;
export const DEFAULT_PPS = 24;
/** Blocks never get narrower than this, so a 1 s scene stays clickable when zoomed out. */
export const MIN_BLOCK_PX = 28;
export const MIN_DURATION_SEC = 1;
/** The timeline schema's bound (one source: shared/timeline.ts). */
export const MAX_DURATION_SEC = MAX_SCENE_DURATION_SEC;
export const DURATION_STEP_SEC = 0.5;
/** Free space kept after the last block when fitting the project in view. */
export const FIT_MARGIN_PX = 48;
/** A short project is not blown up past this when fitted (the user can still zoom in). */
export const FIT_MAX_PPS = 60;

export const clamp = (value: number, min: number, max: number) =>
  Math.min(max, Math.max(min, value));

/** A scene's width on screen: its duration at this zoom, never below MIN_BLOCK_PX. */
export function blockWidth(sec: number, pps: number): number {
  return Math.max(MIN_BLOCK_PX, sec * pps);
}

/** A duration from a drag or a key press: rounded to 0.5 s, within 1..600 s. */
export function roundDuration(sec: number): number {
  if (!Number.isFinite(sec)) return MIN_DURATION_SEC;
  const rounded = Math.round(sec / DURATION_STEP_SEC) * DURATION_STEP_SEC;
  return clamp(rounded, MIN_DURATION_SEC, MAX_DURATION_SEC);
}

/** The duration while dragging a block's right edge by `dx` pixels. */
export function resizedDuration(startSec: number, dx: number, pps: number): number {
  return roundDuration(startSec + dx / pps);
}

export interface TimelineLayout {
  pps: number;
  /** Per block, in order: left edge and width in pixels, start and duration in seconds. */
  starts: number[];
  widths: number[];
  secStarts: number[];
  secs: number[];
  totalSec: number;
  totalPx: number;
}

/** Where each block sits; matches the flex layout of the tracks (widths from blockWidth). */
export function layoutBlocks(secs: readonly number[], pps: number): TimelineLayout {
  const starts: number[] = [];
  const widths: number[] = [];
  const secStarts: number[] = [];
  let x = 0;
  let t = 0;
  for (const sec of secs) {
    const width = blockWidth(sec, pps);
    starts.push(x);
    widths.push(width);
    secStarts.push(t);
    x += width;
    t += sec;
  }
  return { pps, starts, widths, secStarts, secs: [...secs], totalSec: t, totalPx: x };
}

/** The last index whose value is ≤ target (values ascending); -1 when none. */
function lastAtOrBefore(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= target) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Seconds → x in pixels, following the blocks (past the end, at the plain zoom rate). */
export function timeToX(layout: TimelineLayout, sec: number): number {
  if (sec <= 0) return sec * layout.pps;
  if (sec >= layout.totalSec) return layout.totalPx + (sec - layout.totalSec) * layout.pps;
  const i = lastAtOrBefore(layout.secStarts, sec);
  const blockSec = layout.secs[i]!;
  const within = blockSec > 0 ? (sec - layout.secStarts[i]!) / blockSec : 0;
  return layout.starts[i]! + within * layout.widths[i]!;
}

/** The scene (index) at a time on the timeline and how far into it (0..1); null past the ends. */
export function sceneAtTime(
  layout: TimelineLayout,
  sec: number,
): { index: number; fraction: number } | null {
  if (sec < 0 || sec > layout.totalSec || layout.secs.length === 0) return null;
  const i = Math.min(lastAtOrBefore(layout.secStarts, sec), layout.secs.length - 1);
  const blockSec = layout.secs[i]!;
  const fraction = blockSec > 0 ? Math.min(1, (sec - layout.secStarts[i]!) / blockSec) : 0;
  return { index: i, fraction };
}

/** x in pixels → seconds (the inverse of timeToX). */
export function xToTime(layout: TimelineLayout, x: number): number {
  if (x <= 0) return x / layout.pps;
  if (x >= layout.totalPx) return layout.totalSec + (x - layout.totalPx) / layout.pps;
  const i = lastAtOrBefore(layout.starts, x);
  const width = layout.widths[i]!;
  const within = width > 0 ? (x - layout.starts[i]!) / width : 0;
  return layout.secStarts[i]! + within * layout.secs[i]!;
}

export interface Span {
  start: number;
  end: number;
}

/**
 * Where a dragged block would land: `blocks` are the blocks NOT being moved,
 * in order. The index is the position among them (what moveScene(s) takes);
 * x is where to draw the drop indicator.
 */
export function dropTarget(
  pointerX: number,
  blocks: readonly Span[],
): { index: number; x: number } {
  let index = 0;
  for (const block of blocks) {
    if (pointerX > (block.start + block.end) / 2) index++;
    else break;
  }
  if (blocks.length === 0) return { index: 0, x: 0 };
  const x = index === 0 ? blocks[0]!.start : blocks[index - 1]!.end;
  return { index, x };
}

/** The order after moving `moved` (kept in their current relative order) to `index` among the others. */
export function orderAfterMove(
  order: readonly string[],
  moved: readonly string[],
  index: number,
): string[] {
  const movedSet = new Set(moved);
  const group = order.filter((id) => movedSet.has(id));
  const others = order.filter((id) => !movedSet.has(id));
  const at = clamp(Math.round(index), 0, others.length);
  return [...others.slice(0, at), ...group, ...others.slice(at)];
}

const sameOrder = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/** Whether a drop would change anything (so a no-op drop writes nothing). */
export function moveChangesOrder(
  order: readonly string[],
  moved: readonly string[],
  index: number,
): boolean {
  return !sameOrder(order, orderAfterMove(order, moved, index));
}

const MAJOR_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600];
const MINOR_STEPS = [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600];
export const MIN_MAJOR_TICK_PX = 72;
export const MIN_MINOR_TICK_PX = 16;

/** Ruler spacing in seconds at a zoom: labelled marks at least 72 px apart, minor marks 16 px. */
export function tickSpacing(pps: number): { major: number; minor: number } {
  const major = MAJOR_STEPS.find((s) => s * pps >= MIN_MAJOR_TICK_PX) ?? MAJOR_STEPS.at(-1)!;
  const minor =
    MINOR_STEPS.find((s) => s < major && major % s === 0 && s * pps >= MIN_MINOR_TICK_PX) ?? major;
  return { major, minor };
}

export interface Tick {
  sec: number;
  major: boolean;
}

/** The ticks between two times (inclusive), on the minor grid. */
export function ticksBetween(fromSec: number, toSec: number, pps: number): Tick[] {
  const { major, minor } = tickSpacing(pps);
  const ticks: Tick[] = [];
  const first = Math.max(0, Math.ceil(fromSec / minor));
  const last = Math.floor(toSec / minor);
  for (let i = first; i <= last; i++) {
    const sec = Math.round(i * minor * 1000) / 1000;
    ticks.push({ sec, major: Math.abs(sec / major - Math.round(sec / major)) < 1e-9 });
  }
  return ticks;
}

/** m:ss (h:mm:ss past an hour); negative times read as 0:00. */
export function formatTime(sec: number): string {
  const total = Math.max(0, Math.floor(sec + 1e-9));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export const clampPps = (pps: number) => clamp(pps, MIN_PPS, MAX_PPS);

/**
 * The zoom that shows every block in `viewportPx` (some room kept at the end):
 * the largest pixels-per-second within MIN..FIT_MAX whose layout fits, MIN_PPS
 * when nothing fits.
 */
export function fitPps(secs: readonly number[], viewportPx: number): number {
  const totalSec = secs.reduce((sum, sec) => sum + sec, 0);
  if (totalSec <= 0 || viewportPx <= 0) return DEFAULT_PPS;
  const room = Math.max(0, viewportPx - FIT_MARGIN_PX);
  const width = (pps: number) => secs.reduce((sum, sec) => sum + blockWidth(sec, pps), 0);
  if (width(FIT_MAX_PPS) <= room) return FIT_MAX_PPS;
  if (width(MIN_PPS) > room) return MIN_PPS;
  let lo = MIN_PPS;
  let hi = FIT_MAX_PPS;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (width(mid) <= room) lo = mid;
    else hi = mid;
  }
  return Math.floor(lo * 10) / 10;
}

/** The Radix slider works on 0..100, logarithmic in pixels per second. */
export const ZOOM_SLIDER_MAX = 100;

export function ppsToSlider(pps: number): number {
  const ratio = Math.log(clampPps(pps) / MIN_PPS) / Math.log(MAX_PPS / MIN_PPS);
  return Math.round(ratio * ZOOM_SLIDER_MAX);
}

export function sliderToPps(value: number): number {
  const ratio = clamp(value, 0, ZOOM_SLIDER_MAX) / ZOOM_SLIDER_MAX;
  return clampPps(Math.round(MIN_PPS * (MAX_PPS / MIN_PPS) ** ratio * 10) / 10);
}

export const ZOOM_FACTOR = 1.5;

/** One zoom step in or out (the − / + buttons). */
export function zoomStep(pps: number, direction: 1 | -1): number {
  return clampPps(Math.round(pps * ZOOM_FACTOR ** direction * 10) / 10);
}

/** The first words of a narration, for its block (an ellipsis when cut). */
export function firstWords(text: string, max = 8): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length <= max) return words.join(' ');
  return `${words.slice(0, max).join(' ')}…`;
}

/** Two-letter initials of a person's name. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    parts.length >= 2 ? [parts[0]![0], parts.at(-1)![0]] : [...(parts[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase();
}
