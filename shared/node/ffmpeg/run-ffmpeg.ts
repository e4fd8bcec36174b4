import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { abortReason, withProcessSlot } from '../process-slots.ts';
import { PROTOCOL_WHITELIST } from './probe-media.ts';

/**
 * The ffmpeg adapter: the only module that touches fluent-ffmpeg (an
 * unmaintained package, used behind this one seam so it can be replaced).
 *
 * Rules it enforces for every ffmpeg run:
 * - the caller builds the filter graph (filter-graph.ts); no fluent helpers;
 * - progress is computed from the planned frame count (or duration), never
 *   from a probe of the inputs;
 * - cancel sends SIGTERM, then SIGKILL after a grace period, and also works
 *   before the process has started;
 * - output goes to a temporary file renamed into place on success and
 *   removed on failure or cancel;
 * - an error carries the last lines of ffmpeg's stderr;
 * - each run holds one of the render node's process slots (process-slots.ts),
 *   so the pipeline can queue work freely without oversubscribing the machine;
 * - every input may open plain local files only (`-protocol_whitelist file`):
 *   no http, concat:, subfile:, pipe: or other protocol, even through a
 *   demuxer that opens further files (our own `-f concat` list included).
 *   User-supplied media also needs a forced demuxer: user-media.ts.
 */

export interface FfmpegInput {
  path: string;
  /** Options placed before this input's `-i`, e.g. ['-loop', '1']. */
  options?: readonly string[];
}

export interface FfmpegJob {
  inputs: readonly FfmpegInput[];
  /** A complete `-filter_complex` graph. */
  filterGraph?: string;
  /** Options placed before the output: maps, codecs, muxer flags. */
  outputOptions: readonly string[];
  /** The file to produce, or null to discard the output (analysis passes, e.g. loudness). */
  output: string | null;
  /** What the job will produce, for progress: frames (video) or seconds (audio-only). */
  expected?: { frames: number } | { seconds: number };
  signal: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** 'info' when the caller parses ffmpeg's log (loudness measurements); errors only otherwise. */
  logLevel?: 'error' | 'info';
  /** Queue priority for a process slot: positive on a render's critical path, negative for extras. */
  priority?: number;
}

export interface FfmpegResult {
  /** ffmpeg's stderr (up to the last STDERR_LINES lines). */
  stderr: string;
}

export class FfmpegError extends Error {
  /** The last meaningful lines of ffmpeg's stderr. */
  readonly stderrTail: string;
  constructor(message: string, stderrTail: string) {
    super(stderrTail ? `${message}\n${stderrTail}` : message);
    this.name = 'FfmpegError';
    this.stderrTail = stderrTail;
  }
}

/** Time between SIGTERM and SIGKILL: ffmpeg usually exits on SIGTERM within milliseconds. */
export const KILL_GRACE_MS = 1000;
const STDERR_LINES = 400;
const TAIL_LINES = 12;

export function runFfmpeg(job: FfmpegJob): Promise<FfmpegResult> {
  return withProcessSlot(job.signal, () => runProcess(job), job.priority);
}

