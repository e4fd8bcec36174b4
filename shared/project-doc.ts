import * as Y from 'yjs';
import { compareOrdered, orderForIndex } from './ordering.ts';
import { newId, randomSeed } from './ids.ts';
import {
  PROJECT_DEFAULTS,
  SCENE_DEFAULTS,
  SCHEMA_VERSION,
  validateTimeline,
  type Language,
  type Timeline,
  type TimelineScene,
} from './timeline.ts';

/**
 * Typed accessors for the project Y.Doc (schema in DESIGN.md). Every writer of
 * the document goes through these functions so the shape stays one shape.
 */

export type SceneMap = Y.Map<unknown>;
export type CastMap = Y.Map<unknown>;

export const projectMap = (doc: Y.Doc) => doc.getMap<unknown>('project');
export const scriptText = (doc: Y.Doc) => doc.getText('script');
export const scenesMap = (doc: Y.Doc) => doc.getMap<SceneMap>('scenes');
export const castMap = (doc: Y.Doc) => doc.getMap<CastMap>('cast');

/** Fields of a scene held as Y.Text so several people can type in them at once. */
export const SCENE_TEXT_FIELDS = ['narration', 'prompt'] as const;
export type SceneTextField = (typeof SCENE_TEXT_FIELDS)[number];

export interface SceneInput {
  title?: string;
  narration?: string;
  prompt?: string;
  durationSec?: number | null;
  transition?: TimelineScene['transition'];
  motion?: TimelineScene['motion'];
  seed?: number;
  cast?: string[];
  location?: string;
  mood?: string;
  act?: number;
  image?: string | null;
}

/** Sets the project defaults on a brand-new document; a no-op on an initialised one. */
export function initProjectDoc(doc: Y.Doc, init: { title: string; language?: Language }) {
  const project = projectMap(doc);
  if (project.has('schemaVersion')) return;
  doc.transact(() => {
    const language = init.language ?? PROJECT_DEFAULTS.language;
    project.set('schemaVersion', SCHEMA_VERSION);
    project.set('title', init.title);
    project.set('language', language);
    project.set('aspect', PROJECT_DEFAULTS.aspect);
    project.set('fps', PROJECT_DEFAULTS.fps);
    project.set('stylePreset', PROJECT_DEFAULTS.stylePreset);
    project.set('voice', { ...PROJECT_DEFAULTS.voice, voice: language });
    project.set('music', null);
  });
}

export interface SceneRef {
  id: string;
  order: string;
  map: SceneMap;
}

/** Scenes sorted by their fractional order (ties by id, identical on every replica). */
export function listScenes(doc: Y.Doc): SceneRef[] {
  const refs: SceneRef[] = [];
  scenesMap(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    const order = map.get('order');
    refs.push({ id, order: typeof order === 'string' ? order : '', map });
  });
  return refs.sort(compareOrdered);
}

function sceneTextValue(map: SceneMap, field: SceneTextField): string {
  const value = map.get(field);
  return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
}

function buildSceneMap(input: SceneInput, order: string): SceneMap {
  const map = new Y.Map<unknown>();
  map.set('order', order);
  map.set('title', input.title ?? SCENE_DEFAULTS.title);
  for (const field of SCENE_TEXT_FIELDS) map.set(field, new Y.Text(input[field] ?? ''));
  map.set('durationSec', input.durationSec ?? null);
  map.set('transition', input.transition ?? SCENE_DEFAULTS.transition);
  map.set('motion', input.motion ?? SCENE_DEFAULTS.motion);
  map.set('seed', input.seed ?? randomSeed());
  map.set('cast', input.cast ?? []);
  map.set('location', input.location ?? SCENE_DEFAULTS.location);
  map.set('mood', input.mood ?? SCENE_DEFAULTS.mood);
  map.set('act', input.act ?? SCENE_DEFAULTS.act);
  map.set('image', input.image ?? null);
  return map;
}

/** Adds a scene at `index` (end by default); returns its id. */
export function addScene(doc: Y.Doc, input: SceneInput = {}, index?: number): string {
  const id = newId();
  const sorted = listScenes(doc);
  const order = orderForIndex(sorted, index ?? sorted.length);
  scenesMap(doc).set(id, buildSceneMap(input, order));
  return id;
}

