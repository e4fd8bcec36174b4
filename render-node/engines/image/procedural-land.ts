import { mix } from './palette.ts';
import { paint, type Canvas, type Tone } from './procedural-canvas.ts';
import { el, jaggedFill, n, ridge, smoothFill, type Point } from './svg.ts';

/** The land of a procedural picture, one composition per setting read from the scene's words. */

export function scenery(c: Canvas): string {
  switch (c.reading.terrain) {
    case 'water':
      return water(c);
    case 'mountains':
      return mountains(c);
    case 'city':
      return city(c);
    case 'forest':
      return forest(c);
    case 'interior':
      return '';
    case 'sky':
      return cloudBank(c);
    case 'space':
      return space(c);
    case 'desert':
      return desert(c);
    default:
      return hills(c);
  }
}

function hills(c: Canvas) {
  const { rng, W, H, horizon, u } = c;
  const line = (baseY: number, amp: number, count: number): Point[] =>
    Array.from({ length: count + 1 }, (_, i) => [
      (i / count) * W * 1.1 - W * 0.05,
      baseY - rng.range(0.2, 1) * amp,
    ]);
  return el(
    'g',
    {},
    el('path', { d: smoothFill(line(horizon, 9 * u, 5), H), ...paint(c, 'far') }),
    el('path', { d: smoothFill(line(horizon + 6 * u, 7 * u, 4), H), ...paint(c, 'mid') }),
    el('path', { d: smoothFill(line(horizon + 16 * u, 6 * u, 3), H), ...paint(c, 'near') }),
  );
}

function mountains(c: Canvas) {
  const { rng, W, H, horizon, u } = c;
  const far = ridge(rng, -W * 0.05, W * 1.05, horizon, 30 * u, 7, 0.52);
  const mid = ridge(rng, -W * 0.05, W * 1.05, horizon + 5 * u, 18 * u, 6, 0.55);
  // Snow on the highest peaks only: local tops of the far ridge.
  const peaks = far
    .filter(([, y], i) => i > 0 && i < far.length - 1 && y < far[i - 1]![1] && y < far[i + 1]![1])
    .filter(([, y]) => y < horizon - 20 * u)
    .sort((a, b) => a[1] - b[1])
    .slice(0, 3);
  const snow = peaks.map(([x, y]) =>
    el('path', {
      d: `M${n(x - 2.2 * u)} ${n(y + 3 * u)} L${n(x)} ${n(y)} L${n(x + 2.2 * u)} ${n(y + 3 * u)} Z`,
      fill: c.palette.light,
      opacity: 0.85,
    }),
  );
  return el(
    'g',
    {},
    el('path', { d: jaggedFill(far, H), ...paint(c, 'far') }),
    ...snow,
    el('path', { d: jaggedFill(mid, H), ...paint(c, 'mid') }),
    el('path', {
      d: smoothFill(
        [
          [-W * 0.05, horizon + 15 * u],
          [W * 0.3, horizon + 12 * u],
          [W * 0.7, horizon + 17 * u],
          [W * 1.05, horizon + 13 * u],
        ],
        H,
      ),
      ...paint(c, 'near'),
    }),
  );
}

function water(c: Canvas) {
  const { rng, W, H, horizon, u, palette, look } = c;
  const coastWidth = W * rng.range(0.3, 0.5);
  // A harbour's far coast runs behind the town on the left; the open sea has none.
  const x0 =
    c.reading.setting === 'harbour' ? -W * 0.05 : rng.chance(0.5) ? -W * 0.05 : W - coastWidth;
  const coast = ridge(rng, x0, x0 + coastWidth + W * 0.05, horizon, 7 * u, 5, 0.5);
  const sea = el('rect', {
    x: 0,
    y: horizon,
    width: W,
    height: H - horizon,
    fill: mix(palette.skyBottom, palette.mid, look.paper ? 0.35 : 0.55),
    opacity: look.layerOpacity < 1 ? look.layerOpacity : undefined,
  });
  const depth = el('rect', {
    x: 0,
    y: horizon,
    width: W,
    height: H - horizon,
    fill: 'url(#land-near)',
    opacity: look.paper ? 0.25 : 0.55,
  });
  // Glitter on the water under the light: short lines, denser near the light's column.
  const glitter: string[] = [];
  for (let i = 0; i < 46; i++) {
    const t = rng.next();
    const y = horizon + (H - horizon) * t * t + u * 0.6;
    const spread = (4 + t * 26) * u;
    const x = c.light[0] + rng.range(-1, 1) * spread;
    const len = (1.5 + t * 6) * u * rng.range(0.5, 1);
    glitter.push(
      el('line', {
        x1: x - len / 2,
        y1: y,
        x2: x + len / 2,
        y2: y,
        stroke: look.wash > 0.5 ? look.outline!.colour : palette.light,
        'stroke-width': (0.12 + t * 0.35) * u,
        'stroke-linecap': 'round',
        opacity: (1 - t) * 0.75 + 0.1,
      }),
    );
  }
  const horizonLine = look.outline
    ? el('line', {
        x1: 0,
        y1: horizon,
        x2: W,
        y2: horizon,
        stroke: look.outline.colour,
        'stroke-width': look.outline.width * u,
      })
    : '';
  return el(
    'g',
    {},
    sea,
    look.gradients ? depth : '',
    c.reading.setting === 'sea'
      ? ''
      : el('path', { d: jaggedFill(coast, horizon + 0.5 * u), ...paint(c, 'far') }),
    horizonLine,
    ...glitter,
    c.reading.setting === 'sea' ? swell(c) : '',
    c.reading.setting === 'sea' && c.depiction.figures.length ? shore(c) : '',
  );
}

