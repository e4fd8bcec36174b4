import { mix, type Palette } from './palette.ts';
import type { SceneReading } from './scene-reading.ts';
import { el, type Attrs, type Point, type Random } from './svg.ts';

/**
 * What every part of a procedural picture is drawn with: the canvas (size,
 * composition, palette, the style's look) and how a depth is painted.
 */

export type Tone = 'far' | 'mid' | 'near';

export interface Look {
  /** Volumetric gradient fills on land and props. */
  gradients: boolean;
  outline: { colour: string; width: number } | null;
  /** Fills pulled towards paper (line art, watercolour), 0..1. */
  wash: number;
  paper: string | null;
  vignette: number;
  layerOpacity: number;
  shadows: boolean;
  rays: boolean;
}

export interface Canvas {
  W: number;
  H: number;
  /** 1% of the short side. */
  u: number;
  horizon: number;
  /** x of the focal subject: the right third, opposite the lettering. */
  focalX: number;
  light: Point;
  rng: Random;
  look: Look;
  palette: Palette;
  reading: SceneReading;
  defs: string[];
}

/** Fill and stroke for land and objects at a depth, per the look. */
export function paint(c: Canvas, tone: Tone, colour?: string): Attrs {
  const { look, palette, u } = c;
  const base = colour ?? palette[tone];
  const attrs: Attrs = {
    fill: look.gradients && !colour ? `url(#land-${tone})` : base,
  };
  if (look.layerOpacity < 1) attrs.opacity = look.layerOpacity;
  if (look.outline && (tone !== 'far' || look.paper)) {
    attrs.stroke = look.outline.colour;
    attrs['stroke-width'] = look.outline.width * u * (tone === 'far' ? 0.7 : 1);
    attrs['stroke-linejoin'] = 'round';
  } else if (look.paper) {
    // Watercolour: a darker pigment edge where the wash dries.
    attrs.stroke = mix(base, '#3b2f2f', 0.35);
    attrs['stroke-width'] = 0.14 * u;
    attrs['stroke-opacity'] = 0.45;
  }
  return attrs;
}

export function shadow(c: Canvas, x: number, y: number, w: number) {
  if (!c.look.shadows) return '';
  return el('ellipse', {
    cx: x + w * 0.08,
    cy: y,
    rx: w * 0.6,
    ry: w * 0.08,
    fill: '#000',
    opacity: 0.3,
  });
}

/**
 * Where figures stand: in the foreground on the right (landscape: the
 * lettering owns the lower left), or above the lettering (portrait: it owns
 * the whole bottom).
 */
export function figureGround(c: Canvas): { x: number; y: number; scale: number } {
  const { W, H, u, horizon } = c;
  if (H > W * 1.1) return { x: W * 0.28, y: Math.min(H * 0.72, horizon + 18 * u), scale: 1 };
  return { x: W * 0.8, y: H - 6 * u, scale: 1.35 };
}
