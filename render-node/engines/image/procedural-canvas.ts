import type { Depiction } from '../../../shared/render/depiction.ts';
import { mix, type Palette } from './palette.ts';
import type { SceneReading } from './scene-reading.ts';
import type { Attrs, Point, Random } from './svg.ts';

/**
 * What every part of a procedural picture is drawn with: the canvas (size,
 * composition, palette, the style's look) and how a depth is painted.
 */

export type Tone = 'far' | 'mid' | 'near';

/** A filter over the whole picture, drawn by procedural-style.ts. */
export type StyleFilter = 'watercolour' | 'cels' | 'grade' | 'natural' | 'render3d';

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
  /** A filter over the whole picture (procedural-style.ts). */
  filter: StyleFilter | null;
  /** Cinema bars above and below (as the lettering draws them). */
  letterbox: boolean;
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
  depiction: Depiction;
  /** The prompt's words (lowercase, no accents). */
  words: string[];
  /** Where an interior's floor starts. */
  floorY: number;
  defs: string[];
  /** A fresh id prefix for an icon's internal ids: deterministic, unique in the picture. */
  nextId(): string;
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
