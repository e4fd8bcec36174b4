import { mix } from './palette.ts';
import { figureGround, paint, shadow, type Canvas } from './procedural-canvas.ts';
import type { Figure } from './scene-reading.ts';
import { el, n } from './svg.ts';

/** The subjects of a procedural picture: props named in the prompt, and the characters in the scene. */

export function props(c: Canvas) {
  const drawn = c.reading.props.map((prop, i) => {
    const x = i === 0 ? c.focalX : c.W * (c.focalX > c.W / 2 ? 0.2 : 0.8);
    switch (prop) {
      case 'lighthouse':
        return lighthouse(c, x);
      case 'boat':
        return boat(c, i === 0 ? x - 14 * c.u : x);
      case 'house':
        return house(c, x);
      case 'castle':
        return castle(c, x);
      case 'tree':
        return bigTree(c, x);
      case 'birds':
        return birds(c);
    }
  });
  return el('g', {}, ...drawn);
}

function lighthouse(c: Canvas, x: number) {
  const { u, horizon, palette, reading } = c;
  const base = horizon + 2 * u;
  const h = 34 * u;
  const top = base - h;
  const body = `M${n(x - 3.4 * u)} ${n(base)} L${n(x - 2.2 * u)} ${n(top)} L${n(x + 2.2 * u)} ${n(top)} L${n(x + 3.4 * u)} ${n(base)} Z`;
  const stripes: string[] = [];
  for (let i = 1; i <= 3; i += 2) {
    const y1 = base - (h * i) / 4.4;
    const y2 = y1 - h / 8;
    const half = (y: number) => 3.4 * u - ((base - y) / h) * 1.2 * u;
    stripes.push(
      `M${n(x - half(y1))} ${n(y1)} L${n(x - half(y2))} ${n(y2)} L${n(x + half(y2))} ${n(y2)} L${n(x + half(y1))} ${n(y1)} Z`,
    );
  }
  const lit = reading.time !== 'day';
  const beamDir = c.focalX > c.W / 2 ? -1 : 1;
  const beam = lit
    ? el('path', {
        d: `M${n(x)} ${n(top - 2.2 * u)} L${n(x + beamDir * c.W * 0.55)} ${n(top - 12 * u)} L${n(x + beamDir * c.W * 0.55)} ${n(top + 6 * u)} Z`,
        fill: palette.light,
        opacity: 0.22,
      })
    : '';
  return el(
    'g',
    {},
    beam,
    el('path', { d: body, ...paint(c, 'mid', mix(palette.light, palette.mid, 0.25)) }),
    el('path', {
      d: stripes.join(' '),
      fill: palette.accent === palette.light ? '#c0392b' : mix(palette.accent, '#b3261e', 0.6),
    }),
    el('rect', {
      x: x - 2.6 * u,
      y: top - 4.4 * u,
      width: 5.2 * u,
      height: 4.4 * u,
      fill: lit ? palette.light : mix(palette.near, palette.light, 0.3),
    }),
    el('path', {
      d: `M${n(x - 3.2 * u)} ${n(top - 4.4 * u)} L${n(x)} ${n(top - 7.4 * u)} L${n(x + 3.2 * u)} ${n(top - 4.4 * u)} Z`,
      ...paint(c, 'near'),
    }),
    lit ? el('circle', { cx: x, cy: top - 2.2 * u, r: 9 * u, fill: 'url(#glow)' }) : '',
  );
}

function boat(c: Canvas, x: number) {
  const { u, horizon, palette } = c;
  const y = horizon + 6 * u;
  const hull = `M${n(x - 8 * u)} ${n(y)} L${n(x + 8 * u)} ${n(y)} L${n(x + 5.5 * u)} ${n(y + 2.6 * u)} L${n(x - 6 * u)} ${n(y + 2.6 * u)} Z`;
  const sail = `M${n(x)} ${n(y - 14 * u)} L${n(x)} ${n(y - 0.6 * u)} L${n(x + 7 * u)} ${n(y - 0.6 * u)} Z M${n(x - 0.8 * u)} ${n(y - 11 * u)} L${n(x - 0.8 * u)} ${n(y - 0.6 * u)} L${n(x - 6 * u)} ${n(y - 0.6 * u)} Z`;
  return el(
    'g',
    {},
    el('path', { d: sail, ...paint(c, 'mid', mix(palette.light, palette.skyBottom, 0.2)) }),
    el('path', { d: hull, ...paint(c, 'near') }),
    el('line', {
      x1: x - 9 * u,
      y1: y + 3.4 * u,
      x2: x + 9 * u,
      y2: y + 3.4 * u,
      stroke: palette.light,
      'stroke-width': 0.3 * u,
      opacity: 0.5,
    }),
  );
}

function house(c: Canvas, x: number) {
  const { u, horizon, palette, reading } = c;
  const y = horizon + 9 * u;
  const w = 16 * u;
  const h = 9 * u;
  const lit = reading.time !== 'day';
  return el(
    'g',
    {},
    shadow(c, x, y, w),
    el('path', {
      d: `M${n(x - w / 2)} ${n(y)} V${n(y - h)} L${n(x)} ${n(y - h - 6 * u)} L${n(x + w / 2)} ${n(y - h)} V${n(y)} Z M${n(x + w * 0.22)} ${n(y - h - 3 * u)} v${n(-4 * u)} h${n(2 * u)} v${n(5 * u)} Z`,
      ...paint(c, 'near'),
    }),
    el('rect', {
      x: x - w * 0.3,
      y: y - h * 0.65,
      width: 3 * u,
      height: 3 * u,
      fill: lit ? palette.light : mix(palette.near, palette.skyBottom, 0.4),
    }),
    el('rect', {
      x: x + w * 0.1,
      y: y - h * 0.65,
      width: 3 * u,
      height: 3 * u,
      fill: lit ? palette.light : mix(palette.near, palette.skyBottom, 0.4),
    }),
  );
}

