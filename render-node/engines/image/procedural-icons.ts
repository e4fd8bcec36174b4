import { iconBody } from './icon-index.ts';
import { mix } from './palette.ts';
import type { Canvas } from './procedural-canvas.ts';
import { el, n } from './svg.ts';

/**
 * Icons from the Fluent Emoji set placed in a picture, painted in the
 * scene's light and the style's manner: darker and bluer at night, washed
 * towards paper in watercolour, outlined on paper in line art, inked in
 * anime. Every colour of the icon goes through one function, so the whole
 * set follows the style without per-icon work.
 */

export interface IconPlacement {
  icon: string;
  /** Centre x and the y of the icon's base (where it stands). */
  x: number;
  y: number;
  /** Height in pixels (icons are square). */
  size: number;
  flip?: boolean;
  /** Replaces the icon's clothing colour (figures). */
  tint?: { from: string; to: string };
  /** 0 (front) .. 1 (far): far icons take the colour of the air. */
  depth?: number;
  /** Held in a hand drawn with it: overlaps the hand on purpose. */
  held?: boolean;
}

/** The clothing colour of each standing figure in the Fluent set, replaced by a character's own. */
export const CLOTHING: Record<string, string> = {
  'person-standing': '#ff6723',
  'woman-standing': '#8b62bf',
  'man-standing': '#00a6ed',
};

const expand = (hex: string) =>
  hex.length === 4 ? `#${hex[1]}${hex[1]}${hex[2]}${hex[2]}${hex[3]}${hex[3]}` : hex;

/** The colour an icon's own colour is painted with, in this scene, style and depth. */
function recolour(c: Canvas, colour: string, depth: number): string {
  const { palette, look, reading } = c;
  let out = expand(colour.toLowerCase());
  if (reading.time === 'night') out = mix(out, '#2a3566', 0.38);
  else if (reading.time === 'sunset') out = mix(out, palette.glow, 0.16);
  else if (reading.time === 'dawn') out = mix(out, palette.skyBottom, 0.12);
  if (depth > 0) out = mix(out, palette.skyBottom, depth * 0.45);
  if (look.paper) out = mix(out, look.paper, look.wash);
  return out;
}

/** Where an icon's 32-unit square goes: placed, scaled, mirrored for a flipped figure. */
function iconTransform(placement: IconPlacement): { transform: string; scale: number } {
  const scale = placement.size / 32;
  const x = placement.x - placement.size / 2;
  const y = placement.y - placement.size;
  return {
    scale,
    transform: placement.flip
      ? `translate(${n(x + placement.size)} ${n(y)}) scale(${n4(-scale)} ${n4(scale)})`
      : `translate(${n(x)} ${n(y)}) scale(${n4(scale)})`,
  };
}

/** An icon as a pencil drawing: its shapes' outlines only, in graphite, about 0.15% of the frame wide. */
export function drawIconSketch(c: Canvas, placement: IconPlacement, useId: string): string {
  const { transform, scale } = iconTransform(placement);
  const body = iconBody(placement.icon, useId)
    .replace(/fill="[^"]*"/g, 'fill="none"')
    .replace(/stroke="[^"]*"/g, '');
  return el(
    'g',
    {
      transform,
      fill: 'none',
      stroke: '#4a3f38',
      'stroke-width': (0.15 * c.u) / scale,
      'stroke-linejoin': 'round',
    },
    body,
  );
}

export function drawIcon(c: Canvas, placement: IconPlacement, useId: string): string {
  const { look, u } = c;
  const depth = placement.depth ?? 0;
  let body = iconBody(placement.icon, useId);
  if (placement.tint) body = body.split(`"${placement.tint.from}"`).join(`"${placement.tint.to}"`);
  body = body.replace(
    /(fill|stop-color|stroke)="(#[0-9a-fA-F]{3,6})"/g,
    (_, attr: string, colour: string) => `${attr}="${recolour(c, colour, depth)}"`,
  );
  const { transform, scale } = iconTransform(placement);
  const attrs: Record<string, string | number | undefined> = { transform };
  if (look.outline) {
    // Ink lines around every shape: about the same width on screen whatever the icon's size.
    attrs.stroke = look.outline.colour;
    attrs['stroke-width'] = (look.outline.width * u * 0.9) / scale;
    attrs['stroke-linejoin'] = 'round';
    attrs['paint-order'] = 'stroke';
  }
  if (look.layerOpacity < 1) attrs.opacity = look.layerOpacity;
  if (look.shadows) attrs.filter = 'url(#icon-shade)';
  return el('g', attrs, body);
}

const n4 = (value: number) => String(Math.round(value * 10000) / 10000);

/** A contact shadow under something standing on the ground (3D and cinematic light). */
export function groundShadow(c: Canvas, x: number, y: number, width: number): string {
  if (c.look.wash > 0.5) return '';
  return el('ellipse', {
    cx: x,
    cy: y - width * 0.02,
    rx: width * 0.42,
    ry: width * 0.07,
    fill: '#000',
    opacity: c.look.shadows ? 0.32 : 0.18,
  });
}
