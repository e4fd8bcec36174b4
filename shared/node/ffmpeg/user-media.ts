import { apiMessage, englishMessage, type ApiMessage } from '../../api/api-messages.ts';
import { open } from 'node:fs/promises';
import { probeMedia, type ProbedMedia } from './probe-media.ts';
import { runFfmpeg, type FfmpegInput } from './run-ffmpeg.ts';
import {
  AUDIO_FORMATS,
  id3v2Length,
  sniffAudioFormat,
  sniffImageFormat,
  SNIFF_BYTES,
  type AudioFormat,
  type ImageFormat,
} from './sniff-media.ts';

/**
 * The one way into ffmpeg for media a user supplied (music beds, uploaded
 * pictures), whether at upload or at render time.
 *
 * ffmpeg's own probe would pick any demuxer the bytes resemble, and several
 * open more inputs than the one named: HLS and DASH playlists (a
 * `<BaseURL>file:///etc/…</BaseURL>` reads a server file), ffconcat lists,
 * SDP, and the mov demuxer's external data references. So here:
 * - the demuxer is forced from the file's magic bytes (sniff-media.ts),
 *   never from a client's MIME type or file name, and only demuxers that
 *   read nothing but their own file are ever named;
 * - mp4/m4a inputs keep `-enable_drefs 0` (ffmpeg's default, stated so no
 *   later default can change it): a `dref` box never makes ffmpeg open
 *   another path;
 * - every run also carries `-protocol_whitelist file` (run-ffmpeg.ts,
 *   probe-media.ts), so `http:`, `concat:`, `subfile:`, `pipe:` and the
 *   like cannot be opened whatever a demuxer asks for.
 * Uploads are stored as a transcoded copy (normaliseUserAudio), so the media
 * store never holds bytes a user chose.
 */

export class UnsupportedMediaError extends Error {
  /** The refusal as the API words it (key and parameters). */
  readonly refusal: ApiMessage;
  constructor(refusal: ApiMessage) {
    super(englishMessage(refusal));
    this.name = 'UnsupportedMediaError';
    this.refusal = refusal;
  }
}

const UNSUPPORTED_AUDIO = apiMessage('errors.api.unsupportedAudio', {
  formats: AUDIO_FORMATS.map((f) => f.toUpperCase()).join(', '),
});
const UNSUPPORTED_IMAGE = apiMessage('errors.api.unsupportedImage');

/** ffmpeg's demuxer options for each accepted audio container. */
const AUDIO_DEMUXERS: Record<AudioFormat, readonly string[]> = {
  mp3: ['-f', 'mp3'],
  wav: ['-f', 'wav'],
  ogg: ['-f', 'ogg'],
  flac: ['-f', 'flac'],
  m4a: ['-f', 'mp4', '-enable_drefs', '0'],
  aac: ['-f', 'aac'],
};

/** Single-image demuxers: one picture, one file (image2 would read a file-name pattern). */
const IMAGE_DEMUXERS: Record<ImageFormat, readonly string[]> = {
  png: ['-f', 'png_pipe'],
  jpeg: ['-f', 'jpeg_pipe'],
  webp: ['-f', 'webp_pipe'],
};

/** The normalised music bed: what the render's audio stage reads (48 kHz stereo, lossless). */
export const NORMALISED_AUDIO = {
  ext: 'flac',
  format: 'flac',
  sampleRate: 48_000,
  channels: 2,
} as const;

/** The longest ID3v2 tag we read past to find the audio (cover art makes them large). */
const MAX_ID3_BYTES = 16 * 1024 * 1024;

/** A file's first bytes: enough for the sniffers, ID3v2 tags and the frame after them included. */
export async function readFileStart(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const read = async (length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    };
    let start = await read(SNIFF_BYTES);
    // Tags can follow one another: read until the bytes after the last one are in hand.
    let tags = 0;
    for (let tag = id3v2Length(start); tag > 0; tag = id3v2Length(start.subarray(tags))) {
      tags += tag;
      if (tags > MAX_ID3_BYTES) break; // the sniffer then finds no audio after the tags
      start = await read(tags + SNIFF_BYTES);
    }
    return start;
  } finally {
    await file.close();
  }
}

/** `path` as an ffmpeg input with its demuxer forced from its bytes; throws UnsupportedMediaError. */
export async function userAudioInput(path: string): Promise<FfmpegInput & { format: AudioFormat }> {
  const format = sniffAudioFormat(await readFileStart(path));
  if (!format) throw new UnsupportedMediaError(UNSUPPORTED_AUDIO);
  return { path, options: AUDIO_DEMUXERS[format], format };
}

/** `path` as an ffmpeg input with its image demuxer forced from its bytes. */
export async function userImageInput(path: string): Promise<FfmpegInput> {
  const format = sniffImageFormat(await readFileStart(path));
  if (!format) throw new UnsupportedMediaError(UNSUPPORTED_IMAGE);
  return { path, options: IMAGE_DEMUXERS[format] };
}

/** ffprobe of user-supplied audio, through its forced demuxer. */
export async function probeUserAudio(
  path: string,
  options: { signal?: AbortSignal } = {},
): Promise<ProbedMedia & { format: AudioFormat }> {
  const input = await userAudioInput(path);
  const probed = await probeMedia(path, { ...options, inputOptions: input.options });
  return { ...probed, format: input.format };
}

/**
 * Transcodes user-supplied audio (first audio stream, metadata dropped) to
 * NORMALISED_AUDIO at `output`, at most `maxSeconds` long.
 */
export async function normaliseUserAudio(
  source: string,
  output: string,
  options: { maxSeconds: number; signal: AbortSignal },
): Promise<void> {
  const input = await userAudioInput(source);
  await runFfmpeg({
    inputs: [input],
    outputOptions: [
      ...['-map', '0:a:0', '-map_metadata', '-1', '-map_chapters', '-1'],
      ...['-c:a', 'flac', '-sample_fmt', 's16'],
      ...['-ar', String(NORMALISED_AUDIO.sampleRate), '-ac', String(NORMALISED_AUDIO.channels)],
      ...['-t', String(options.maxSeconds), '-f', NORMALISED_AUDIO.format],
    ],
    output,
    expected: { seconds: options.maxSeconds },
    signal: options.signal,
  });
}
