import { writeFileSync } from 'node:fs';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

/**
 * Child process entry: reads `{ svg, outputPath, options }` as JSON on stdin,
 * writes the PNG, exits. Rasterising in a short-lived process keeps the
 * render node's memory flat (resvg's buffers go with the process) and its
 * event loop free.
 */

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => (input += chunk));
process.stdin.on('end', () => {
  const job = JSON.parse(input) as { svg: string; outputPath: string; options: ResvgRenderOptions };
  const png = new Resvg(job.svg, job.options).render().asPng();
  writeFileSync(job.outputPath, png);
});
