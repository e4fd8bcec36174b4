import type { DepictedFigure, DepictedProp } from '../../../shared/render/depiction.ts';
import type { Focus } from './depict.ts';
import { GROUP, iconInfo, isPerson } from './icon-index.ts';
import { CLOTHING, type IconPlacement } from './procedural-icons.ts';
import type { Terrain } from './scene-reading.ts';

/**
 * Where the figures and props of a picture stand (pure): in depth bands
 * (vehicles and buildings in the middle ground or back, small objects in
 * front), at a size by kind and depth, on the right third first (the
 * lettering owns the lower left of landscape frames and the bottom of
 * portrait ones), never overlapping each other or the lettering.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Stage {
  W: number;
  H: number;
  horizon: number;
  terrain: Terrain;
  /** Where the lettering may be: nothing is placed there. */
  lettering: Box;
}

type Band = 'back' | 'middle' | 'front';

/** How big a kind of thing is drawn (share of the frame's short side) and in which band. */
function kindOf(icon: string): { band: Band; size: number } {
  const info = iconInfo(icon);
  if (!info) return { band: 'front', size: 0.16 };
  const { group, subgroup } = info;
  if (group === GROUP.places) {
    if (subgroup === 55) return { band: 'middle', size: 0.34 }; // boats
    if (subgroup >= 54 && subgroup <= 56) return { band: 'middle', size: 0.26 }; // vehicles, aircraft
    if (subgroup >= 51 && subgroup <= 53) return { band: 'back', size: 0.3 }; // buildings
    return { band: 'middle', size: 0.2 };
  }
  if (group === GROUP.nature) {
    if (subgroup === 41 || subgroup === 40) return { band: 'middle', size: 0.3 }; // trees, plants
    return { band: 'middle', size: 0.18 }; // animals
  }
  if (group === GROUP.people) return { band: 'front', size: 0.2 }; // hands
  if (subgroup === 81) return { band: 'front', size: 0.2 }; // household: bins, chairs, baskets
  return { band: 'front', size: 0.15 }; // food, objects, tools
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** A standing person's icon is about a third as wide as it is tall (with its arms); props fill their square. */
export const FIGURE_WIDTH = 0.38;

/** The box a placed icon covers (figures are tinted: narrower than their square). */
export function placementBox(p: IconPlacement): Box {
  const w = p.tint ? p.size * FIGURE_WIDTH : p.size;
  return { x: p.x - w / 2, y: p.y - p.size, w, h: p.size };
}

/** The focal subject's height, as a share of the frame's height (landscape; less on portrait). */
const FOCAL_SIZE = 0.5;
/** People who are not the subject still read at a glance. */
const FIGURE_SIZE = 0.3;
/** How far a counted subject's back rank stands behind (above) its front row, in heights. */
const RANK_RISE = 0.3;
/** How much of a thing's height (from its base) a person may stand in front of. */
export const IN_FRONT_OF = 0.4;

interface Spot {
  x: number;
  y: number;
  size: number;
}

export function layoutSubjects(
  stage: Stage,
  figures: DepictedFigure[],
  props: DepictedProp[],
  focus: Focus = null,
): { figures: IconPlacement[]; props: IconPlacement[] } {
  const { W, H, horizon } = stage;
  const short = Math.min(W, H);
  // Sizes follow the frame's height, but a portrait frame's width bounds them.
  const unit = Math.min(H, W * 1.2);
  const taken: Box[] = [stage.lettering];
  // The lowest ground things may stand on: above the lettering when it spans the frame (portrait).
  const { lettering } = stage;
  const floor = lettering.w >= W * 0.99 ? lettering.y - short * 0.02 : H - short * 0.02;
  const baseOf = (band: Band) =>
    band === 'back'
      ? horizon + short * 0.02
      : band === 'middle'
        ? Math.min(H * 0.92, horizon + (H - horizon) * 0.35)
        : H - short * 0.05;
  // The subject stands on the right third (the lettering owns the lower left); others around it.
  const third = W * (H > W * 1.1 ? 0.6 : 0.67);

  /**
   * A row of icons (relative `widths`, in heights) standing on `base`: the
   * best free spot near `preferX`, where nearer the preferred place, less
   * lifted (further back is smaller) and less shrunk is better.
   */
  const fit = (
    widths: number[],
    size: number,
    base: number,
    preferX: number,
    obstacles: Box[],
    focal: boolean,
    overhang: number,
  ): Spot[] | null => {
    // Icons spaced closer than they are wide reach past the row's ends: the box holds them.
    const total = widths.reduce((sum, w) => sum + w, 0) + overhang;
    let best: { cost: number; box: Box; s: number; y: number } | null = null;
    // Others stay readable: a crowded frame overlaps them (below) before they shrink to specks.
    for (const shrink of focal
      ? [1, 0.9, 0.8, 0.68, 0.56, 0.45, 0.36]
      : [1, 0.9, 0.8, 0.68, 0.56]) {
      for (const lift of [0, 0.05, 0.1, 0.16, 0.24, 0.3, 0.36]) {
        const y = Math.min(floor, base - lift * H);
        // The subject stays near the front: smaller rather than far back.
        if ((focal && lift > 0.1) || (lift > 0 && y < horizon)) continue;
        const s = size * shrink * (1 - lift);
        const width = total * s;
        // The subject leaves room for the rest of the scene.
        if (focal && width > W * 0.6) continue;
        for (let step = 0; step <= 60; step++) {
          const x = preferX + (step % 2 ? 1 : -1) * Math.ceil(step / 2) * W * 0.02;
          if (x - width / 2 < W * 0.02 || x + width / 2 > W * 0.98) continue;
          const cost = Math.abs(x - preferX) / W + lift * 1.5 + (1 - shrink) * 1.2;
          if (best && cost >= best.cost) continue;
          const box = { x: x - width / 2, y: y - s, w: width, h: s };
          if (box.y < H * 0.06) continue;
          if (obstacles.every((t) => !overlaps(box, t))) best = { cost, box, s, y };
        }
      }
    }
    if (!best) return null;
    taken.push(best.box);
    let left = best.box.x + (overhang * best.s) / 2;
    return widths.map((w) => {
      const spot = { x: left + (w * best.s) / 2, y: best.y, size: best.s };
      left += w * best.s;
      return spot;
    });
  };
  const place = (
    widths: number[],
    size: number,
    base: number,
    preferX: number,
    focal: boolean,
    overhang = 0,
    obstacles: Box[] = taken,
  ): Spot[] =>
    fit(widths, size, base, preferX, obstacles, focal, overhang) ??
    // A crowded frame: in front of or behind others rather than nowhere (never on the lettering).
    fit(widths, size * 0.7, base, preferX, [lettering], false, overhang) ??
    // Nothing fits at all (a tiny frame): small, in the sky on the right, still on screen.
    widths.map((w, i) => ({
      x: W * 0.95 - size * 0.3 * w * (widths.length - i - 0.5),
      y: H * 0.12 + size * 0.3,
      size: size * 0.3,
    }));

  const placeFigures = (): IconPlacement[] => {
    if (!figures.length) return [];
    const focal = focus !== null && 'figures' in focus;
    const base = stage.terrain === 'interior' ? H - short * 0.04 : baseOf('front');
    const height = unit * (focal ? FOCAL_SIZE : FIGURE_SIZE);
    // The row is reserved at the tallest figure's height; each takes its own width and height.
    const tallest = Math.max(...figures.map((f) => f.scale));
    // (A hair wider than each figure: neighbours never touch.)
    const widths = figures.map((f) => (FIGURE_WIDTH * 1.01 * f.scale) / tallest);
    // People may stand before the lower part of a thing placed already (a person in front of
    // a counter, beside a horse): it stays readable above their heads.
    const behind = taken.map((box) =>
      box === lettering ? box : { ...box, h: box.h * (1 - IN_FRONT_OF) },
    );
    const spots = place(widths, height * tallest, base, focal ? third : W * 0.8, focal, 0, behind);
    return figures.map((figure, i) => ({
      icon: figure.icon,
      x: spots[i]!.x,
      y: spots[i]!.y,
      size: (spots[i]!.size * figure.scale) / tallest,
      flip: i % 2 === 1,
      tint: { from: CLOTHING[figure.icon] ?? '', to: figure.colour },
    }));
  };

  const placeProp = (prop: DepictedProp): IconPlacement[] => {
    const focal = focus !== null && 'icon' in focus && focus.icon === prop.icon;
    const kind = kindOf(prop.icon);
    const band = stage.terrain === 'interior' && kind.band === 'back' ? 'middle' : kind.band;
    const depth = band === 'back' ? 0.6 : band === 'middle' ? 0.25 : 0;
    // The subject is big whatever its kind ("a hand holding a bottle" is a close-up).
    const size = focal
      ? unit * FOCAL_SIZE
      : short * kind.size * (prop.count > 2 || prop.overhead ? 0.8 : 1);
    // Overhead things hang in a row near the top of the frame.
    const base = prop.overhead
      ? H * 0.1 + size
      : focal && band === 'back'
        ? baseOf('middle')
        : baseOf(band);
    // A counted subject ("three bins") stands close, each a little before the next; from three,
    // things on the ground stand in two ranks (the back one raised between the front ones), so
    // each stays big (boats keep to one line on the water).
    const ranked = focal && prop.count >= 3 && band === 'front';
    const front = ranked ? Math.ceil(prop.count / 2) : prop.count;
    const gap = focal && prop.count > 1 ? 0.78 : 0.95;
    const spots = place(
      Array.from({ length: front }, () => gap),
      size,
      base,
      focal ? third : W * 0.8,
      focal,
      1 - gap,
    );
    const placed = spots.map((spot) => ({
      icon: prop.icon,
      ...spot,
      depth: prop.overhead ? 0.1 : focal ? Math.min(depth, 0.15) : depth,
    }));
    if (!ranked) return placed;
    const back = spots.slice(0, prop.count - front).map((spot, i) => {
      const next = spots[i + 1] ?? spot;
      return {
        icon: prop.icon,
        x: (spot.x + next.x) / 2,
        y: spot.y - spot.size * RANK_RISE,
        size: spot.size * 0.92,
        depth: Math.min(depth, 0.15) + 0.08,
      };
    });
    // The back rank rises above the front row's box: that band is taken too.
    const top = Math.min(...back.map((b) => b.y - b.size));
    const left = Math.min(...back.map((b) => b.x - b.size / 2));
    const right = Math.max(...back.map((b) => b.x + b.size / 2));
    taken.push({ x: left, y: top, w: right - left, h: spots[0]!.y - spots[0]!.size - top });
    return [...back, ...placed];
  };

  // The subject first: it takes the best place; then the biggest things, which have the fewest places to go.
  const focalProp = props.find((p) => focus !== null && 'icon' in focus && p.icon === focus.icon);
  const held = heldThing(props);
  const propPlacements = focalProp ? placeProp(focalProp) : [];
  const figurePlacements = placeFigures();
  const others = props
    .filter((p) => p !== focalProp && p !== held)
    .sort((a, b) => kindOf(b.icon).size - kindOf(a.icon).size);
  for (const prop of others) propPlacements.push(...placeProp(prop));
  // "A hand holding a bottle": the bottle is drawn in the hand, a deliberate overlap.
  const hand = propPlacements.find((p) => isHand(p.icon));
  if (held && hand) {
    propPlacements.push({
      icon: held.icon,
      x: hand.x + hand.size * 0.08,
      y: hand.y - hand.size * 0.3,
      size: hand.size * 0.72,
      depth: hand.depth ?? 0,
      held: true,
    });
  } else if (held) propPlacements.push(...placeProp(held));
  return { figures: figurePlacements, props: propPlacements };
}

/** A hand (not a whole person): drawn in the air, as a close-up shows it. */
export const isHand = (icon: string) => {
  const info = iconInfo(icon);
  return info !== null && info.group === GROUP.people && !isPerson(info);
};

/** The small thing a hand holds when a scene names both: the first small object after the hand. */
function heldThing(props: DepictedProp[]): DepictedProp | undefined {
  const hand = props.findIndex((p) => isHand(p.icon));
  if (hand < 0 || props[hand]!.count !== 1) return undefined;
  return props.find(
    (p) => p.count === 1 && !p.overhead && !isHand(p.icon) && kindOf(p.icon).size <= 0.15,
  );
}
