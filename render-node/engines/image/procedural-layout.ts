import type { DepictedFigure, DepictedProp } from '../../../shared/render/depiction.ts';
import { GROUP, iconInfo } from './icon-index.ts';
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

export function layoutSubjects(
  stage: Stage,
  figures: DepictedFigure[],
  props: DepictedProp[],
): { figures: IconPlacement[]; props: IconPlacement[] } {
  const { W, H, horizon } = stage;
  const short = Math.min(W, H);
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
  // Scan from the right third outwards: x positions in order of preference.
  const xs = (width: number) => {
    const candidates: number[] = [];
    for (let step = 0; step <= 40; step++) {
      const offset = (step % 2 ? 1 : -1) * Math.ceil(step / 2) * W * 0.025;
      const x = W * 0.7 + offset;
      if (x - width / 2 >= W * 0.02 && x + width / 2 <= W * 0.98) candidates.push(x);
    }
    return candidates;
  };
  /** A row of `count` icons of `size` standing on `base`: the first spot that fits, shrinking if none does. */
  const place = (count: number, size: number, base: number, gap: number) =>
    fit(count, size, base, gap, taken) ??
    // A crowded frame: in front of or behind others rather than nowhere (never on the lettering).
    fit(count, size * 0.7, base, gap, [lettering]) ?? {
      // Nothing fits at all (a tiny frame): small, in the sky on the right, still on screen.
      spots: Array.from({ length: count }, (_, i) => ({
        x: W * 0.95 - size * 0.3 * gap * (count - i - 0.5),
        y: H * 0.12 + size * 0.3,
        size: size * 0.3,
      })),
    };
  const fit = (count: number, size: number, base: number, gap: number, obstacles: Box[]) => {
    for (let shrink = 1; shrink > 0.3; shrink *= 0.8) {
      // Further back (higher) when the front is full: smaller with distance.
      for (const lift of [0, 0.06, 0.12, 0.2, 0.28]) {
        const y = Math.min(floor, base - lift * H);
        if (lift > 0 && y < horizon) continue;
        const s = size * shrink * (1 - lift);
        const width = count * s * gap;
        for (const x of xs(width)) {
          const box = { x: x - width / 2, y: y - s, w: width, h: s };
          if (box.y < H * 0.08) continue;
          if (obstacles.every((t) => !overlaps(box, t))) {
            taken.push(box);
            return {
              spots: Array.from({ length: count }, (_, i) => ({
                x: box.x + s * gap * (i + 0.5),
                y,
                size: s,
              })),
            };
          }
        }
      }
    }
    return null;
  };

  const figurePlacements: IconPlacement[] = [];
  if (figures.length) {
    const base = stage.terrain === 'interior' ? H - short * 0.04 : baseOf('front');
    const height = short * (H > W * 1.1 ? 0.3 : 0.42);
    // Rows are reserved at the tallest figure's height; each is drawn at its own.
    const tallest = Math.max(...figures.map((f) => f.scale));
    const { spots } = place(figures.length, height * tallest, base, 0.55);
    figures.forEach((figure, i) => {
      const spot = spots[i]!;
      figurePlacements.push({
        icon: figure.icon,
        x: spot.x,
        y: spot.y,
        size: (spot.size * figure.scale) / tallest,
        flip: i % 2 === 1,
        tint: { from: CLOTHING[figure.icon] ?? '', to: figure.colour },
      });
    });
  }

  const propPlacements: IconPlacement[] = [];
  // The biggest things first: they have the fewest places to go.
  const ordered = [...props].sort((a, b) => kindOf(b.icon).size - kindOf(a.icon).size);
  for (const prop of ordered) {
    const kind = kindOf(prop.icon);
    const band = stage.terrain === 'interior' && kind.band === 'back' ? 'middle' : kind.band;
    const depth = band === 'back' ? 0.6 : band === 'middle' ? 0.25 : 0;
    const size = short * kind.size * (prop.count > 2 || prop.overhead ? 0.8 : 1);
    // Overhead things hang in a row near the top of the frame.
    const base = prop.overhead ? H * 0.1 + size : baseOf(band);
    const { spots } = place(prop.count, size, base, 0.95);
    for (const spot of spots) {
      propPlacements.push({ icon: prop.icon, ...spot, depth: prop.overhead ? 0.1 : depth });
    }
  }
  return { figures: figurePlacements, props: propPlacements };
}
