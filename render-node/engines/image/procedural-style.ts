import type { Canvas } from './procedural-canvas.ts';
import { displacementTile, grainTile } from './noise-tile.ts';
import { el } from './svg.ts';

/**
 * What makes the styles differ beyond their palettes and line work, as SVG
 * filters resvg rasterises (feTurbulence, feDisplacementMap,
 * feComponentTransfer, feColorMatrix, feDropShadow): watercolour bleeds its
 * edges over paper grain and pooled pigment; anime flattens colour into cels;
 * cinematic grades (deeper shadows, warm highlights, cool blacks); 3D-style
 * icons cast soft shadows. Filter sizes follow the frame, so a thumbnail
 * and a 1080p frame look alike.
 */

const region = (c: Canvas) => ({
  filterUnits: 'userSpaceOnUse',
  x: 0,
  y: 0,
  width: c.W,
  height: c.H,
});

export function styleDefs(c: Canvas): void {
  const { u, look } = c;
  if (look.shadows) {
    // In the icon's own 32-unit space: the same shadow at every size.
    c.defs.push(
      el(
        'filter',
        { id: 'icon-shade', x: -0.2, y: -0.2, width: 1.5, height: 1.5 },
        el('feDropShadow', {
          dx: 0.9,
          dy: 1.3,
          stdDeviation: 0.9,
          'flood-color': '#000',
          'flood-opacity': 0.4,
        }),
      ),
    );
  }
  switch (look.filter) {
    case 'watercolour': {
      const tile = 26 * u;
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
            scale: 2.4 * u,
            xChannelSelector: 'R',
            yChannelSelector: 'G',
            result: 'bled',
          }),
          // (No blur: resvg's small-radius Gaussian costs ~0.9 s a 1080p frame.)
          // Transparent pigment: brighter, purer colours with the paper showing through.
          el('feColorMatrix', { type: 'saturate', values: 1.4 }),
          el(
            'feComponentTransfer',
            {},
            el('feFuncR', { type: 'linear', slope: 0.86, intercept: 0.14 }),
            el('feFuncG', { type: 'linear', slope: 0.86, intercept: 0.13 }),
            el('feFuncB', { type: 'linear', slope: 0.86, intercept: 0.11 }),
          ),
        ),
      );
      break;
    }
    case 'cels':
      c.defs.push(
        el(
          'filter',
          { id: 'cels', ...region(c) },
          el(
            'feComponentTransfer',
            {},
            el('feFuncR', { type: 'discrete', tableValues: '0.05 0.12 0.2 0.3 0.44 0.6 0.8 1' }),
            el('feFuncG', { type: 'discrete', tableValues: '0.05 0.12 0.2 0.3 0.44 0.6 0.8 1' }),
            el('feFuncB', { type: 'discrete', tableValues: '0.08 0.16 0.25 0.35 0.5 0.66 0.84 1' }),
          ),
          el('feColorMatrix', { type: 'saturate', values: 1.35 }),
        ),
      );
      break;
    case 'grade':
      c.defs.push(
        el(
          'filter',
          { id: 'grade', ...region(c) },
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
          el('feColorMatrix', { type: 'saturate', values: 1.15 }),
        ),
      );
      break;
    default:
      break;
  }
  if (look.paper) {
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

export function styleOverlay(c: Canvas): string {
  if (!c.look.paper) return '';
  return el('rect', { width: c.W, height: c.H, fill: 'url(#paper)' });
}
