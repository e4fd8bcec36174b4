import type { ImageEngine, PictureRequest } from './engine.ts';
import { mix } from './palette.ts';
import type { Canvas } from './procedural-canvas.ts';
import { scenery } from './procedural-land.ts';
import { atmosphere, celestial, clouds, sky, stars, weather } from './procedural-sky.ts';
import { figures, props } from './procedural-subjects.ts';
import { RASTER_VERSION, rasteriseSvg } from './rasterise-svg.ts';
import { hashString, readScene, type SceneReading } from './scene-reading.ts';
import { LOOKS, paletteFor } from './scene-palette.ts';
import { createRandom, el, type Random } from './svg.ts';

/**
 * The `procedural` image engine: a designed storyboard picture per scene,
 * from its words (setting, time of day, weather, props, characters), its
 * mood (palette) and the project's style preset (how shapes are painted),
 * composed on thirds so the focal subject sits opposite the lettering.
 * Deterministic: the same request gives the same pixels; the seed varies
 * the layout. It is the moving layer of the frame; the title and narration
 * line are a separate still layer (lettering.ts).
 */

/** Bump when the design changes: every picture's cache key includes it. */
export const PROCEDURAL_VERSION = `procedural-1/${RASTER_VERSION}`;

export function createProceduralEngine(): ImageEngine {
  return {
    id: 'procedural',
    version: PROCEDURAL_VERSION,
    generate: (request, outputPath, signal) =>
      rasteriseSvg(designPicture(request), outputPath, signal),
  };
}

/** The picture as SVG (pure). */
export function designPicture(request: PictureRequest): string {
  const { width: W, height: H } = request;
  const reading = readScene(request);
  const rng = createRandom(request.seed ^ hashString(`${request.prompt}|${request.title}`));
  const look = LOOKS[request.stylePreset];
  const palette = paletteFor(request);
  const portrait = H > W * 1.1;
  const u = Math.min(W, H) / 100;
  const horizon = H * (portrait ? rng.range(0.52, 0.6) : rng.range(0.58, 0.68));
  const focalX = W * rng.range(0.6, 0.72);
  const lightY =
    reading.time === 'day'
      ? horizon - H * rng.range(0.3, 0.4)
      : reading.time === 'night'
        ? horizon - H * rng.range(0.32, 0.42)
        : horizon - H * rng.range(0.08, 0.16);
  const canvas: Canvas = {
    W,
    H,
    u,
    horizon,
    focalX,
    light: [lightX(W, focalX, reading, rng), Math.max(8 * u, lightY)],
    rng,
    look,
    palette,
    reading,
    defs: [],
  };
  defineGradients(canvas);

  const layers = [
    sky(canvas),
    reading.setting === 'interior' ? '' : celestial(canvas),
    reading.time === 'night' || reading.setting === 'space' ? stars(canvas) : '',
    clouds(canvas),
    scenery(canvas),
    props(canvas),
    figures(canvas),
    weather(canvas),
    atmosphere(canvas),
  ];
  return el(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width: W, height: H, viewBox: `0 0 ${W} ${H}` },
    el('defs', {}, ...canvas.defs),
    ...layers,
  );
}

/** The sun or moon: above the focal subject, or beside it when a prop stands there. */
function lightX(W: number, focalX: number, reading: SceneReading, rng: Random) {
  const landProp = reading.props.some((p) => p !== 'birds');
  if (!landProp) return focalX + W * rng.range(-0.06, 0.08);
  return focalX + W * 0.2 < W * 0.93 ? focalX + W * 0.2 : focalX - W * 0.24;
}

function defineGradients(c: Canvas) {
  const { palette: p, look } = c;
  c.defs.push(
    el(
      'linearGradient',
      { id: 'sky', x1: 0, y1: 0, x2: 0, y2: 1 },
      el('stop', { offset: 0, 'stop-color': p.skyTop }),
      el('stop', { offset: 0.62, 'stop-color': mix(p.skyTop, p.skyBottom, 0.7) }),
      el('stop', { offset: 1, 'stop-color': p.skyBottom }),
    ),
    el(
      'radialGradient',
      { id: 'glow', cx: 0.5, cy: 0.5, r: 0.5 },
      el('stop', { offset: 0, 'stop-color': p.glow, 'stop-opacity': 0.75 }),
      el('stop', { offset: 0.35, 'stop-color': p.glow, 'stop-opacity': 0.28 }),
      el('stop', { offset: 1, 'stop-color': p.glow, 'stop-opacity': 0 }),
    ),
    el(
      'radialGradient',
      { id: 'vignette', cx: 0.5, cy: 0.48, r: 0.75 },
      el('stop', { offset: 0.55, 'stop-color': '#000', 'stop-opacity': 0 }),
      el('stop', { offset: 1, 'stop-color': '#000', 'stop-opacity': look.vignette }),
    ),
    el(
      'linearGradient',
      { id: 'haze', x1: 0, y1: 0, x2: 0, y2: 1 },
      el('stop', { offset: 0, 'stop-color': p.skyBottom, 'stop-opacity': 0 }),
      el('stop', { offset: 0.75, 'stop-color': p.skyBottom, 'stop-opacity': 0.32 }),
      el('stop', { offset: 1, 'stop-color': p.skyBottom, 'stop-opacity': 0 }),
    ),
  );
  for (const tone of ['far', 'mid', 'near'] as const) {
    const base = p[tone];
    c.defs.push(
      el(
        'linearGradient',
        { id: `land-${tone}`, x1: 0, y1: 0, x2: 0, y2: 1 },
        el('stop', { offset: 0, 'stop-color': mix(base, p.glow, 0.22) }),
        el('stop', { offset: 0.35, 'stop-color': base }),
        el('stop', { offset: 1, 'stop-color': mix(base, '#000000', 0.35) }),
      ),
    );
  }
}
