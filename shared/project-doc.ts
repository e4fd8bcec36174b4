import * as Y from 'yjs';
import type { KeptSoundtrack } from './music/soundtrack-request.ts';
import type { z } from 'zod';
import { compareOrdered, orderForIndex, orderKeys, type Ordered } from './ordering.ts';
import { newId, randomSeed } from './ids.ts';
import { castVoices, type VoicedMember } from './voices/cast-voice.ts';
import {
  ASPECTS,
  FPS_VALUES,
  LANGUAGES,
  PROJECT_DEFAULTS,
  PROJECT_SETTING_FIELDS,
  STYLE_PRESETS,
  VOICE_ENGINES,
  SCENE_CONTENT_FIELDS,
  MAX_SCENE_DURATION_SEC,
  SCENE_DEFAULTS,
  SCHEMA_VERSION,
  canonicalJson,
  DEFAULT_MUSIC_VOLUME,
  castMemberSchema,
  imageEngineSchema,
  musicSchema,
  sceneSchema,
  timelineSchema,
  validateTimeline,
  type Aspect,
  type ImageEngineId,
  type ImageEngineSetting,
  type Language,
  type MusicBed,
  type StylePreset,
  type Timeline,
  type Voice,
  type TimelineScene,
} from './timeline.ts';

/**
 * Typed accessors for the project Y.Doc (schema in docs/design.md). Every writer of
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
  /** Absent: the project's picture engine (the key stays out of the scene). */
  imageEngine?: ImageEngineId;
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
    // A newcomer's first render has a soundtrack (issue 18, ADR 0036): generated, following the story.
    project.set('music', defaultSoundtrack(randomSeed() >>> 1));
  });
}

/**
 * The music of a new project: an ambient soundtrack that follows the story,
 * not previewed yet (no asset: the render composes it), ducked under the
 * narration at the default volume (pure).
 */
export function defaultSoundtrack(seed: number): MusicBed {
  return {
    volume: DEFAULT_MUSIC_VOLUME,
    duck: true,
    generated: { followStory: true, genre: 'ambient', seed },
  };
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
  if (input.imageEngine !== undefined) map.set('imageEngine', input.imageEngine);
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
    // Only when set: scenes of older documents keep the exact shape (and revision ids) they had.
    ...(map.has('imageEngine') ? { imageEngine: map.get('imageEngine') } : {}),
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

/** A voice's rate and pitch bounds (as the timeline schema checks them). */
export const VOICE_RATE_MIN = 0.5;
export const VOICE_RATE_MAX = 2;

/** The value if the list holds it, else the fallback. */
export const oneOf = <T extends string | number>(
  list: readonly T[],
  value: unknown,
  fallback: T,
): T => ((list as readonly unknown[]).includes(value) ? (value as T) : fallback);

const rateOr = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value)
    ? Math.min(VOICE_RATE_MAX, Math.max(VOICE_RATE_MIN, value))
    : fallback;

/** The project settings as people see and use them. */
export interface ProjectSettings {
  title: string;
  language: Language;
  aspect: Aspect;
  fps: (typeof FPS_VALUES)[number];
  stylePreset: StylePreset;
  voice: Voice;
}

/**
 * The project settings, always usable: a missing or broken value (a raw
 * client can write anything) reads as its default, a voice rate out of range
 * as its bound. The one way to read settings back for display and choices;
 * `readTimeline` instead keeps wrong values so validation can name them.
 */
export function projectSettingsOf(project: Y.Map<unknown>): ProjectSettings {
  const language = oneOf(LANGUAGES, project.get('language'), PROJECT_DEFAULTS.language);
  const voice = (project.get('voice') ?? {}) as Partial<Record<keyof Voice, unknown>>;
  const title = project.get('title');
  return {
    title: typeof title === 'string' ? title : '',
    language,
    aspect: oneOf(ASPECTS, project.get('aspect'), PROJECT_DEFAULTS.aspect),
    fps: oneOf(FPS_VALUES, project.get('fps'), PROJECT_DEFAULTS.fps as (typeof FPS_VALUES)[number]),
    stylePreset: oneOf(STYLE_PRESETS, project.get('stylePreset'), PROJECT_DEFAULTS.stylePreset),
    voice: {
      engine: oneOf(VOICE_ENGINES, voice.engine, PROJECT_DEFAULTS.voice.engine),
      voice: typeof voice.voice === 'string' ? voice.voice : language,
      rate: rateOr(voice.rate, 1),
      pitch: rateOr(voice.pitch, 1),
    },
  };
}

