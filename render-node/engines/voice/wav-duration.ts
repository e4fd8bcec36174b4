import { open } from 'node:fs/promises';

/**
 * Reads a PCM WAV header: the narration's measured length comes from the
 * file itself, which is exact and costs one small read (cache hits too).
 */

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Sample frames (per channel). */
  samples: number;
  durationSec: number;
  /** Where the PCM samples start in the file, and their length in bytes. */
  dataOffset: number;
  dataBytes: number;
}

export function parseWavHeader(bytes: Uint8Array, fileSize: number): WavInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE file');
  }
  let offset = 12;
  let format: { sampleRate: number; channels: number; bitsPerSample: number } | null = null;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    if (id === 'fmt ') {
      format = {
        channels: view.getUint16(offset + 10, true),
        sampleRate: view.getUint32(offset + 12, true),
        bitsPerSample: view.getUint16(offset + 22, true),
      };
    } else if (id === 'data') {
      if (!format) throw new Error('WAV data chunk before its fmt chunk');
      // Streaming writers leave a placeholder size; the file size is the truth then.
      const available = fileSize - (offset + 8);
      const dataBytes = size === 0 || size > available ? available : size;
      const frameBytes = (format.channels * format.bitsPerSample) / 8;
      const samples = Math.floor(dataBytes / frameBytes);
      return {
        ...format,
        samples,
        durationSec: samples / format.sampleRate,
        dataOffset: offset + 8,
        dataBytes: samples * frameBytes,
      };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('WAV file has no data chunk');
}

export async function readWavInfo(path: string): Promise<WavInfo> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const buffer = new Uint8Array(Math.min(size, 4096));
    await file.read(buffer, 0, buffer.length, 0);
    return parseWavHeader(buffer, size);
  } finally {
    await file.close();
  }
}
