import { customPreset, renderPreset, type RenderPreset } from '../shared/render/render-presets.ts';
import { SCHEMA_VERSION, type Timeline, type TimelineScene } from '../shared/timeline.ts';
import type { PictureRequest } from './engines/image/engine.ts';

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

/** A picture request for the image engine's tests: 320×180, cinematic, no cast, seed 1, unless `fields` say otherwise. */
export const pictureRequest = (fields: Partial<PictureRequest> = {}): PictureRequest => ({
  prompt: '',
  title: '',
  location: '',
  mood: '',
  stylePreset: 'cinematic',
  cast: [],
  seed: 1,
  width: 320,
  height: 180,
  ...fields,
});
