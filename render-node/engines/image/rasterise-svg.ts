import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { abortReason, withProcessSlot } from '../../process-slots.ts';

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
const KILL_GRACE_MS = 1000;

export function rasteriseSvg(svg: string, outputPath: string, signal: AbortSignal): Promise<void> {
  return withProcessSlot(signal, () =>
    runChild(JSON.stringify({ svg, outputPath, options: OPTIONS }), signal),
  );
}

function runChild(input: string, signal: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal));
    // spawn (unlike fork) passes none of this process's flags: a test runner's stay here.
    const child = spawn(process.execPath, [CHILD], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    };
    signal.addEventListener('abort', stop, { once: true });
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.stdin.on('error', () => undefined); // a child that died early: its exit code says why
    child.on('error', (error) => finish(error));
    child.on('close', (code, killedBy) =>
      finish(
        code === 0
          ? null
          : new Error(
              `SVG rasteriser ${killedBy ? `killed by ${killedBy}` : `exited with code ${code}`}: ${lastLines(stderr)}`,
            ),
      ),
    );
    child.stdin.end(input);

    function finish(error: Error | null) {
      signal.removeEventListener('abort', stop);
      clearTimeout(killTimer);
      if (signal.aborted) reject(abortReason(signal));
      else if (error) reject(error);
      else resolve();
    }
  });
}

const lastLines = (text: string) => text.trim().split('\n').slice(-6).join('\n');
