import type { StylePreset } from '../../../shared/timeline.ts';
import type { PictureRequest } from './engine.ts';
import { choosePalette, mix, type Palette } from './palette.ts';
import type { Look } from './procedural-canvas.ts';
import { readScene, type SceneReading } from './scene-reading.ts';

/**
 * A scene's look and palette: what its picture is painted with and what its
 * lettering takes its accent from. Pure, and apart from the picture engine,
 * so the plan can compute a lettering accent without the procedural painter.
 */

export const LOOKS: Record<StylePreset, Look> = {
  cinematic: {
    gradients: true,
    outline: null,
    wash: 0,
    paper: null,
    vignette: 0.85,
    layerOpacity: 1,
    shadows: false,
    rays: false,
    filter: 'grade',
    letterbox: true,
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
    filter: 'natural',
    letterbox: false,
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
    filter: 'cels',
    letterbox: false,
  },
  '3d-render': {
    gradients: true,
    outline: null,
    wash: 0,
    paper: null,
    vignette: 0.08,
    layerOpacity: 1,
    shadows: true,
    rays: false,
    filter: 'render3d',
    letterbox: false,
  },
  watercolor: {
    gradients: false,
    outline: null,
    wash: 0.12,
    paper: '#f4eee2',
    vignette: 0,
    layerOpacity: 1,
    shadows: false,
    rays: false,
    filter: 'watercolour',
    letterbox: false,
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
    filter: null,
    letterbox: false,
  },
};

/** The palette a scene's picture is painted with; the lettering takes its accent from it. */
export function paletteFor(request: PictureRequest): Palette {
  const reading = readScene(request);
  const base = choosePalette(reading.moodWords, reading.time, request.seed);
  return stylise(tintForTime(base, reading.time), LOOKS[request.stylePreset]);
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

/**
 * Watercolour and line art paint on paper: every colour moves towards it.
 * A watercolour sky is a wash of pigment (ultramarine above, the light's
 * colour below), never the grey a muted palette would leave on paper.
 */
function stylise(palette: Palette, look: Look): Palette {
  if (!look.paper || look.wash === 0) return palette;
  const toPaper = (c: string) => mix(c, look.paper!, look.wash);
  const washed = look.filter === 'watercolour';
  return {
    ...palette,
    skyTop: toPaper(washed ? mix(palette.skyTop, '#3f6fb5', 0.5) : palette.skyTop),
    skyBottom: toPaper(washed ? mix(palette.skyBottom, palette.glow, 0.45) : palette.skyBottom),
    glow: toPaper(palette.glow),
    far: toPaper(palette.far),
    mid: toPaper(palette.mid),
    near: toPaper(palette.near),
  };
}