export function deleteScene(doc: Y.Doc, id: string): boolean {
  const scenes = scenesMap(doc);
  if (!scenes.has(id)) return false;
  scenes.delete(id);
  return true;
}

/** Moves a scene to `index` among the others; writes only its order key. */
export function moveScene(doc: Y.Doc, id: string, index: number): boolean {
  const scene = scenesMap(doc).get(id);
  if (!scene) return false;
  const others = listScenes(doc).filter((s) => s.id !== id);
  scene.set('order', orderForIndex(others, index));
  return true;
}

export function readScene(ref: SceneRef) {
  const { map } = ref;
  return {
    id: ref.id,
    order: ref.order,
    title: map.get('title'),
    narration: sceneTextValue(map, 'narration'),
    prompt: sceneTextValue(map, 'prompt'),
    durationSec: map.get('durationSec'),
    transition: map.get('transition'),
    motion: map.get('motion'),
    seed: map.get('seed'),
    cast: map.get('cast'),
    location: map.get('location'),
    mood: map.get('mood'),
    act: map.get('act'),
    image: map.get('image'),
  };
}

/** Copies a scene (new id, new seed) right after the original; returns the new id. */
export function duplicateScene(doc: Y.Doc, id: string): string | null {
  const sorted = listScenes(doc);
  const index = sorted.findIndex((s) => s.id === id);
  const ref = sorted[index];
  if (!ref) return null;
  const { id: _id, order: _order, ...fields } = readScene(ref);
  return addScene(doc, { ...(fields as SceneInput), seed: randomSeed() }, index + 1);
}

export function setSceneTitle(doc: Y.Doc, id: string, title: string): boolean {
  const scene = scenesMap(doc).get(id);
  if (!scene) return false;
  scene.set('title', title);
  return true;
}

export function sceneText(doc: Y.Doc, id: string, field: SceneTextField): Y.Text | null {
  const value = scenesMap(doc).get(id)?.get(field);
  return value instanceof Y.Text ? value : null;
}

export function addCastMember(doc: Y.Doc, input: { name: string; description?: string }): string {
  const id = newId();
  const map = new Y.Map<unknown>();
  map.set('name', input.name);
  map.set('description', input.description ?? '');
  castMap(doc).set(id, map);
  return id;
}

const valueOr = <T>(value: unknown, fallback: T): T | unknown =>
  value === undefined ? fallback : value;

/**
 * The raw, unvalidated timeline read from the document with defaults applied
 * to missing values. Wrong values are kept so validation can name them.
 */
export function readTimeline(doc: Y.Doc): unknown {
  const project = projectMap(doc);
  const language = valueOr(project.get('language'), PROJECT_DEFAULTS.language);
  const cast: { id: string; name: unknown; description: unknown }[] = [];
  castMap(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    cast.push({
      id,
      name: valueOr(map.get('name'), ''),
      description: valueOr(map.get('description'), ''),
    });
  });
  cast.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    schemaVersion: valueOr(project.get('schemaVersion'), SCHEMA_VERSION),
    title: valueOr(project.get('title'), PROJECT_DEFAULTS.title),
    language,
    aspect: valueOr(project.get('aspect'), PROJECT_DEFAULTS.aspect),
    fps: valueOr(project.get('fps'), PROJECT_DEFAULTS.fps),
    stylePreset: valueOr(project.get('stylePreset'), PROJECT_DEFAULTS.stylePreset),
    voice: valueOr(project.get('voice'), { ...PROJECT_DEFAULTS.voice, voice: language }),
    music: valueOr(project.get('music'), null),
    cast,
    scenes: listScenes(doc).map((ref) => {
      const raw = readScene(ref);
      const out: Record<string, unknown> = { ...raw };
      for (const [key, fallback] of Object.entries(SCENE_DEFAULTS)) {
        if (out[key] === undefined) out[key] = fallback;
      }
      if (out.cast === undefined) out.cast = [];
      if (out.seed === undefined) out.seed = 0;
      return out;
    }),
  };
}

/** The canonical timeline of the document; throws TimelineError naming every bad field. */
export function toTimeline(doc: Y.Doc): Timeline {
  return validateTimeline(readTimeline(doc));
}