/** `projectSettingsOf` for a whole document. */
export const readProjectSettings = (doc: Y.Doc): ProjectSettings =>
  projectSettingsOf(projectMap(doc));

/**
 * The raw, unvalidated timeline read from the document with defaults applied
 * to missing values. Wrong values are kept so validation can name them.
 */
export function readTimeline(doc: Y.Doc): unknown {
  const project = projectMap(doc);
  const language = valueOr(project.get('language'), PROJECT_DEFAULTS.language);
  const cast: { id: string; name: unknown; description: unknown; voice?: unknown }[] = [];
  castMap(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    const voice = map.get('voice');
    cast.push({
      id,
      name: valueOr(map.get('name'), ''),
      description: valueOr(map.get('description'), ''),
      // Absent (or cleared to null) reads as "the default voice": the key stays out of the timeline.
      ...(voice === undefined || voice === null ? {} : { voice }),
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
    // Only when set: a document that never chose an engine reads exactly as before (issue 14).
    ...(project.has('imageEngine') ? { imageEngine: project.get('imageEngine') } : {}),
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

// ---------------------------------------------------------------------------
// Editing helpers. Each runs in one `doc.transact`, so one Y.UndoManager step
// undoes it, and edits Y.Texts in place rather than replacing them.
// ---------------------------------------------------------------------------

/** Scene fields that hold a plain value (not a Y.Text, not the order key). */
export type SceneScalarField =
  | 'title'
  | 'durationSec'
  | 'transition'
  | 'motion'
  | 'location'
  | 'mood'
  | 'act'
  | 'cast'
  | 'image'
  | 'seed';

/** The validated value, or throws a RangeError naming the field. */
function parseField(schema: z.ZodType, field: string, value: unknown): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const message = result.error.issues[0]?.message ?? 'invalid value';
  throw new RangeError(`Invalid ${field}: ${message}`);
}

const sameValue = (a: unknown, b: unknown) =>
  a === b ||
  (typeof a === 'object' && typeof b === 'object' && canonicalJson(a) === canonicalJson(b));

/**
 * Sets one plain field of a scene; false when the scene is gone. Throws a
 * RangeError naming the field when the value breaks the timeline schema.
 * Writing the value already there changes nothing (the document does not grow).
 */
export function setSceneField<K extends SceneScalarField>(
  doc: Y.Doc,
  id: string,
  field: K,
  value: NonNullable<SceneInput[K]> | (K extends 'durationSec' | 'image' ? null : never),
): boolean {
  const parsed = parseField(sceneSchema.shape[field], field, value);
  const scene = scenesMap(doc).get(id);
  if (!(scene instanceof Y.Map)) return false;
  if (sameValue(scene.get(field), parsed)) return true;
  doc.transact(() => {
    scene.set(field, Array.isArray(parsed) ? [...parsed] : parsed);
  });
  return true;
}

/** Keys for `count` items placed at `index` in `sorted` (which must not contain them). */
function orderKeysForIndex(sorted: readonly Ordered[], index: number, count: number): string[] {
  const clamped = Math.max(0, Math.min(index, sorted.length));
  const before = clamped > 0 ? (sorted[clamped - 1]?.order ?? null) : null;
  let after = clamped < sorted.length ? (sorted[clamped]?.order ?? null) : null;
  // Equal or inverted neighbours happen after concurrent inserts; go past the first one.
  if (before !== null && after !== null && before >= after) after = null;
  return orderKeys(count, before, after);
}

/**
 * Moves a group of scenes (a multi-selection) so they sit together, in their
 * current relative order, at `index` among the scenes not in the group. Only
 * their order keys are written, so a concurrent move never duplicates a scene.
 */
export function moveScenes(doc: Y.Doc, ids: readonly string[], index: number): void {
  const wanted = new Set(ids);
  const sorted = listScenes(doc);
  const group = sorted.filter((s) => wanted.has(s.id));
  if (!group.length) return;
  const others = sorted.filter((s) => !wanted.has(s.id));
  const at = Math.max(0, Math.min(Math.trunc(index) || 0, others.length));
  const target = [...others.slice(0, at), ...group, ...others.slice(at)];
  if (target.every((s, i) => s.id === sorted[i]?.id)) return; // already there
  const keys = orderKeysForIndex(others, at, group.length);
  doc.transact(() => {
    group.forEach((ref, i) => ref.map.set('order', keys[i]!));
  });
}

const LEADING_SPACE = /^\s+/;
const TRAILING_SPACE = /\s+$/;
const roundTenth = (sec: number) => Math.round(sec * 10) / 10;

/**
 * Splits a scene at `offset` in `field`: the text after it (leading white
 * space trimmed) moves to a new scene inserted right after, which copies the
 * transition, motion, location, mood, act and cast, gets a new seed and the
 * same title. White space left at the end of the original is trimmed too. The
 * other text field stays with the original. A set duration is shared in
 * proportion to the characters (at least 1 s each). Returns the new id, or
 * null when the scene is gone or there is nothing on one side of the offset.
 */
export function splitScene(
  doc: Y.Doc,
  id: string,
  field: SceneTextField,
  offset: number,
): string | null {
  const sorted = listScenes(doc);
  const index = sorted.findIndex((s) => s.id === id);
  const ref = sorted[index];
  if (!ref) return null;
  const text = ref.map.get(field);
  const value = text instanceof Y.Text ? text.toString() : sceneTextValue(ref.map, field);
  if (!(offset > 0 && offset < value.length)) return null;
  const head = value.slice(0, offset).replace(TRAILING_SPACE, '');
  const tail = value.slice(offset).replace(LEADING_SPACE, '');
  if (!head || !tail) return null;
  const scene = readScene(ref);
  let before: number | null = null;
  let after: number | null = null;
  if (typeof scene.durationSec === 'number') {
    const total = scene.durationSec;
    before = Math.max(1, roundTenth((total * head.length) / (head.length + tail.length)));
    after = Math.max(1, roundTenth(total - before));
  }
  const newSceneId = newId();
  doc.transact(() => {
    if (text instanceof Y.Text) text.delete(head.length, value.length - head.length);
    else ref.map.set(field, new Y.Text(head));
    if (before !== null) ref.map.set('durationSec', before);
    const input: SceneInput = {
      title: typeof scene.title === 'string' ? scene.title : SCENE_DEFAULTS.title,
      [field]: tail,
      durationSec: after,
      cast: Array.isArray(scene.cast) ? [...(scene.cast as string[])] : [],
      seed: randomSeed(),
    };
    const map = buildSceneMap(input, orderForIndex(sorted, index + 1));
    for (const key of ['transition', 'motion', 'location', 'mood', 'act'] as const) {
      if (scene[key] !== undefined) map.set(key, scene[key]);
    }
    scenesMap(doc).set(newSceneId, map);
  });
  return newSceneId;
}

/**
 * Appends the next scene to this one: narration and prompt are inserted at
 * the end of the existing Y.Texts (joined with a new line when both sides
 * have text), the cast is the union, the duration the sum when both are set
 * (else automatic), and the next scene is deleted. False when there is none.
 */
export function mergeWithNext(doc: Y.Doc, id: string): boolean {
  const sorted = listScenes(doc);
  const index = sorted.findIndex((s) => s.id === id);
  const ref = sorted[index];
  const next = sorted[index + 1];
  if (!ref || !next) return false;
  doc.transact(() => {
    for (const field of SCENE_TEXT_FIELDS) {
      const addition = sceneTextValue(next.map, field);
      let text = ref.map.get(field);
      if (!(text instanceof Y.Text)) {
        text = new Y.Text(sceneTextValue(ref.map, field));
        ref.map.set(field, text);
      }
      if (!addition) continue;
      const ytext = text as Y.Text;
      ytext.insert(ytext.length, ytext.length ? `\n${addition}` : addition);
    }
    const castA = ref.map.get('cast');
    const castB = next.map.get('cast');
    const union = [
      ...new Set([
        ...(Array.isArray(castA) ? (castA as unknown[]) : []),
        ...(Array.isArray(castB) ? (castB as unknown[]) : []),
      ]),
    ];
    if (!sameValue(castA, union)) ref.map.set('cast', union);
    const a = ref.map.get('durationSec');
    const b = next.map.get('durationSec');
    const sum =
      typeof a === 'number' && typeof b === 'number'
        ? Math.min(MAX_SCENE_DURATION_SEC, a + b)
        : null;
    if (a !== sum) ref.map.set('durationSec', sum);
    scenesMap(doc).delete(next.id);
  });
  return true;
}

/** Renames or redescribes a cast member; false when it is gone. RangeError naming a bad field. */
export function setCastMember(
  doc: Y.Doc,
  id: string,
  fields: { name?: string; description?: string },
): boolean {
  const shape = castMemberSchema.shape;
  if (fields.name !== undefined) parseField(shape.name, 'name', fields.name);
  if (fields.description !== undefined) {
    parseField(shape.description, 'description', fields.description);
  }
  const { name, description } = fields;
  const member = castMap(doc).get(id);
  if (!(member instanceof Y.Map)) return false;
  doc.transact(() => {
    if (name !== undefined && member.get('name') !== name) member.set('name', name);
    if (description !== undefined && member.get('description') !== description) {
      member.set('description', description);
    }
  });
  return true;
}

/**
 * Sets a character's voice (null: back to its default voice) in one
 * transaction, so one undo step; false when the member is gone. Throws a
 * RangeError naming the field (changing nothing) when the voice is invalid.
 */
export function setCastVoice(doc: Y.Doc, id: string, voice: Voice | null): boolean {
  const parsed = voice === null ? null : parseField(castMemberSchema.shape.voice, 'voice', voice);
  const member = castMap(doc).get(id);
  if (!(member instanceof Y.Map)) return false;
  if (sameValue(member.get('voice') ?? null, parsed)) return true;
  doc.transact(() => {
    if (parsed === null) member.delete('voice');
    else member.set('voice', { ...(parsed as Voice) });
  });
  return true;
}

/** A character's own voice as set on its cast entry, or null (default voice, or a broken value). */
export function readCastVoice(member: Y.Map<unknown>): Voice | null {
  const parsed = castMemberSchema.shape.voice.safeParse(member.get('voice'));
  return parsed.success && parsed.data ? parsed.data : null;
}

/**
 * Every character's voice as a render of the document would use it (its own,
 * or its default: shared/voices/cast-voice.ts), in the timeline's cast order.
 */
export function castVoicesOf(doc: Y.Doc): Map<string, Voice> {
  const settings = readProjectSettings(doc);
  const members: VoicedMember[] = [];
  castMap(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    const name = map.get('name');
    const description = map.get('description');
    members.push({
      id,
      name: typeof name === 'string' ? name : '',
      description: typeof description === 'string' ? description : '',
      voice: readCastVoice(map) ?? undefined,
    });
  });
  members.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return castVoices(members, settings.voice, settings.language);
}

/** Deletes a cast member and removes it from every scene's cast; false when it did not exist. */
export function deleteCastMember(doc: Y.Doc, id: string): boolean {
  const cast = castMap(doc);
  const existed = cast.has(id);
  doc.transact(() => {
    cast.delete(id);
    scenesMap(doc).forEach((scene) => {
      if (!(scene instanceof Y.Map)) return;
      const list = scene.get('cast');
      if (Array.isArray(list) && list.includes(id)) {
        scene.set(
          'cast',
          list.filter((c) => c !== id),
        );
      }
    });
  });
  return existed;
}

/** Sets who appears in a scene: duplicates and unknown cast ids are dropped. False when the scene is gone. */
export function setSceneCast(doc: Y.Doc, sceneId: string, castIds: readonly string[]): boolean {
  const scene = scenesMap(doc).get(sceneId);
  if (!(scene instanceof Y.Map)) return false;
  const cast = castMap(doc);
  const next = [...new Set(castIds)].filter((c) => cast.get(c) instanceof Y.Map);
  if (sameValue(scene.get('cast'), next)) return true;
  doc.transact(() => {
    scene.set('cast', next);
  });
  return true;
}

export type ProjectSettingKey = 'title' | 'language' | 'aspect' | 'fps' | 'stylePreset' | 'voice';

/** Sets one project setting; throws a RangeError naming it (changing nothing) when invalid. */
export function setProjectSetting(doc: Y.Doc, key: ProjectSettingKey, value: unknown): void {
  const parsed = parseField(timelineSchema.shape[key], key, value);
  const project = projectMap(doc);
  if (sameValue(project.get(key), parsed)) return;
  doc.transact(() => {
    project.set(key, typeof parsed === 'object' && parsed !== null ? { ...parsed } : parsed);
  });
}

/** The project's picture engine when the document holds a valid one, else null (storyboard frames). */
export function readImageEngine(project: Y.Map<unknown>): ImageEngineSetting | null {
  const parsed = imageEngineSchema.safeParse(project.get('imageEngine'));
  return parsed.success ? parsed.data : null;
}

/**
 * Sets the project's picture engine (null: back to storyboard frames with
 * no setting at all, as a project that never chose one) in one transaction.
 * Throws a RangeError naming the field (changing nothing) when invalid.
 */
export function setImageEngine(doc: Y.Doc, setting: ImageEngineSetting | null): void {
  const parsed =
    setting === null ? null : (parseField(imageEngineSchema, 'imageEngine', setting) as object);
  const project = projectMap(doc);
  if (sameValue(project.get('imageEngine') ?? null, parsed)) return;
  doc.transact(() => {
    if (parsed === null) project.delete('imageEngine');
    else project.set('imageEngine', { ...parsed });
  });
}

/**
 * Sets a scene's own picture engine (null: the project's again, the key
 * removed); false when the scene is gone. Throws a RangeError when invalid.
 */
export function setSceneImageEngine(doc: Y.Doc, id: string, engine: ImageEngineId | null): boolean {
  const parsed =
    engine === null ? null : parseField(sceneSchema.shape.imageEngine, 'imageEngine', engine);
  const scene = scenesMap(doc).get(id);
  if (!(scene instanceof Y.Map)) return false;
  if ((scene.get('imageEngine') ?? null) === parsed) return true;
  doc.transact(() => {
    if (parsed === null || parsed === undefined) scene.delete('imageEngine');
    else scene.set('imageEngine', parsed);
  });
  return true;
}

/** The project's music bed when the document holds a valid one, else null (pure read). */
export function readMusic(doc: Y.Doc): MusicBed | null {
  const parsed = musicSchema.safeParse(projectMap(doc).get('music'));
  return parsed.success ? parsed.data : null;
}

/**
 * Puts a newly uploaded bed in place of the current one. The mix people set
 * (volume, ducking) stays with the project, so a replaced file keeps it; the
 * default volume applies only to a first bed. Throws a RangeError (changing
 * nothing) for an invalid asset or name.
 */
export function setMusicBed(
  doc: Y.Doc,
  upload: { asset: string; name?: string | undefined },
  defaultVolume: number,
): MusicBed {
  const current = readMusic(doc);
  const next = parseField(
    musicSchema,
    'music',
    removeUndefined({
      asset: upload.asset,
      volume: current?.volume ?? defaultVolume,
      name: upload.name,
      duck: current?.duck,
    }),
  ) as MusicBed;
  doc.transact(() => projectMap(doc).set('music', next));
  return next;
}

/**
 * Keeps a generated soundtrack as the project's bed (issue 18): its preview's
 * audio, its name and how it was asked for, ducked under narration. The
 * volume people set stays; the default applies only to a first bed. One
 * transaction: one undo step. Throws a RangeError (changing nothing) when invalid.
 */
export function keepGeneratedSoundtrack(
  doc: Y.Doc,
  kept: { asset: string; name: string; generated: KeptSoundtrack },
  defaultVolume: number,
): MusicBed {
  const current = readMusic(doc);
  const next = parseField(musicSchema, 'music', {
    asset: kept.asset,
    volume: current?.volume ?? defaultVolume,
    name: kept.name,
    duck: true,
    generated: kept.generated,
  }) as MusicBed;
  doc.transact(() => projectMap(doc).set('music', next));
  return next;
}

/**
 * Changes the music bed's volume or ducking; false when there is no bed.
 * Throws a RangeError naming the field (changing nothing) when invalid.
 */
export function setMusicMix(doc: Y.Doc, change: { volume?: number; duck?: boolean }): boolean {
  const current = readMusic(doc);
  if (!current) return false;
  const next = parseField(musicSchema, 'music', { ...current, ...removeUndefined(change) });
  if (sameValue(current, next)) return true;
  doc.transact(() => projectMap(doc).set('music', next));
  return true;
}

function removeUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Rewrites a Y.Text to `next` with one minimal edit: the common prefix and
 * suffix stay, the middle is deleted and the new middle inserted, so what
 * others are typing elsewhere in the text survives.
 */
export function replaceTextMinimal(text: Y.Text, next: string): void {
  const prev = text.toString();
  if (prev === next) return;
  const max = Math.min(prev.length, next.length);
  let start = 0;
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  // Never cut a surrogate pair in two.
  if (start > 0 && isHighSurrogate(prev.charCodeAt(start - 1))) start--;
  let end = 0;
  while (
    end < max - start &&
    prev.charCodeAt(prev.length - 1 - end) === next.charCodeAt(next.length - 1 - end)
  ) {
    end++;
  }
  if (end > 0 && isLowSurrogate(prev.charCodeAt(prev.length - end))) end--;
  const removed = prev.length - start - end;
  const inserted = next.slice(start, next.length - end);
  if (removed > 0) text.delete(start, removed);
  if (inserted) text.insert(start, inserted);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Scene keys held as plain values (the text fields are Y.Texts, edited in place). */
const SCENE_SCALAR_KEYS = [
  'order',
  ...SCENE_CONTENT_FIELDS.filter(
    (key): key is Exclude<(typeof SCENE_CONTENT_FIELDS)[number], SceneTextField> =>
      !(SCENE_TEXT_FIELDS as readonly string[]).includes(key),
  ),
] as const;

const PROJECT_KEYS = ['schemaVersion', ...PROJECT_SETTING_FIELDS] as const;

const copyValue = (value: unknown): unknown =>
  Array.isArray(value)
    ? [...(value as unknown[])]
    : value && typeof value === 'object'
      ? { ...value }
      : value;

/**
 * Writes a committed timeline back into the live document in one transaction
 * (one undo step) with as few changes as possible: only settings, cast
 * members and scene fields that differ are written, and narration/prompt are
 * edited in place. Afterwards `toTimeline(doc)` deep-equals `timeline`.
 * Throws TimelineError (changing nothing) when `timeline` is not valid.
 */
export function restoreTimeline(doc: Y.Doc, timeline: Timeline): void {
  const target = validateTimeline(timeline);
  const project = projectMap(doc);
  const cast = castMap(doc);
  const scenes = scenesMap(doc);
  doc.transact(() => {
    for (const key of PROJECT_KEYS) {
      // An optional setting the target lacks (imageEngine) is removed, not written as undefined.
      if (target[key] === undefined) {
        if (project.has(key)) project.delete(key);
      } else if (!sameValue(project.get(key), target[key])) {
        project.set(key, copyValue(target[key]));
      }
    }

    const castIds = new Set(target.cast.map((c) => c.id));
    for (const id of [...cast.keys()]) if (!castIds.has(id)) cast.delete(id);
    for (const member of target.cast) {
      const existing = cast.get(member.id);
      if (existing instanceof Y.Map) {
        if (existing.get('name') !== member.name) existing.set('name', member.name);
        if (existing.get('description') !== member.description) {
          existing.set('description', member.description);
        }
        if (!member.voice) {
          if (existing.has('voice')) existing.delete('voice');
        } else if (!sameValue(existing.get('voice'), member.voice)) {
          existing.set('voice', { ...member.voice });
        }
      } else {
        const map = new Y.Map<unknown>();
        map.set('name', member.name);
        map.set('description', member.description);
        if (member.voice) map.set('voice', { ...member.voice });
        cast.set(member.id, map);
      }
    }

    const sceneIds = new Set(target.scenes.map((s) => s.id));
    for (const id of [...scenes.keys()]) if (!sceneIds.has(id)) scenes.delete(id);
    for (const scene of target.scenes) {
      const existing = scenes.get(scene.id);
      if (!(existing instanceof Y.Map)) {
        const { id, order, ...input } = scene;
        scenes.set(id, buildSceneMap({ ...input, cast: [...input.cast] }, order));
        continue;
      }
      for (const key of SCENE_SCALAR_KEYS) {
        if (scene[key] === undefined) {
          if (existing.has(key)) existing.delete(key);
        } else if (!sameValue(existing.get(key), scene[key])) {
          existing.set(key, copyValue(scene[key]));
        }
      }
      for (const field of SCENE_TEXT_FIELDS) {
        const text = existing.get(field);
        if (text instanceof Y.Text) replaceTextMinimal(text, scene[field]);
        else existing.set(field, new Y.Text(scene[field]));
      }
    }
  });
}

/**
 * Pins a generated picture (a variant) to a scene: its `image` (the
 * picture's hash) and the `seed` it was made with, in one transaction, so
 * one undo step takes both back (issue 14, ADR 0041). Renders then fit the
 * pinned picture to the frame as they do an upload. `image: null` unpins
 * (the scene is generated again, at the seed it keeps). False when the
 * scene is gone; a RangeError names a bad value and changes nothing.
 */
export function pinSceneImage(
  doc: Y.Doc,
  id: string,
  pick: { image: string | null; seed?: number },
): boolean {
  const image = parseField(sceneSchema.shape.image, 'image', pick.image);
  const seed =
    pick.seed === undefined ? undefined : parseField(sceneSchema.shape.seed, 'seed', pick.seed);
  const scene = scenesMap(doc).get(id);
  if (!(scene instanceof Y.Map)) return false;
  doc.transact(() => {
    if (!sameValue(scene.get('image'), image)) scene.set('image', image);
    if (seed !== undefined && scene.get('seed') !== seed) scene.set('seed', seed);
  });
  return true;
}
