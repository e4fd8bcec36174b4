import type { Canvas } from './procedural-canvas.ts';
import { displacementTile, grainTile } from './noise-tile.ts';
import { letterboxHeight } from './lettering.ts';
import { el, type Attrs } from './svg.ts';

/**
 * What makes the styles differ beyond their palettes and line work, as SVG
 * filters resvg rasterises (feTurbulence, feDisplacementMap,
 * feComponentTransfer, feColorMatrix, feDropShadow): watercolour bleeds its
 * edges over paper grain and pooled pigment; anime flattens colour into cels;
 * cinematic grades (deeper shadows, warm highlights, cool blacks); 3D-style
 * icons cast soft shadows. Filter sizes follow the frame, so a thumbnail
 * and a 1080p frame look alike.
 */

/** feComponentTransfer: one function per colour channel (red, green, blue). */
const transfer = (attrs: Attrs, r: Attrs, g: Attrs, b: Attrs) =>
  el('feComponentTransfer', attrs, el('feFuncR', r), el('feFuncG', g), el('feFuncB', b));

const region = (c: Canvas) => ({
  // Colour arithmetic on the values a person sees (the default, linear light, greys washes out).
  'color-interpolation-filters': 'sRGB',
  filterUnits: 'userSpaceOnUse',
  x: 0,
  y: 0,
  width: c.W,
  height: c.H,
});

