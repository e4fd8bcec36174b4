import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { customPreset, renderPreset, type RenderPreset } from '../shared/render-presets.ts';
import { SCHEMA_VERSION, type Timeline, type TimelineScene } from '../shared/timeline.ts';
import { MediaStore } from './media-store.ts';

/** Shared by the render node's tests: tiny renders (320x180 at 10 fps) in a throwaway store. */

export const tinyPreset = (): RenderPreset =>
  customPreset(renderPreset('720p-draft', '16:9'), {
    id: 'test-180p',
    width: 320,
    height: 180,
    fps: 10,
  });

export function scene(id: string, fields: Partial<TimelineScene> = {}): TimelineScene {
  return {
    id,
    order: `a${id}`,
    title: `Scene ${id}`,
    narration: '',
    prompt: '',
    durationSec: null,
    transition: 'crossfade',
    motion: 'zoom-in',
    seed: 7,
    cast: [],
    location: '',
    mood: '',
    act: 1,
    image: null,
    ...fields,
  };
}

export function timeline(scenes: TimelineScene[], fields: Partial<Timeline> = {}): Timeline {
  return {
    schemaVersion: SCHEMA_VERSION,
    title: 'Test project',
    language: 'en',
    aspect: '16:9',
    fps: 30,
    stylePreset: 'cinematic',
    // Fast speech keeps the test renders short.
    voice: { engine: 'espeak-ng', voice: 'en', rate: 1.6, pitch: 1 },
    music: null,
    cast: [],
    scenes,
    ...fields,
  };
}

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