function runProcess(job: FfmpegJob): Promise<FfmpegResult> {
  const { signal } = job;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  const temp = job.output ? temporarySibling(job.output) : null;

  return new Promise<FfmpegResult>((resolve, reject) => {
    const command = ffmpeg({ stdoutLines: STDERR_LINES, logger: silentLogger });
    job.inputs.forEach((input, index) => {
      command.input(input.path);
      // Global options ride on the first input: fluent-ffmpeg has no API for them.
      const globals = index === 0 ? globalOptions(job.logLevel ?? 'error') : [];
      addOptions(
        (...o) => command.inputOptions(...o),
        [...globals, ...PROTOCOL_WHITELIST, ...(input.options ?? [])],
      );
    });
    if (job.filterGraph) command.complexFilter(job.filterGraph);
    command.output(temp ?? '-');
    addOptions(
      (...o) => command.outputOptions(...o),
      [...job.outputOptions, ...(temp ? [] : ['-f', 'null'])],
    );

    let started = false;
    let killTimer: NodeJS.Timeout | undefined;
    const stopProcess = () => {
      if (!started) return; // 'start' handler kills it as soon as it exists
      command.kill('SIGTERM');
      killTimer = setTimeout(() => command.kill('SIGKILL'), KILL_GRACE_MS);
    };
    signal.addEventListener('abort', stopProcess, { once: true });

    const reportProgress = progressReporter(job);
    command.on('start', () => {
      started = true;
      if (signal.aborted) command.kill('SIGKILL');
    });
    // Our own copy of stderr's last lines: fluent-ffmpeg hands an empty one to
    // 'error' when the process fails before it has parsed ffmpeg's banner.
    const recentStderr: string[] = [];
    command.on('stderr', (line: string) => {
      recentStderr.push(line);
      if (recentStderr.length > 200) recentStderr.shift();
      reportProgress(line);
    });

    const settle = async (error: unknown | null, stderr: string) => {
      signal.removeEventListener('abort', stopProcess);
      clearTimeout(killTimer);
      try {
        if (signal.aborted) throw abortReason(signal);
        if (error !== null) {
          const tail = stderrTail(stderr || recentStderr.join('\n'));
          const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
          throw new FfmpegError(`ffmpeg failed: ${why}`, tail);
        }
        if (temp && job.output) await rename(temp, job.output);
        resolve({ stderr });
      } catch (failure) {
        if (temp) await rm(temp, { force: true });
        reject(failure);
      }
    };
    command.on('end', (_stdout, stderr) => void settle(null, stderr ?? ''));
    command.on('error', (error, _stdout, stderr) => void settle(error, stderr ?? ''));
    command.run();
  });
}

function globalOptions(logLevel: 'error' | 'info'): string[] {
  // -nostdin: ffmpeg must never read keystrokes from the worker's stdin.
  // One filter thread: the adapter runs one process per core instead, which scales better.
  return [
    ...['-nostdin', '-hide_banner', '-loglevel', logLevel],
    ...['-stats', '-stats_period', '0.25', '-filter_complex_threads', '1'],
  ];
}

/** fluent-ffmpeg splits a lone "opt value" string on its space; passing two or more arguments avoids that. */
function addOptions(add: (...options: string[]) => unknown, options: readonly string[]) {
  if (options.length === 0) return;
  if (options.length === 1) {
    const only = options[0]!;
    if (only.includes(' ')) throw new Error(`ffmpeg option must be split into tokens: ${only}`);
    add(only);
    return;
  }
  add(...options);
}

/** `out.mp4` → `.out.mp4.tmp-1a2b3c.mp4`, in the same directory so the final rename is atomic. */
export function temporarySibling(path: string): string {
  const ext = extname(path);
  return join(dirname(path), `.${basename(path)}.tmp-${randomBytes(4).toString('hex')}${ext}`);
}

function progressReporter(job: FfmpegJob) {
  const { expected, onProgress } = job;
  let reported = 0;
  return (line: string) => {
    if (!onProgress || !expected) return;
    let fraction: number | null = null;
    if ('frames' in expected) {
      const frame = /frame=\s*(\d+)/.exec(line);
      if (frame) fraction = Number(frame[1]) / Math.max(1, expected.frames);
    } else {
      const time = /time=\s*(\d+):(\d+):(\d+(?:\.\d+)?)/.exec(line);
      if (time) {
        const sec = Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3]);
        fraction = sec / Math.max(0.001, expected.seconds);
      }
    }
    if (fraction === null) return;
    fraction = Math.min(1, fraction);
    if (fraction > reported) {
      reported = fraction;
      onProgress(fraction);
    }
  };
}

/** The last lines of stderr that say something, without the progress lines. */
export function stderrTail(stderr: string, lines = TAIL_LINES): string {
  return stderr
    .split(/\r\n|\r|\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l && !/^(frame|size)=|^ffmpeg stats and -progress period/.test(l.trimStart()))
    .slice(-lines)
    .join('\n');
}

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };
