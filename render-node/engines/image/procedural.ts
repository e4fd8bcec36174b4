import { fnv1a } from '../../../shared/fnv1a.ts';
import type { Depiction } from '../../../shared/render/depiction.ts';
import { depictWith, focalSubject } from './depict.ts';
import type { ImageEngine, PictureRequest } from './engine.ts';
import { mix } from './palette.ts';
import type { Canvas } from './procedural-canvas.ts';
import { drawIcon, drawIconSketch, groundShadow } from './procedural-icons.ts';
import { isHand, layoutSubjects, type Box } from './procedural-layout.ts';
import { promptSubject } from './prompt-subject.ts';
import { scenery } from './procedural-land.ts';
import { backdrop } from './procedural-setting.ts';
import { atmosphere, celestial, clouds, sky, stars, weather } from './procedural-sky.ts';
import { paperEdge, styleDefs, styleOverlay } from './procedural-style.ts';
import { RASTER_VERSION, rasteriseSvg } from './rasterise-svg.ts';
import { readScene, wordsOf } from './scene-reading.ts';
import { LOOKS, paletteFor } from './scene-palette.ts';
import { createRandom, el } from './svg.ts';

/**
 * The `procedural` image engine: a storyboard picture per scene that shows
 * what its words say: a setting drawn from the kind of place (café, harbour,
 * orchard…) in its time of day and weather, the things it names as icons
 * from an open illustration set (three bins are three bins), and its
 * characters as figures dressed the same in every scene. Composed in depth
 * on thirds, clear of the lettering; painted in the project's style
 * (watercolour paper, line art, anime cels, 3D shading, cinematic grade).
 * Deterministic: the same request gives the same SVG; the seed varies the
 * layout. The title and narration line are a separate still layer
 * (lettering.ts). `depictPicture` says what a picture shows.
 */

/** Bump when the design changes: every picture's cache key includes it. */
export const PROCEDURAL_VERSION = `procedural-4/${RASTER_VERSION}`;

export function createProceduralEngine(): ImageEngine {
  return {
    id: 'procedural',
    version: PROCEDURAL_VERSION,
    async generate(request, outputPath, signal) {
      const started = performance.now();
      await rasteriseSvg(designPicture(request), outputPath, signal);
      return {
        engine: { id: 'procedural', version: PROCEDURAL_VERSION },
        prompt: request.prompt,
        seed: request.seed,
        width: request.width,
        height: request.height,
        provider: 'none',
        device: 'cpu',
        durationMs: Math.round(performance.now() - started),
      };
    },
    depict: depictPicture,
  };
}

/** What the picture of `request` depicts (pure but for the icon index): the record kept with the render. */
export function depictPicture(request: PictureRequest): Depiction {
  return depictWith(request, readScene(request));
}

/**
 * Where the lettering may be (lettering.ts): the lower left of landscape
 * frames (its text starts about two thirds down), up to 62% of the width; the bottom
 * third of portrait ones.
 */
export function letteringBox(W: number, H: number): Box {
  return H > W * 1.1
    ? { x: 0, y: H * 0.66, w: W, h: H * 0.34 }
    : { x: 0, y: H * 0.66, w: W * 0.62, h: H * 0.34 };
}

/** The picture as SVG (pure). */
export function designPicture(request: PictureRequest): string {
  const { width: W, height: H } = request;
  const reading = readScene(request);
  const depiction = depictWith(request, reading);
  const subject = promptSubject(request.prompt, request.cast);
  const rng = createRandom(request.seed ^ fnv1a(`${request.prompt}|${request.title}`));
  const look = LOOKS[request.stylePreset];
  const palette = paletteFor(request);
  const portrait = H > W * 1.1;
  const u = Math.min(W, H) / 100;
  const horizon = H * (portrait ? rng.range(0.52, 0.6) : rng.range(0.58, 0.66));
  const focalX = W * rng.range(0.62, 0.72);
  const lightY =
    reading.time === 'day'
      ? horizon - H * rng.range(0.3, 0.4)
      : reading.time === 'night'
        ? horizon - H * rng.range(0.32, 0.42)
        : horizon - H * rng.range(0.08, 0.16);
  let ids = 0;
  const canvas: Canvas = {
    W,
    H,
    u,
    horizon,
    focalX,
    // The sun or moon sits left of the subjects, which stand on the right third.
    light: [W * rng.range(0.3, 0.45), Math.max(8 * u, lightY)],
    rng,
    look,
    palette,
    reading,
    depiction,
    words: wordsOf(subject),
    floorY: H * rng.range(0.66, 0.72),
    defs: [],
    nextId: () => `i${(ids++).toString(36)}-`,
  };
  defineGradients(canvas);
  styleDefs(canvas);

  const interior = reading.terrain === 'interior';
  const layout = layoutSubjects(
    {
      W,
      H,
      horizon: interior ? canvas.floorY : horizon,
      terrain: reading.terrain,
      lettering: letteringBox(W, H),
    },
    depiction.figures,
    depiction.props,
    focalSubject(subject, depiction),
  );
  // Far things first: painter's order by the y where they stand.
  const placed = [...layout.props, ...layout.figures]
    // Held things last: in front of the hand that holds them.
    .sort((a, b) => (a.held ? H + 1 : a.y) - (b.held ? H + 1 : b.y));
  const subjects = placed.map((p) =>
    el(
      'g',
      {},
      // Boats float: no shadow on the water; a hand and what it holds cast none on the ground.
      (reading.terrain === 'water' && p.y < H * 0.85) || p.held || isHand(p.icon)
        ? ''
        : groundShadow(canvas, p.x, p.y, p.size * 0.8),
      drawIcon(canvas, p, canvas.nextId()),
    ),
  );

  const heavens = [
    sky(canvas),
    interior ? '' : celestial(canvas),
    reading.time === 'night' || reading.terrain === 'space' ? stars(canvas) : '',
    clouds(canvas),
  ];
  const scene = [
    scenery(canvas),
    backdrop(canvas),
    ...subjects,
    weather(canvas),
    atmosphere(canvas),
  ];
  return el(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width: W, height: H, viewBox: `0 0 ${W} ${H}` },
    el('defs', {}, ...canvas.defs),
    // Paper under everything: watercolour's bled edges show paper, not a transparent frame edge.
    look.paper ? el('rect', { width: W, height: H, fill: look.paper }) : '',
    // Cels flatten the land and the things on it; the sky's gradients would band into rings.
    look.filter === 'cels'
      ? el(
          'g',
          {},
          el('g', { filter: 'url(#anime-sky)' }, ...heavens),
          el('g', { filter: 'url(#cels)' }, ...scene),
        )
      : el(
          'g',
          look.filter ? { filter: `url(#${look.filter})` } : {},
          ...heavens,
          ...scene,
          paperEdge(canvas),
        ),
    // Watercolour: the pencil drawing under the washes stays put while the colour bleeds off it.
    look.filter === 'watercolour'
      ? el('g', { opacity: 0.55 }, ...placed.map((p) => drawIconSketch(canvas, p, canvas.nextId())))
      : '',
    styleOverlay(canvas),
  );
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