export function styleDefs(c: Canvas): void {
  const { u, look } = c;
  if (look.shadows) {
    // In the icon's own 32-unit space, the same at every size: the icon's
    // alpha, blurred wide, is a dome-like height map lit from the upper
    // left: lit and turned-away sides (rounded volume), then a soft shadow
    // under it. (A specular highlight drew rings from the 8-bit height map
    // and cost ~0.2 s a 1080p frame.)
    c.defs.push(
      el(
        'filter',
        {
          id: 'icon-shade',
          x: -0.2,
          y: -0.2,
          width: 1.5,
          height: 1.5,
          'color-interpolation-filters': 'sRGB',
        },
        el('feGaussianBlur', { in: 'SourceAlpha', stdDeviation: 3, result: 'height' }),
        el(
          'feDiffuseLighting',
          {
            in: 'height',
            surfaceScale: 9,
            diffuseConstant: 1.1,
            'lighting-color': '#ffffff',
            result: 'diffuse',
          },
          el('feDistantLight', { azimuth: 225, elevation: 38 }),
        ),
        el('feComposite', {
          in: 'SourceGraphic',
          in2: 'diffuse',
          operator: 'arithmetic',
          // Lit faces brighter than the icon's own colour, turned-away ones darker.
          k1: 0.6,
          k2: 0.55,
          result: 'lit',
        }),
        el('feComposite', { in: 'lit', in2: 'SourceAlpha', operator: 'in', result: 'solid' }),
        el('feDropShadow', {
          in: 'solid',
          dx: 0.6,
          dy: 1.2,
          stdDeviation: 1.1,
          'flood-color': '#1b2440',
          'flood-opacity': 0.35,
        }),
      ),
    );
  }
  switch (look.filter) {
    case 'watercolour': {
      const tile = 26 * u;
      const grain = 30 * u;
      c.defs.push(
        el(
          'filter',
          { id: 'watercolour', ...region(c) },
          el('feImage', {
            href: displacementTile(),
            x: 0,
            y: 0,
            width: tile,
            height: tile,
            preserveAspectRatio: 'none',
            result: 'tile',
          }),
          el('feTile', { in: 'tile', result: 'noise' }),
          el('feDisplacementMap', {
            in: 'SourceGraphic',
            in2: 'noise',
            scale: 2.2 * u,
            xChannelSelector: 'R',
            yChannelSelector: 'G',
            result: 'bled',
          }),
          // (No blur: resvg's small-radius Gaussian costs ~0.9 s a 1080p frame.)
          // Transparent pigment: the paper lifts every colour, then the colour is pushed back.
          transfer(
            { in: 'bled', result: 'light' },
            { type: 'linear', slope: 0.74, intercept: 0.26 },
            { type: 'linear', slope: 0.74, intercept: 0.25 },
            { type: 'linear', slope: 0.74, intercept: 0.23 },
          ),
          el('feColorMatrix', { in: 'light', type: 'saturate', values: 2.4, result: 'washes' }),
          // Pigment pools where a wash dries: the darker side of every edge spreads a little.
          el('feMorphology', {
            in: 'washes',
            operator: 'erode',
            radius: Math.max(1, Math.round(0.25 * u)),
            result: 'pooled',
          }),
          el('feComposite', {
            in: 'washes',
            in2: 'pooled',
            operator: 'arithmetic',
            k2: 0.35,
            k3: 0.65,
            result: 'edged',
          }),
          // Paper grain shows through the pigment (multiplied, never a grey veil over it).
          el('feImage', {
            href: grainTile(),
            x: 0,
            y: 0,
            width: grain,
            height: grain,
            preserveAspectRatio: 'none',
            result: 'grain-tile',
          }),
          el('feTile', { in: 'grain-tile', result: 'grain-full' }),
          // Neutral grey grain, faint: the paper's texture without the brown cast of the tile.
          el('feColorMatrix', {
            in: 'grain-full',
            type: 'matrix',
            values: '0 0 0 0 0.45  0 0 0 0 0.44  0 0 0 0 0.43  0 0 0 0.35 0',
            result: 'grain',
          }),
          el('feBlend', { in: 'edged', in2: 'grain', mode: 'multiply' }),
        ),
        // Paper left white round the painting: its edge bleeds with the rest.
        el(
          'radialGradient',
          { id: 'paper-edge', cx: 0.5, cy: 0.5, r: 0.72 },
          el('stop', { offset: 0.9, 'stop-color': look.paper ?? '#fff', 'stop-opacity': 0 }),
          el('stop', { offset: 0.93, 'stop-color': look.paper ?? '#fff', 'stop-opacity': 1 }),
        ),
      );
      break;
    }
    case 'cels':
      c.defs.push(
        el(
          'filter',
          { id: 'cels', ...region(c) },
          // Darks lifted first, so night scenes keep their shapes in few tones.
          transfer(
            {},
            { type: 'gamma', amplitude: 1, exponent: 0.7, offset: 0 },
            { type: 'gamma', amplitude: 1, exponent: 0.7, offset: 0 },
            { type: 'gamma', amplitude: 1, exponent: 0.7, offset: 0 },
          ),
          // Few flat tones a colour (lit and shade): cels, not gradients.
          transfer(
            {},
            { type: 'discrete', tableValues: '0.05 0.16 0.32 0.54 0.78 1' },
            { type: 'discrete', tableValues: '0.05 0.16 0.32 0.54 0.78 1' },
            { type: 'discrete', tableValues: '0.1 0.24 0.4 0.62 0.84 1' },
          ),
          el('feColorMatrix', { type: 'saturate', values: 1.4 }),
        ),
        // The sky stays a gradient, but a saturated one.
        el(
          'filter',
          { id: 'anime-sky', ...region(c) },
          el('feColorMatrix', { type: 'saturate', values: 1.8 }),
        ),
      );
      break;
    case 'grade':
      // Teal and orange: shadows pushed to teal, highlights to orange, on a steep contrast curve.
      c.defs.push(
        el(
          'filter',
          { id: 'grade', ...region(c) },
          el('feColorMatrix', { type: 'saturate', values: 1.2 }),
          transfer(
            {},
            { type: 'table', tableValues: '0 0.06 0.3 0.72 1' },
            { type: 'table', tableValues: '0.02 0.14 0.36 0.64 0.88' },
            { type: 'table', tableValues: '0.06 0.22 0.4 0.52 0.66' },
          ),
        ),
      );
      break;
    case 'natural':
      c.defs.push(
        el(
          'filter',
          { id: 'natural', ...region(c) },
          el('feColorMatrix', {
            type: 'matrix',
            values: '1.18 0.04 0 0 -0.07  0 1.08 0 0 -0.05  0 0.05 0.98 0 0.03  0 0 0 1 0',
          }),
        ),
      );
      break;
    case 'render3d':
      c.defs.push(
        el(
          'filter',
          { id: 'render3d', ...region(c) },
          // Bright and clean: lifted mid-tones, gentle contrast.
          el('feColorMatrix', { type: 'saturate', values: 1.12 }),
          transfer(
            {},
            { type: 'gamma', amplitude: 1, exponent: 0.7, offset: 0.04 },
            { type: 'gamma', amplitude: 1, exponent: 0.7, offset: 0.04 },
            { type: 'gamma', amplitude: 1, exponent: 0.72, offset: 0.05 },
          ),
        ),
      );
      break;
    default:
      break;
  }
  if (look.paper && look.filter !== 'watercolour') {
    const tile = 30 * u;
    c.defs.push(
      el(
        'pattern',
        { id: 'paper', patternUnits: 'userSpaceOnUse', width: tile, height: tile },
        el('image', {
          href: grainTile(),
          width: tile,
          height: tile,
          preserveAspectRatio: 'none',
          opacity: look.wash > 0.5 ? 0.5 : 1,
        }),
      ),
    );
  }
}

/** What lies over the finished picture: line art's paper grain, cinematic's letterbox. */
export function styleOverlay(c: Canvas): string {
  const { W, H, look } = c;
  if (look.filter === 'grade' && look.letterbox) {
    // The same bars the lettering draws (lettering.ts), so a thumbnail without it is framed alike.
    const bar = letterboxHeight(W, H);
    return bar
      ? el('rect', { width: W, height: bar, fill: '#000' }) +
          el('rect', { y: H - bar, width: W, height: bar, fill: '#000' })
      : '';
  }
  if (!look.paper || look.filter === 'watercolour') return '';
  return el('rect', { width: W, height: H, fill: 'url(#paper)' });
}

/** Watercolour leaves paper round the painting; drawn inside its filter so the edge bleeds too. */
export function paperEdge(c: Canvas): string {
  return c.look.filter === 'watercolour'
    ? el('rect', { width: c.W, height: c.H, fill: 'url(#paper-edge)' })
    : '';
}
