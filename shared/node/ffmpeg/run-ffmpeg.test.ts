import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { test } from 'node:test';
import { probeMedia } from './probe-media.ts';
import { FfmpegError, runFfmpeg, stderrTail } from './run-ffmpeg.ts';
import { temporaryStore } from '../media-test-fixtures.ts';

const testSource = (seconds: number) => ({
  path: `testsrc2=size=160x90:rate=10:duration=${seconds}`,
  options: ['-f', 'lavfi'],
});

test('writes the output through a temporary file and reports progress from the planned frames', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const output = `${store.root}/out.mp4`;
  const fractions: number[] = [];
  await runFfmpeg({
    inputs: [testSource(3)],
    outputOptions: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
    output,
    expected: { frames: 30 },
    signal: new AbortController().signal,
    onProgress: (f) => fractions.push(f),
  });
  const probe = await probeMedia(output, { countFrames: true });
  assert.equal(probe.streams[0]?.frames, 30);
  assert.ok(fractions.length > 0 && fractions.at(-1)! <= 1);
  assert.deepEqual(
    fractions,
    [...fractions].sort((a, b) => a - b),
    'progress never goes back',
  );
  assert.deepEqual(await readdir(store.root), ['out.mp4'], 'no temporary file is left');
});

test('a failure carries the last lines of stderr and leaves no file', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const output = `${store.root}/out.mp4`;
  await assert.rejects(
    runFfmpeg({
      inputs: [testSource(1)],
      filterGraph: '[0:v]nosuchfilter=1[v]',
      outputOptions: ['-map', '[v]'],
      output,
      signal: new AbortController().signal,
    }),
    (error: unknown) => {
      assert.ok(error instanceof FfmpegError);
      assert.match(error.stderrTail, /nosuchfilter/);
      return true;
    },
  );
  assert.deepEqual(await readdir(store.root), []);
});

test('cancel before ffmpeg starts rejects without running it', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    runFfmpeg({
      inputs: [testSource(1)],
      outputOptions: [],
      output: null,
      signal: controller.signal,
    }),
    { name: 'AbortError' },
  );
});

test('cancel stops a running ffmpeg and removes its temporary output', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const output = `${store.root}/long.mp4`;
  const controller = new AbortController();
  let pid: number | undefined;
  const running = runFfmpeg({
    // Ten minutes of video: it only ends because it is cancelled.
    inputs: [
      { path: 'testsrc2=size=320x180:rate=25:duration=600', options: ['-f', 'lavfi', '-re'] },
    ],
    outputOptions: ['-c:v', 'libx264', '-preset', 'ultrafast'],
    output,
    expected: { frames: 15000 },
    signal: controller.signal,
    onProgress: () => {
      pid ??= newestFfmpegChild();
      controller.abort();
    },
  });
  await assert.rejects(running, { name: 'AbortError' });
  assert.deepEqual(await readdir(dirname(output)), [], 'the partial output is removed');
  assert.ok(pid, 'ffmpeg was running when cancelled');
  await assert.rejects(stat(`/proc/${pid}`), 'the ffmpeg process is gone');
});

test('stderrTail drops progress lines', () => {
  const tail = stderrTail(
    'Input #0\nframe=  10 fps=0\rframe=  20 fps=0\n[x @ 0x1] bad thing\nError: boom\n',
    5,
  );
  assert.equal(tail, 'Input #0\n[x @ 0x1] bad thing\nError: boom');
});

/** The pid of this process's ffmpeg child, read from /proc. */
function newestFfmpegChild(): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && stat.includes('(ffmpeg)')) return Number(name);
    } catch {
      // gone
    }
  }
  return undefined;
}
