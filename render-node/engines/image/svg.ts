/**
 * Tiny helpers to write SVG as strings, and the seeded random generator the
 * designs draw from. Pure.
 */

export type Attrs = Record<string, string | number | undefined>;

/** Rounds coordinates to 0.1 px: smaller SVG, identical raster. */
export const n = (value: number) => String(Math.round(value * 10) / 10);

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function el(tag: string, attrs: Attrs = {}, ...children: string[]): string {
  const attributes = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? n(v) : escapeXml(v!)}"`)
    .join('');
  return children.length
    ? `<${tag}${attributes}>${children.join('')}</${tag}>`
    : `<${tag}${attributes}/>`;
}

export const text = (attrs: Attrs, content: string) =>
  `<text${Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? n(v) : escapeXml(v!)}"`)
    .join('')}>${escapeXml(content)}</text>`;

export interface Random {
  /** 0 ≤ x < 1 */
  next(): number;
  range(min: number, max: number): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: tiny, fast, good enough for layout; identical on every platform. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    range: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

export type Point = [number, number];

/** A closed shape through `points` with smooth (Catmull-Rom) curves, closed along `bottom`. */
export function smoothFill(points: readonly Point[], bottom: number): string {
  if (points.length < 2) return '';
  const [first] = points;
  let d = `M${n(first![0])} ${n(bottom)} L${n(first![0])} ${n(first![1])}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[Math.max(0, i - 1)]!;
    const p1 = points[i]!;
    const p2 = points[i + 1]!;
    const p3 = points[Math.min(points.length - 1, i + 2)]!;
    const c1: Point = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6];
    const c2: Point = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6];
    d += ` C${n(c1[0])} ${n(c1[1])} ${n(c2[0])} ${n(c2[1])} ${n(p2[0])} ${n(p2[1])}`;
  }
  return `${d} L${n(points.at(-1)![0])} ${n(bottom)} Z`;
}

/** A closed polygon through `points`, closed along `bottom` (mountains, skylines). */
export function jaggedFill(points: readonly Point[], bottom: number): string {
  if (points.length === 0) return '';
  const body = points.map(([x, y]) => `${n(x)} ${n(y)}`).join(' L');
  return `M${n(points[0]![0])} ${n(bottom)} L${body} L${n(points.at(-1)![0])} ${n(bottom)} Z`;
}

/** A ridge line by midpoint displacement: `roughness` < 1 makes it smoother. */
export function ridge(
  rng: Random,
  from: number,
  to: number,
  baseY: number,
  amplitude: number,
  depth = 6,
  roughness = 0.55,
): Point[] {
  let points: Point[] = [
    [from, baseY - rng.range(0.2, 0.8) * amplitude],
    [to, baseY - rng.range(0.2, 0.8) * amplitude],
  ];
  let spread = amplitude;
  for (let level = 0; level < depth; level++) {
    const next: Point[] = [];
    for (let i = 0; i < points.length - 1; i++) {
      const a = points[i]!;
      const b = points[i + 1]!;
      next.push(a, [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2 + rng.range(-0.5, 0.5) * spread]);
    }
    next.push(points.at(-1)!);
    points = next;
    spread *= roughness;
  }
  return points.map(([x, y]) => [x, Math.min(baseY, Math.max(baseY - amplitude * 1.3, y))]);
}