/** The open sea's swell: crests in rows, closer and bigger towards the viewer. */
function swell(c: Canvas) {
  const { W, H, horizon, u, palette, rng } = c;
  let d = '';
  for (let row = 0; row < 7; row++) {
    const t = (row + 1) / 8;
    const y = horizon + (H - horizon) * t * t * 1.1;
    const len = (2 + t * 10) * u;
    for (let x = rng.range(-len, 0); x < W; x += len * rng.range(1.6, 2.6)) {
      d += `M${n(x)} ${n(y)} q${n(len / 2)} ${n(-len * 0.18)} ${n(len)} 0 `;
    }
  }
  return el('path', {
    d,
    fill: 'none',
    stroke: mix(palette.light, palette.mid, 0.35),
    'stroke-width': 0.3 * u,
    opacity: 0.55,
  });
}

/** The sky as the place: a bank of cloud below, nothing standing. */
function cloudBank(c: Canvas) {
  const { W, H, u, palette, rng } = c;
  const puffs: string[] = [];
  for (let x = -4 * u; x < W + 4 * u; x += rng.range(6, 10) * u) {
    puffs.push(
      el('circle', { cx: x, cy: H * 0.92 + rng.range(-3, 3) * u, r: rng.range(7, 12) * u }),
    );
  }
  return el('g', { fill: mix(palette.light, palette.skyBottom, 0.3), opacity: 0.9 }, ...puffs);
}

/** A rocky shore in the right foreground, where the figures of a scene at sea stand. */
function shore(c: Canvas) {
  const { W, H, u } = c;
  const top = H - 11 * u;
  return el('path', {
    d: smoothFill(
      [
        [W * 0.5, H + u],
        [W * 0.6, top + 3 * u],
        [W * 0.8, top],
        [W * 1.05, top - u],
      ],
      H + u,
    ),
    ...paint(c, 'near'),
  });
}

function city(c: Canvas) {
  const { rng, W, H, horizon, u, palette, reading } = c;
  const lit = reading.time === 'night' || reading.time === 'sunset';
  const row = (baseY: number, minH: number, maxH: number, tone: Tone) => {
    const parts: string[] = [];
    const windows: string[] = [];
    let x = -rng.range(0, 4) * u;
    while (x < W) {
      const w = rng.range(4, 10) * u;
      const h = rng.range(minH, maxH) * u;
      parts.push(el('rect', { x, y: baseY - h, width: w + 0.3 * u, height: h + (H - baseY) }));
      if (rng.chance(0.2)) {
        parts.push(
          el('rect', { x: x + w * 0.45, y: baseY - h - 3 * u, width: 0.4 * u, height: 3 * u }),
        );
      }
      if (lit && tone !== 'far') {
        for (let wy = baseY - h + 1.5 * u; wy < baseY - 1.5 * u; wy += 2.2 * u) {
          for (let wx = x + 0.9 * u; wx < x + w - 1.2 * u; wx += 1.8 * u) {
            if (rng.chance(0.3)) {
              windows.push(el('rect', { x: wx, y: wy, width: 0.8 * u, height: 1.1 * u }));
            }
          }
        }
      }
      x += w + rng.range(0, 1.2) * u;
    }
    return el(
      'g',
      {},
      el('g', paint(c, tone), ...parts),
      windows.length ? el('g', { fill: palette.light, opacity: 0.85 }, ...windows) : '',
    );
  };
  return el(
    'g',
    {},
    row(horizon, 10, 32, 'far'),
    row(horizon + 6 * u, 6, 22, 'mid'),
    el('rect', { x: 0, y: horizon + 14 * u, width: W, height: H, ...paint(c, 'near') }),
  );
}

