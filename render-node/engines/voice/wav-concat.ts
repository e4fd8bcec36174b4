import { readFile, writeFile } from 'node:fs/promises';
import { parseWavHeader, type WavInfo } from './wav-duration.ts';

/**
 * Joins PCM WAV files of one format into one, with silence between them: a
 * scene's narration from its voices' turns. Done in process (no ffmpeg run):
 * the parts come from one engine and share its format, and joining is a copy.
 */

export interface JoinedPart {
  startSample: number;
  samples: number;
}

/** A canonical 44-byte PCM WAV header (pure). */
export function wavHeader(
  format: Pick<WavInfo, 'sampleRate' | 'channels' | 'bitsPerSample'>,
  dataBytes: number,
): Uint8Array {
  const header = new Uint8Array(44);
  const view = new DataView(header.buffer);
  const ascii = (offset: number, text: string) =>
    header.set(new TextEncoder().encode(text), offset);
  const blockAlign = (format.channels * format.bitsPerSample) / 8;
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, format.channels, true);
  view.setUint32(24, format.sampleRate, true);
  view.setUint32(28, format.sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, format.bitsPerSample, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  return header;
}

/**
 * Writes `inputs` one after the other, `pauseSec` of silence between two,
 * into `outputPath`; returns where each input landed, in samples. Inputs of
 * different formats are refused with both formats named.
 */
export async function joinWavFiles(
  inputs: readonly string[],
  pauseSec: number,
  outputPath: string,
): Promise<{ format: WavInfo; parts: JoinedPart[] }> {
  const files = await Promise.all(
    inputs.map(async (path) => {
      const bytes = new Uint8Array(await readFile(path));
      return { bytes, info: parseWavHeader(bytes, bytes.length) };
    }),
  );
  const first = files[0]?.info;
  if (!first) throw new Error('no narration parts to join');
  const describe = (i: WavInfo) => `${i.sampleRate} Hz, ${i.channels} ch, ${i.bitsPerSample} bit`;
  for (const { info } of files) {
    if (
      info.sampleRate !== first.sampleRate ||
      info.channels !== first.channels ||
      info.bitsPerSample !== first.bitsPerSample
    ) {
      throw new Error(`narration parts differ in format: ${describe(first)} and ${describe(info)}`);
    }
  }
  const frameBytes = (first.channels * first.bitsPerSample) / 8;
  const pauseSamples = Math.round(pauseSec * first.sampleRate);
  const chunks: Uint8Array[] = [];
  const parts: JoinedPart[] = [];
  let at = 0;
  files.forEach(({ bytes, info }, i) => {
    if (i > 0) {
      // Zero is silence for signed PCM; 8-bit WAV is unsigned (silence is 128).
      chunks.push(
        new Uint8Array(pauseSamples * frameBytes).fill(first.bitsPerSample === 8 ? 128 : 0),
      );
      at += pauseSamples;
    }
    chunks.push(bytes.subarray(info.dataOffset, info.dataOffset + info.dataBytes));
    parts.push({ startSample: at, samples: info.samples });
    at += info.samples;
  });
  const dataBytes = at * frameBytes;
  await writeFile(outputPath, Buffer.concat([wavHeader(first, dataBytes), ...chunks]));
  return { format: first, parts };
}
