import { mix } from './palette.ts';
import type { Canvas } from './procedural-canvas.ts';
import { el, n } from './svg.ts';

/** The sky of a procedural picture and what hangs in the air: light, stars, clouds, weather, haze. */

export function sky(c: Canvas) {
  const background = c.look.paper
    ? el('rect', { width: c.W, height: c.H, fill: c.look.paper })
    : '';
  const wash = el('rect', {
    width: c.W,
    height: c.H,
    fill: 'url(#sky)',
    opacity: c.look.paper ? (c.look.wash > 0.5 ? 0.35 : 0.9) : undefined,
  });
  return background + wash;
}

export function celestial(c: Canvas) {
  const { u, palette, look, reading } = c;
  const [x, y] = c.light;
  const night = reading.time === 'night';
  const overcast = reading.weather !== 'clear';
  const r = (night ? 4.2 : 6.5) * u;
  const parts = [
    el('circle', {
      cx: x,
      cy: y,
      r: r * 6,
      fill: 'url(#glow)',
      opacity: overcast ? 0.6 : undefined,
    }),
    el('circle', {
      cx: x,
      cy: y,
      r,
      opacity: overcast ? 0.35 : undefined,
      fill: look.wash > 0.5 ? 'none' : palette.light,
      stroke: look.outline?.colour,
      'stroke-width': look.outline ? look.outline.width * u : undefined,
    }),
  ];
  if (night && look.wash <= 0.5 && !overcast) {
    // A few maria so the moon reads as a moon, not a lamp.
    for (let i = 0; i < 3; i++) {
      parts.push(
        el('circle', {
          cx: x + c.rng.range(-0.45, 0.45) * r,
          cy: y + c.rng.range(-0.45, 0.45) * r,
          r: c.rng.range(0.12, 0.26) * r,
          fill: mix(palette.light, palette.skyTop, 0.18),
        }),
      );
    }
  }
  if (look.rays && !night && !overcast) {
    const rays: string[] = [];
    for (let i = 0; i < 12; i++) {
      const a = (i / 12) * Math.PI * 2 + c.rng.range(-0.1, 0.1);
      const r1 = r * 1.5;
      const r2 = r * c.rng.range(2.4, 3.4);
      rays.push(
        el('line', {
          x1: x + Math.cos(a) * r1,
          y1: y + Math.sin(a) * r1,
          x2: x + Math.cos(a) * r2,
          y2: y + Math.sin(a) * r2,
          stroke: palette.light,
          'stroke-width': 0.45 * u,
          'stroke-linecap': 'round',
          opacity: 0.8,
        }),
      );
    }
    parts.push(el('g', {}, ...rays));
  }
  return el('g', {}, ...parts);
}

export function stars(c: Canvas) {
  const { rng, W, horizon, u, palette } = c;
  const count = c.reading.terrain === 'space' ? 140 : 80;
  const dots: string[] = [];
  for (let i = 0; i < count; i++) {
    dots.push(
      el('circle', {
        cx: rng.range(0, W),
        cy: rng.range(0, c.reading.terrain === 'space' ? c.H : horizon * 0.8),
        r: rng.range(0.07, 0.2) * u,
        fill: c.look.wash > 0.5 ? palette.ink : palette.light,
        opacity: rng.range(0.35, 0.95),
      }),
    );
  }
  return el('g', {}, ...dots);
}

export function clouds(c: Canvas) {
  const { reading, rng, W, u, palette, look } = c;
  if (reading.terrain === 'space' || reading.terrain === 'interior') return '';
  if (reading.time === 'night' && reading.weather === 'clear') return '';
  const count = reading.weather === 'clear' ? rng.int(2, 3) : rng.int(4, 6);
  const colour =
    reading.weather === 'clear'
      ? mix(palette.light, palette.skyBottom, 0.35)
      : mix(palette.skyTop, palette.far, 0.5);
  const shapes: string[] = [];
  for (let i = 0; i < count; i++) {
    const cx = rng.range(0.05, 0.95) * W;
    const cy = rng.range(0.08, 0.3) * c.H;
    const w = rng.range(12, 24) * u;
    const puffs: string[] = [];
    for (let p = 0; p < 5; p++) {
      const px = cx + (p / 4 - 0.5) * w;
      const r = w * (0.16 + 0.14 * Math.sin((p / 4) * Math.PI)) * rng.range(0.85, 1.15);
      puffs.push(el('circle', { cx: px, cy: cy - r * 0.3, r }));
    }
    puffs.push(
      el('rect', { x: cx - w / 2, y: cy - w * 0.08, width: w, height: w * 0.12, rx: w * 0.06 }),
    );
    shapes.push(
      el(
        'g',
        {
          fill: look.wash > 0.5 ? look.paper! : colour,
          opacity: look.wash > 0.5 ? 1 : 0.78,
          stroke: look.outline?.colour,
          'stroke-width': look.outline ? look.outline.width * u * 0.8 : undefined,
        },
        ...puffs,
      ),
    );
  }
  return el('g', {}, ...shapes);
}

export function weather(c: Canvas) {
  const { reading, rng, W, H, u, palette } = c;
  if (reading.terrain === 'space' || reading.terrain === 'interior') return '';
  if (reading.weather === 'rain') {
    let d = '';
    for (let i = 0; i < 160; i++) {
      const x = rng.range(-0.1, 1) * W;
      const y = rng.range(0, 1) * H;
      const len = rng.range(2.5, 5) * u;
      d += `M${n(x)} ${n(y)} l${n(len * 0.25)} ${n(len)} `;
    }
    return el('path', {
      d,
      stroke: mix(palette.light, palette.skyBottom, 0.4),
      'stroke-width': 0.16 * u,
      opacity: 0.45,
    });
  }
  if (reading.weather === 'snow') {
    const flakes: string[] = [];
    for (let i = 0; i < 140; i++) {
      flakes.push(
        el('circle', { cx: rng.range(0, W), cy: rng.range(0, H), r: rng.range(0.15, 0.45) * u }),
      );
    }
    return el('g', { fill: '#ffffff', opacity: 0.85 }, ...flakes);
  }
  if (reading.weather === 'fog') {
    // Soft-edged bands from a vertical gradient: a blur filter would cost more than the whole picture.
    c.defs.push(
      el(
        'linearGradient',
        { id: 'fog', x1: 0, y1: 0, x2: 0, y2: 1 },
        el('stop', { offset: 0, 'stop-color': palette.skyBottom, 'stop-opacity': 0 }),
        el('stop', { offset: 0.5, 'stop-color': palette.skyBottom, 'stop-opacity': 0.45 }),
        el('stop', { offset: 1, 'stop-color': palette.skyBottom, 'stop-opacity': 0 }),
      ),
    );
    const bands: string[] = [];
    for (let i = 0; i < 3; i++) {
      const y = c.horizon + (i - 1) * 7 * u;
      bands.push(el('rect', { x: 0, y: y - 5 * u, width: W, height: 10 * u, fill: 'url(#fog)' }));
    }
    return el('g', {}, ...bands);
  }
  return '';
}

export function atmosphere(c: Canvas) {
  const { W, H, horizon, u, look } = c;
  const haze = look.gradients
    ? el('rect', { x: 0, y: horizon - 18 * u, width: W, height: 30 * u, fill: 'url(#haze)' })
    : '';
  const vignette =
    look.vignette > 0 ? el('rect', { width: W, height: H, fill: 'url(#vignette)' }) : '';
  return haze + vignette;
}