function conifer(x: number, baseY: number, h: number) {
  const w = h * 0.42;
  return `M${n(x)} ${n(baseY - h)} L${n(x + w / 2)} ${n(baseY - h * 0.05)} L${n(x - w / 2)} ${n(baseY - h * 0.05)} Z M${n(x - h * 0.03)} ${n(baseY - h * 0.06)} h${n(h * 0.06)} v${n(h * 0.08)} h${n(-h * 0.06)} Z`;
}

function forest(c: Canvas) {
  const { rng, W, H, horizon, u } = c;
  const row = (baseY: number, minH: number, maxH: number, step: number) => {
    let d = '';
    for (let x = -2 * u; x < W + 2 * u; x += step * u * rng.range(0.7, 1.2)) {
      d += conifer(x, baseY, rng.range(minH, maxH) * u);
    }
    return d;
  };
  const ground = (y: number, tone: Tone) =>
    el('rect', { x: 0, y, width: W, height: H - y, ...paint(c, tone) });
  return el(
    'g',
    {},
    el('path', { d: row(horizon + u, 8, 14, 3.2), ...paint(c, 'far') }),
    ground(horizon, 'far'),
    el('path', { d: row(horizon + 8 * u, 12, 22, 5), ...paint(c, 'mid') }),
    ground(horizon + 7.5 * u, 'mid'),
    // Framing trees at the edges, cut by the frame.
    el('path', {
      d: conifer(W * 0.04, H + 4 * u, 70 * u) + conifer(W * 0.97, H + 6 * u, 60 * u),
      ...paint(c, 'near'),
    }),
    el('path', {
      d: smoothFill(
        [
          [-W * 0.05, horizon + 20 * u],
          [W * 0.5, horizon + 17 * u],
          [W * 1.05, horizon + 21 * u],
        ],
        H,
      ),
      ...paint(c, 'near'),
    }),
  );
}

function desert(c: Canvas) {
  const { rng, W, H, horizon, u, palette } = c;
  const dune = (baseY: number, amp: number, tone: Tone) => {
    const points: Point[] = Array.from({ length: 4 }, (_, i) => [
      (i / 3) * W * 1.1 - W * 0.05,
      baseY - rng.range(0.1, 1) * amp,
    ]);
    return el('path', {
      d: smoothFill(points, H),
      ...paint(c, tone, c.look.gradients ? undefined : mix(palette[tone], '#d9a05b', 0.35)),
    });
  };
  return el(
    'g',
    {},
    dune(horizon, 6 * u, 'far'),
    dune(horizon + 8 * u, 9 * u, 'mid'),
    dune(horizon + 20 * u, 8 * u, 'near'),
  );
}

function space(c: Canvas) {
  const { rng, W, H, u, palette, look } = c;
  const px = c.focalX;
  const py = H * rng.range(0.45, 0.6);
  const r = rng.range(18, 26) * u;
  c.defs.push(
    el(
      'radialGradient',
      { id: 'planet', cx: 0.35, cy: 0.3, r: 0.8 },
      el('stop', { offset: 0, 'stop-color': mix(palette.accent, '#ffffff', 0.3) }),
      el('stop', { offset: 0.6, 'stop-color': palette.mid }),
      el('stop', { offset: 1, 'stop-color': mix(palette.near, '#000000', 0.5) }),
    ),
  );
  const ring = (half: 'back' | 'front') =>
    el('path', {
      d:
        half === 'back'
          ? `M${n(px - r * 1.7)} ${n(py)} A${n(r * 1.7)} ${n(r * 0.42)} -12 0 1 ${n(px + r * 1.7)} ${n(py)}`
          : `M${n(px - r * 1.7)} ${n(py)} A${n(r * 1.7)} ${n(r * 0.42)} -12 0 0 ${n(px + r * 1.7)} ${n(py)}`,
      fill: 'none',
      stroke: palette.light,
      'stroke-width': 1.1 * u,
      opacity: half === 'back' ? 0.45 : 0.85,
      transform: `rotate(-12 ${n(px)} ${n(py)})`,
    });
  return el(
    'g',
    {},
    el('circle', { cx: W * 0.2, cy: H * 0.3, r: 40 * u, fill: 'url(#glow)', opacity: 0.5 }),
    ring('back'),
    el('circle', {
      cx: px,
      cy: py,
      r,
      fill: look.gradients ? 'url(#planet)' : palette.mid,
      stroke: look.outline?.colour,
      'stroke-width': look.outline ? look.outline.width * u : undefined,
    }),
    ring('front'),
    el('circle', { cx: W * 0.22, cy: H * 0.72, r: 5 * u, ...paint(c, 'far') }),
  );
}
