import { fileURLToPath } from 'node:url';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { withProcessSlot } from '../../../shared/node/process-slots.ts';
import { runChildProcess } from '../../run-child-process.ts';

/**
 * SVG → PNG with resvg, in a short-lived child process (rasterise-child.ts)
 * holding one of the render node's process slots. A 1080p raster needs
 * ~110 MB of native buffers that the allocator would otherwise keep in the
 * render node for good; in a child they go back to the system when it
 * exits, and the PNG encoding never blocks the event loop. Costs ~60 ms of
 * process start per image.
 */

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
/** The faces the designs use; loading only these is faster than scanning a font directory. */
const FONT_FILES = [
  'DejaVuSans.ttf',
  'DejaVuSans-Bold.ttf',
  'DejaVuSans-Oblique.ttf',
  'DejaVuSansCondensed-Bold.ttf',
  'DejaVuSerif.ttf',
  'DejaVuSerif-Bold.ttf',
  'DejaVuSerif-Italic.ttf',
].map((file) => `${FONT_DIR}/${file}`);

/** Bumped when fonts or rasterisation settings change: part of the engines' versions. */
export const RASTER_VERSION = 'resvg-2.6/dejavu';

const OPTIONS: ResvgRenderOptions = {
  fitTo: { mode: 'original' },
  font: {
    loadSystemFonts: false,
    fontFiles: FONT_FILES,
    defaultFontFamily: 'DejaVu Sans',
    sansSerifFamily: 'DejaVu Sans',
    serifFamily: 'DejaVu Serif',
  },
  shapeRendering: 2,
  textRendering: 2,
  logLevel: 'off',
};

const CHILD = fileURLToPath(new URL('./rasterise-child.ts', import.meta.url));

export function rasteriseSvg(svg: string, outputPath: string, signal: AbortSignal): Promise<void> {
  return withProcessSlot(signal, () =>
    // spawn (unlike fork) passes none of this process's flags: a test runner's stay here.
    runChildProcess(
      'SVG rasteriser',
      process.execPath,
      [CHILD],
      JSON.stringify({ svg, outputPath, options: OPTIONS }),
      signal,
    ),
  );
}
