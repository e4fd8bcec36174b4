import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * ffprobe, for checks on produced media (tests, the bench, sanity checks) and,
 * through user-media.ts with a forced demuxer, on uploads. The pipeline itself
 * never probes to plan: timing is planned in frames.
 *
 * Every probe may open plain local files only (`-protocol_whitelist file`):
 * no http, concat, subfile, pipe or other protocol, whatever the input names.
 */

const run = promisify(execFile);

/** Local files only: given before every input of every ffmpeg and ffprobe run. */
export const PROTOCOL_WHITELIST = ['-protocol_whitelist', 'file'] as const;

export interface ProbedStream {
  index: number;
  codecType: 'video' | 'audio' | 'subtitle' | 'data';
  codecName: string;
  width?: number;
  height?: number;
  pixFmt?: string;
  /** Frames per second, from r_frame_rate. */
  fps?: number;
  /** Frames counted by decoding (only with `countFrames`). */
  frames?: number;
  sampleRate?: number;
  channels?: number;
  durationSec?: number;
  profile?: string;
}

export interface ProbedMedia {
  formatName: string;
  durationSec: number;
  streams: ProbedStream[];
}

interface RawStream {
  index: number;
  codec_type: ProbedStream['codecType'];
  codec_name: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  r_frame_rate?: string;
  nb_read_frames?: string;
  sample_rate?: string;
  channels?: number;
  duration?: string;
  profile?: string;
}

export async function probeMedia(
  path: string,
  options: {
    countFrames?: boolean;
    signal?: AbortSignal;
    /** Options before the input, e.g. a forced demuxer (`-f wav`). */
    inputOptions?: readonly string[];
  } = {},
): Promise<ProbedMedia> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams'];
  if (options.countFrames) args.push('-count_frames');
  args.push(...PROTOCOL_WHITELIST, ...(options.inputOptions ?? []));
  const { stdout } = await run('ffprobe', [...args, '-i', path], {
    maxBuffer: 16 * 1024 * 1024,
    signal: options.signal,
  });
  const raw = JSON.parse(stdout) as {
    format: { format_name: string; duration?: string };
    streams: RawStream[];
  };
  return {
    formatName: raw.format.format_name,
    durationSec: Number(raw.format.duration ?? 0),
    streams: raw.streams.map((s) => ({
      index: s.index,
      codecType: s.codec_type,
      codecName: s.codec_name,
      width: s.width,
      height: s.height,
      pixFmt: s.pix_fmt,
      fps: s.r_frame_rate ? ratio(s.r_frame_rate) : undefined,
      frames: s.nb_read_frames !== undefined ? Number(s.nb_read_frames) : undefined,
      sampleRate: s.sample_rate ? Number(s.sample_rate) : undefined,
      channels: s.channels,
      durationSec: s.duration ? Number(s.duration) : undefined,
      profile: s.profile,
    })),
  };
}

function ratio(value: string): number {
  const [num, den] = value.split('/').map(Number);
  return den ? num! / den : num!;
}