function castle(c: Canvas, x: number) {
  const { u, horizon } = c;
  const y = horizon + 3 * u;
  const tower = (tx: number, w: number, h: number) => {
    let d = `M${n(tx - w / 2)} ${n(y)} V${n(y - h)}`;
    const merlons = 3;
    for (let i = 0; i < merlons; i++) {
      const step = w / (merlons * 2 - 1);
      const mx = tx - w / 2 + i * 2 * step;
      d += ` H${n(mx)} v${n(-1.6 * u)} h${n(step)} v${n(1.6 * u)}`;
    }
    return `${d} H${n(tx + w / 2)} V${n(y)} Z`;
  };
  return el('path', {
    d: [
      tower(x - 9 * u, 5 * u, 24 * u),
      tower(x, 14 * u, 16 * u),
      tower(x + 9 * u, 5 * u, 27 * u),
    ].join(' '),
    ...paint(c, 'mid'),
  });
}

function bigTree(c: Canvas, x: number) {
  const { u, horizon, H } = c;
  const y = Math.min(H - 4 * u, horizon + 22 * u);
  const canopy: string[] = [];
  for (let i = 0; i < 6; i++) {
    canopy.push(
      el('circle', {
        cx: x + c.rng.range(-9, 9) * u,
        cy: y - 30 * u + c.rng.range(-6, 6) * u,
        r: c.rng.range(7, 11) * u,
      }),
    );
  }
  return el(
    'g',
    {},
    shadow(c, x, y, 24 * u),
    el('path', {
      d: `M${n(x - 1.6 * u)} ${n(y)} L${n(x - 0.9 * u)} ${n(y - 26 * u)} L${n(x + 0.9 * u)} ${n(y - 26 * u)} L${n(x + 1.8 * u)} ${n(y)} Z`,
      ...paint(c, 'near'),
    }),
    el('g', paint(c, 'near'), ...canopy),
  );
}

function birds(c: Canvas) {
  const { rng, u, W, H, palette, look } = c;
  const paths: string[] = [];
  const cx = W * rng.range(0.3, 0.7);
  const cy = H * rng.range(0.15, 0.3);
  for (let i = 0; i < 5; i++) {
    const x = cx + rng.range(-12, 12) * u;
    const y = cy + rng.range(-5, 5) * u;
    const s = rng.range(1, 1.8) * u;
    paths.push(
      `M${n(x - s)} ${n(y - s * 0.5)} Q${n(x - s * 0.4)} ${n(y - s * 0.6)} ${n(x)} ${n(y)} Q${n(x + s * 0.4)} ${n(y - s * 0.6)} ${n(x + s)} ${n(y - s * 0.5)}`,
    );
  }
  return el('path', {
    d: paths.join(' '),
    fill: 'none',
    stroke: look.outline?.colour ?? mix(palette.near, '#000', 0.2),
    'stroke-width': 0.35 * u,
    'stroke-linecap': 'round',
  });
}

export function figures(c: Canvas) {
  const { reading, u } = c;
  const count = reading.figures.length;
  if (count === 0) return '';
  const ground = figureGround(c);
  const spacing = 8 * u * ground.scale;
  const start = ground.x - ((count - 1) * spacing) / 2;
  return el(
    'g',
    {},
    ...reading.figures.map((f, i) => figure(c, f, start + i * spacing, ground.y, ground.scale)),
  );
}

function figure(c: Canvas, f: Figure, x: number, groundY: number, scale: number) {
  const { palette } = c;
  const u = c.u * scale;
  const h = (17 + f.build * 6) * u;
  const shoulders = (3.2 + f.build * 1.6) * u;
  const head = h * 0.12;
  const neckY = groundY - h + head * 2.1;
  const body = `M${n(x - shoulders / 2)} ${n(neckY + 1.2 * u)} Q${n(x)} ${n(neckY - 0.6 * u)} ${n(x + shoulders / 2)} ${n(neckY + 1.2 * u)} L${n(x + shoulders * 0.42)} ${n(groundY - h * 0.42)} L${n(x + shoulders * 0.3)} ${n(groundY)} L${n(x + 0.3 * u)} ${n(groundY)} L${n(x)} ${n(groundY - h * 0.3)} L${n(x - 0.3 * u)} ${n(groundY)} L${n(x - shoulders * 0.3)} ${n(groundY)} L${n(x - shoulders * 0.42)} ${n(groundY - h * 0.42)} Z`;
  const coat = f.colour ?? mix(palette.near, '#000', 0.25);
  return el(
    'g',
    {},
    shadow(c, x, groundY, shoulders * 2),
    el('path', { d: body, ...paint(c, 'near', coat) }),
    el('circle', {
      cx: x,
      cy: neckY - head,
      r: head,
      ...paint(c, 'near', mix(palette.near, '#000', 0.25)),
    }),
    // Rim light on the side facing the light source.
    el('path', {
      d: `M${n(x + (c.light[0] > x ? 1 : -1) * shoulders * 0.5)} ${n(neckY + 1.2 * u)} L${n(x + (c.light[0] > x ? 1 : -1) * shoulders * 0.42)} ${n(groundY - h * 0.42)}`,
      stroke: palette.light,
      'stroke-width': 0.3 * u,
      opacity: c.look.wash > 0.5 ? 0 : 0.55,
    }),
  );
}
