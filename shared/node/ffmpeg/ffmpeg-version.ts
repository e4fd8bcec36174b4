import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
let cached: Promise<string> | null = null;

/**
 * The installed ffmpeg's version string (e.g. "5.1.9-0+deb12u1"). It is part
 * of every ffmpeg-made artifact's cache key: segments from different builds
 * must not be mixed in one stream-copied file.
 */
export function ffmpegVersion(): Promise<string> {
  cached ??= run('ffmpeg', ['-hide_banner', '-version']).then(({ stdout }) => {
    const match = /ffmpeg version (\S+)/.exec(stdout);
    if (!match) throw new Error('could not read the ffmpeg version');
    return match[1]!;
  });
  return cached;
}
