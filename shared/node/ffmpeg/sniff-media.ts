/**
 * What a user-supplied file is, from its first bytes (pure). ffmpeg must never
 * guess: its probe happily picks a playlist, manifest or concat demuxer (HLS,
 * DASH, ffconcat, SDP…) that opens further files or URLs, so every input we
 * did not write ourselves is opened with the demuxer named here, and
 * anything without one of these signatures is refused.
 */

/** The audio containers Montage accepts for a music bed. */
export const AUDIO_FORMATS = ['mp3', 'wav', 'ogg', 'flac', 'm4a', 'aac'] as const;
export type AudioFormat = (typeof AUDIO_FORMATS)[number];

/** The picture formats an uploaded image may have. */
export const IMAGE_FORMATS = ['png', 'jpeg', 'webp'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** Bytes the sniffers need after any ID3v2 tags. */
export const SNIFF_BYTES = 64;
/** ID3v2 header: "ID3", version (2), flags (1), size (4, syncsafe). */
const ID3_HEADER_BYTES = 10;

/** Whether `text` (ASCII) is at `offset` of `bytes`. */
function hasAscii(bytes: Uint8Array, offset: number, text: string): boolean {
  if (offset + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) {
    if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

/** The length of the ID3v2 tag at the start of `bytes` (header and footer included), or 0. */
export function id3v2Length(bytes: Uint8Array): number {
  if (bytes.length < ID3_HEADER_BYTES || !hasAscii(bytes, 0, 'ID3')) return 0;
  const size = bytes.subarray(6, 10);
  // Syncsafe integers keep the top bit of every byte clear; a set bit means this is no tag.
  if (size.some((b) => b >= 0x80)) return 0;
  const body = (size[0]! << 21) | (size[1]! << 14) | (size[2]! << 7) | size[3]!;
  const hasFooter = (bytes[5]! & 0x10) !== 0;
  return ID3_HEADER_BYTES + body + (hasFooter ? ID3_HEADER_BYTES : 0);
}

/** An MPEG audio frame header (layers I–III): 11 sync bits and no reserved field values. */
function isMpegAudioFrame(b: Uint8Array): boolean {
  if (b.length < 4 || b[0] !== 0xff || (b[1]! & 0xe0) !== 0xe0) return false;
  const version = (b[1]! >> 3) & 0b11;
  const layer = (b[1]! >> 1) & 0b11;
  const bitrate = b[2]! >> 4;
  const sampleRate = (b[2]! >> 2) & 0b11;
  return version !== 0b01 && layer !== 0b00 && bitrate !== 0b1111 && sampleRate !== 0b11;
}

/** An ADTS (raw AAC) frame header: 12 sync bits, layer 0, a valid sampling index. */
function isAdtsFrame(b: Uint8Array): boolean {
  if (b.length < 7 || b[0] !== 0xff || (b[1]! & 0xf6) !== 0xf0) return false;
  return ((b[2]! >> 2) & 0b1111) < 13;
}

/**
 * The audio container of `bytes` (a file's start, ID3v2 tags included), or
 * null when it is none Montage accepts. Never looks at a name or a MIME type.
 */
export function sniffAudioFormat(bytes: Uint8Array): AudioFormat | null {
  const tag = id3v2Length(bytes);
  if (tag > 0) {
    // Tags prefix MP3 and ADTS streams (and some FLAC files); what follows decides.
    const inner = sniffAudioFormat(bytes.subarray(tag));
    return inner === 'mp3' || inner === 'aac' || inner === 'flac' ? inner : null;
  }
  if (hasAscii(bytes, 0, 'RIFF') && hasAscii(bytes, 8, 'WAVE')) return 'wav';
  if (hasAscii(bytes, 0, 'OggS')) return 'ogg';
  if (hasAscii(bytes, 0, 'fLaC')) return 'flac';
  if (hasAscii(bytes, 4, 'ftyp')) return 'm4a';
  if (isAdtsFrame(bytes)) return 'aac';
  if (isMpegAudioFrame(bytes)) return 'mp3';
  return null;
}

/** The picture format of `bytes` (a file's start), or null when it is none Montage accepts. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (hasAscii(bytes, 0, '\x89PNG\r\n\x1a\n')) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return 'jpeg';
  }
  if (hasAscii(bytes, 0, 'RIFF') && hasAscii(bytes, 8, 'WEBP')) return 'webp';
  return null;
}
