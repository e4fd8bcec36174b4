import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaStore } from './media-store.ts';

/** Shared by the media tests of both processes: a throwaway store, and a hostile upload. */

export async function temporaryStore(): Promise<MediaStore & { remove(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'montage-store-'));
  const store = new MediaStore(root) as MediaStore & { remove(): Promise<void> };
  store.remove = () => rm(root, { recursive: true, force: true });
  return store;
}

/** Every file left in the store's temp directory (there must be none after a render, failed or not). */
export async function leftoverTempFiles(store: MediaStore): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string) {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else found.push(path);
    }
  }
  await walk(store.tempDir);
  return found;
}

/**
 * A DASH manifest whose only segment is `target`, a file on "the server": the
 * shape of the upload that made ffmpeg read server files (issue #9).
 */
export const dashManifest = (target: string, seconds = 2) => `<?xml version="1.0" encoding="UTF-8"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT${seconds}S" minBufferTime="PT1S" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011">
 <Period duration="PT${seconds}S"><AdaptationSet mimeType="audio/mp4">
  <Representation id="a" bandwidth="128000" codecs="mp4a.40.2" audioSamplingRate="48000">
   <BaseURL>file://${target}</BaseURL>
  </Representation>
 </AdaptationSet></Period>
</MPD>
`;
