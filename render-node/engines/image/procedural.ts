import type { StylePreset } from '../../../shared/timeline.ts';
import type { ImageEngine, PictureRequest } from './engine.ts';
import { choosePalette, mix, type Palette } from './palette.ts';
import type { Canvas, Look } from './procedural-canvas.ts';
import { scenery } from './procedural-land.ts';
import { atmosphere, celestial, clouds, sky, stars, weather } from './procedural-sky.ts';
import { figures, props } from './procedural-subjects.ts';
import { RASTER_VERSION, rasteriseSvg } from './rasterise-svg.ts';
import { hashString, readScene, type SceneReading } from './scene-reading.ts';
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

const LOOKS: Record<StylePreset, Look> = {
  cinematic: {
    gradients: true,
    outline: null,
    wash: 0,
    paper: null,
    vignette: 0.62,
    layerOpacity: 1,
    shadows: false,
    rays: false,
  },
  photorealistic: {
    gradients: true,
    outline: null,
    wash: 0,
    paper: null,
    vignette: 0.38,
    layerOpacity: 1,
    shadows: false,
    rays: false,
  },
  anime: {
    gradients: false,
    outline: { colour: '#1b1830', width: 0.32 },
    wash: 0,
    paper: null,
    vignette: 0,
    layerOpacity: 1,
    shadows: false,
    rays: true,
  },
  '3d-render': {
    gradients: true,
    outline: null,
    wash: 0,
    paper: null,
    vignette: 0.3,
    layerOpacity: 1,
    shadows: true,
    rays: false,
  },
  watercolor: {
    gradients: false,
    outline: null,
    wash: 0.3,
    paper: '#f4eee2',
    vignette: 0.12,
    layerOpacity: 0.86,
    shadows: false,
    rays: false,
  },
  'line-art': {
    gradients: false,
    outline: { colour: '#1d1d24', width: 0.22 },
    wash: 0.84,
    paper: '#f6f3ec',
    vignette: 0,
    layerOpacity: 1,
    shadows: false,
    rays: false,
  },
};

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

/** The palette a picture is painted with; the lettering takes its accent from it. */
export function paletteFor(request: PictureRequest): Palette {
  const reading = readScene(request);
  const base = choosePalette(reading.moodWords, reading.time, request.seed);
  return stylise(tintForTime(base, reading.time), LOOKS[request.stylePreset]);
}

/** The sun or moon: above the focal subject, or beside it when a prop stands there. */
function lightX(W: number, focalX: number, reading: SceneReading, rng: Random) {
  const landProp = reading.props.some((p) => p !== 'birds');
  if (!landProp) return focalX + W * rng.range(-0.06, 0.08);
  return focalX + W * 0.2 < W * 0.93 ? focalX + W * 0.2 : focalX - W * 0.24;
}

function tintForTime(palette: Palette, time: SceneReading['time']): Palette {
  switch (time) {
    case 'night':
      return {
        ...palette,
        skyTop: mix(palette.skyTop, '#02030c', 0.55),
        skyBottom: mix(palette.skyBottom, palette.skyTop, 0.6),
        glow: mix(palette.glow, '#a9b8ff', 0.5),
        far: mix(palette.far, '#0a0d24', 0.45),
        mid: mix(palette.mid, '#070a1c', 0.45),
        near: mix(palette.near, '#020308', 0.4),
        light: '#f3f1ff',
      };
    case 'sunset':
      return {
        ...palette,
        skyBottom: mix(palette.skyBottom, '#ff7b39', 0.45),
        glow: mix(palette.glow, '#ff9f1c', 0.5),
      };
    case 'dawn':
      return { ...palette, skyBottom: mix(palette.skyBottom, '#ffc1a6', 0.35) };
    default:
      return palette;
  }
}

/** Watercolour and line art paint on paper: every colour moves towards it. */
function stylise(palette: Palette, look: Look): Palette {
  if (!look.paper || look.wash === 0) return palette;
  const toPaper = (c: string) => mix(c, look.paper!, look.wash);
  return {
    ...palette,
    skyTop: toPaper(palette.skyTop),
    skyBottom: toPaper(palette.skyBottom),
    glow: toPaper(palette.glow),
    far: toPaper(palette.far),
    mid: toPaper(palette.mid),
    near: toPaper(palette.near),
  };
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
