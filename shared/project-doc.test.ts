import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import {
  readProjectSettings,
  addCastMember,
  addScene,
  castMap,
  deleteCastMember,
  deleteScene,
  duplicateScene,
  initProjectDoc,
  listScenes,
  mergeWithNext,
  moveScene,
  moveScenes,
  projectMap,
  readScene,
  replaceTextMinimal,
  restoreTimeline,
  sceneText,
  scenesMap,
  setCastMember,
  setCastVoice,
  readCastVoice,
  setProjectSetting,
  readMusic,
  readImageEngine,
  setImageEngine,
  setSceneImageEngine,
  defaultSoundtrack,
  keepGeneratedSoundtrack,
  setMusicBed,
  setMusicMix,
  setSceneCast,
  setSceneField,
  splitScene,
  toTimeline,
} from './project-doc.ts';
import { DEFAULT_MUSIC_VOLUME, TimelineError, canonicalJson, musicSchema } from './timeline.ts';

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
}

test('a new project document yields a timeline with defaults applied', () => {
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'Le phare', language: 'fr' });
  const t = toTimeline(doc);
  assert.equal(t.title, 'Le phare');
  assert.equal(t.language, 'fr');
  assert.equal(t.voice.voice, 'fr');
  assert.equal(t.aspect, '16:9');
  assert.deepEqual(t.scenes, []);
});

test('scenes come out in order with their collaborative text', () => {
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'T' });
  const a = addScene(doc, { title: 'A', narration: 'first' });
  const c = addScene(doc, { title: 'C' });
  const b = addScene(doc, { title: 'B' }, 1);
  sceneText(doc, a, 'narration')!.insert(5, ' words');
  const t = toTimeline(doc);
  assert.deepEqual(
    t.scenes.map((s) => s.id),
    [a, b, c],
  );
  assert.equal(t.scenes[0]!.narration, 'first words');
  moveScene(doc, a, 2);
  assert.deepEqual(
    listScenes(doc).map((s) => s.id),
    [b, c, a],
  );
  const d = duplicateScene(doc, b)!;
  assert.deepEqual(
    listScenes(doc).map((s) => s.id),
    [b, d, c, a],
  );
  assert.ok(deleteScene(doc, d));
  assert.equal(listScenes(doc).length, 3);
});

test('concurrent moves of the same scene never duplicate it', () => {
  const one = new Y.Doc();
  initProjectDoc(one, { title: 'T' });
  const ids = [0, 1, 2, 3].map((i) => addScene(one, { title: `S${i}` }));
  const two = new Y.Doc();
  sync(one, two);
  moveScene(one, ids[0]!, 3);
  moveScene(two, ids[0]!, 1);
  sync(one, two);
  const orderOne = listScenes(one).map((s) => s.id);
  assert.deepEqual(
    orderOne,
    listScenes(two).map((s) => s.id),
  );
  assert.equal(orderOne.length, 4);
  assert.equal(new Set(orderOne).size, 4);
});

test('an invalid value is reported with its scene id and field', () => {
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'T' });
  const id = addScene(doc, { title: 'A' });
  scenesMap(doc).get(id)!.set('durationSec', -3);
  projectMap(doc).set('fps', 'fast');
  assert.throws(
    () => toTimeline(doc),
    (err: unknown) => {
      assert.ok(err instanceof TimelineError);
      const paths = err.issues.map((i) => i.path.join('.'));
      assert.ok(paths.includes('fps'));
      assert.ok(paths.includes('scenes.0.durationSec'));
      assert.equal(err.issues.find((i) => i.path[0] === 'scenes')?.sceneId, id);
      return true;
    },
  );
});

test('canonical JSON does not depend on key order', () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [1, { y: 1, x: 2 }], c: 2 } }),
    canonicalJson({ a: { c: 2, d: [1, { x: 2, y: 1 }] }, b: 1 }),
  );
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'T' });
  addCastMember(doc, { name: 'Mara', description: 'red coat' });
  assert.equal(toTimeline(doc).cast[0]!.name, 'Mara');
});

function newDoc() {
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'T' });
  return doc;
}

const ids = (doc: Y.Doc) => listScenes(doc).map((s) => s.id);
const sceneOf = (doc: Y.Doc, id: string) => toTimeline(doc).scenes.find((s) => s.id === id)!;

function rangeErrorNaming(field: string) {
  return (err: unknown) => {
    assert.ok(err instanceof RangeError);
    assert.match(err.message, new RegExp(field));
    return true;
  };
}

test('setSceneField writes valid values and names the field of an invalid one', () => {
  const doc = newDoc();
  const id = addScene(doc, { title: 'A' });
  assert.equal(setSceneField(doc, id, 'title', 'Harbour'), true);
  assert.equal(setSceneField(doc, id, 'durationSec', 4.5), true);
  assert.equal(setSceneField(doc, id, 'transition', 'cut'), true);
  assert.equal(setSceneField(doc, id, 'act', 3), true);
  assert.equal(setSceneField(doc, id, 'image', 'a'.repeat(64)), true);
  let scene = sceneOf(doc, id);
  assert.equal(scene.title, 'Harbour');
  assert.equal(scene.durationSec, 4.5);
  assert.equal(scene.transition, 'cut');
  assert.equal(scene.act, 3);
  assert.equal(scene.image, 'a'.repeat(64));
  setSceneField(doc, id, 'durationSec', null);
  setSceneField(doc, id, 'image', null);
  scene = sceneOf(doc, id);
  assert.equal(scene.durationSec, null);
  assert.equal(scene.image, null);

  assert.throws(() => setSceneField(doc, id, 'durationSec', 0), rangeErrorNaming('durationSec'));
  assert.throws(() => setSceneField(doc, id, 'durationSec', 601), rangeErrorNaming('durationSec'));
  assert.throws(
    () => setSceneField(doc, id, 'transition', 'wipe' as never),
    rangeErrorNaming('transition'),
  );
  assert.throws(() => setSceneField(doc, id, 'act', 1.5), rangeErrorNaming('act'));
  assert.throws(() => setSceneField(doc, id, 'image', 'nope'), rangeErrorNaming('image'));
  assert.equal(sceneOf(doc, id).transition, 'cut');

  deleteScene(doc, id);
  assert.equal(setSceneField(doc, id, 'title', 'gone'), false);
});

test('setSceneField with the value already there does not grow the document', () => {
  const doc = newDoc();
  const id = addScene(doc, { title: 'A' });
  const size = Y.encodeStateAsUpdate(doc).length;
  setSceneField(doc, id, 'title', 'A');
  assert.equal(Y.encodeStateAsUpdate(doc).length, size);
});

test('moveScenes keeps the group together, in relative order, without duplicates', () => {
  const doc = newDoc();
  const s = [0, 1, 2, 3, 4, 5].map((i) => addScene(doc, { title: `S${i}` }));
  // Selection order does not matter: the current relative order is kept.
  moveScenes(doc, [s[4]!, s[1]!], 0);
  assert.deepEqual(ids(doc), [s[1], s[4], s[0], s[2], s[3], s[5]]);
  moveScenes(doc, [s[1]!, s[4]!], 4);
  assert.deepEqual(ids(doc), [s[0], s[2], s[3], s[5], s[1], s[4]]);
  moveScenes(doc, [s[0]!, s[5]!, s[4]!], 1);
  assert.deepEqual(ids(doc), [s[2], s[0], s[5], s[4], s[3], s[1]]);
  // Out of range indexes clamp; unknown ids are ignored.
  moveScenes(doc, [s[3]!, 'missing'], 99);
  assert.deepEqual(ids(doc), [s[2], s[0], s[5], s[4], s[1], s[3]]);
  moveScenes(doc, [s[3]!], -5);
  assert.deepEqual(ids(doc), [s[3], s[2], s[0], s[5], s[4], s[1]]);
  assert.equal(new Set(ids(doc)).size, 6);
  assert.equal(toTimeline(doc).scenes.length, 6);
});

test('moveScenes to where the group already is writes nothing', () => {
  const doc = newDoc();
  const s = [0, 1, 2].map((i) => addScene(doc, { title: `S${i}` }));
  const size = Y.encodeStateAsUpdate(doc).length;
  moveScenes(doc, [s[1]!, s[2]!], 1);
  moveScenes(doc, [], 0);
  assert.equal(Y.encodeStateAsUpdate(doc).length, size);
});

test('moveScenes is one undo step', () => {
  const doc = newDoc();
  const s = [0, 1, 2, 3].map((i) => addScene(doc, { title: `S${i}` }));
  const undo = new Y.UndoManager([scenesMap(doc)]);
  moveScenes(doc, [s[0]!, s[1]!], 2);
  assert.deepEqual(ids(doc), [s[2], s[3], s[0], s[1]]);
  undo.undo();
  assert.deepEqual(ids(doc), s);
});

test('one user moves a scene while another deletes it: it stays deleted, once', () => {
  const one = newDoc();
  const s = [0, 1, 2, 3].map((i) => addScene(one, { title: `S${i}` }));
  const two = new Y.Doc();
  sync(one, two);
  moveScenes(one, [s[1]!, s[2]!], 2);
  deleteScene(two, s[1]!);
  sync(one, two);
  assert.deepEqual(ids(one), ids(two));
  assert.deepEqual(ids(one), [s[0], s[3], s[2]]);
  assert.deepEqual(toTimeline(one), toTimeline(two));
});

test('concurrent group moves of overlapping scenes never duplicate them', () => {
  const one = newDoc();
  const s = [0, 1, 2, 3, 4].map((i) => addScene(one, { title: `S${i}` }));
  const two = new Y.Doc();
  sync(one, two);
  moveScenes(one, [s[0]!, s[1]!], 3);
  moveScenes(two, [s[1]!, s[4]!], 0);
  sync(one, two);
  assert.deepEqual(ids(one), ids(two));
  assert.deepEqual([...ids(one)].sort(), [...s].sort());
});

test('splitScene moves the text after the offset into a new scene right after', () => {
  const doc = newDoc();
  const castId = addCastMember(doc, { name: 'Mara' });
  const a = addScene(doc, {
    title: 'Harbour',
    narration: 'The boat leaves.   The gulls follow it.',
    prompt: 'wide shot of a harbour',
    durationSec: 10,
    transition: 'cut',
    motion: 'pan-left',
    location: 'harbour',
    mood: 'calm',
    act: 2,
    cast: [castId],
    image: 'b'.repeat(64),
  });
  const z = addScene(doc, { title: 'Z' });
  const seed = sceneOf(doc, a).seed;
  const offset = 'The boat leaves.'.length + 1;
  const b = splitScene(doc, a, 'narration', offset)!;
  assert.ok(b);
  assert.deepEqual(ids(doc), [a, b, z]);
  const first = sceneOf(doc, a);
  const second = sceneOf(doc, b);
  assert.equal(first.narration, 'The boat leaves.');
  assert.equal(second.narration, 'The gulls follow it.');
  assert.equal(first.prompt, 'wide shot of a harbour');
  assert.equal(second.prompt, '');
  assert.equal(second.title, 'Harbour');
  assert.equal(second.transition, 'cut');
  assert.equal(second.motion, 'pan-left');
  assert.equal(second.location, 'harbour');
  assert.equal(second.mood, 'calm');
  assert.equal(second.act, 2);
  assert.deepEqual(second.cast, [castId]);
  assert.equal(second.image, null);
  assert.notEqual(second.seed, seed);
  assert.equal(first.seed, seed);
  // 16 and 20 characters of 10 s.
  assert.equal(first.durationSec, 4.4);
  assert.equal(second.durationSec, 5.6);
  // The original Y.Text is edited, not replaced.
  assert.equal(sceneText(doc, a, 'narration')!.toString(), 'The boat leaves.');
});

test('splitScene keeps durations automatic, at least 1 s, and refuses empty sides', () => {
  const doc = newDoc();
  const a = addScene(doc, { narration: 'One two', prompt: 'p', durationSec: 1 });
  assert.equal(splitScene(doc, a, 'narration', 0), null);
  assert.equal(splitScene(doc, a, 'narration', 7), null);
  assert.equal(splitScene(doc, a, 'prompt', 1), null);
  assert.equal(splitScene(doc, 'missing', 'narration', 2), null);
  const b = splitScene(doc, a, 'narration', 3)!;
  assert.equal(sceneOf(doc, a).durationSec, 1);
  assert.equal(sceneOf(doc, b).durationSec, 1);
  const c = addScene(doc, { narration: 'x', prompt: 'close up. then wide' });
  const d = splitScene(doc, c, 'prompt', 'close up.'.length)!;
  assert.equal(sceneOf(doc, c).durationSec, null);
  assert.equal(sceneOf(doc, d).durationSec, null);
  assert.equal(sceneOf(doc, d).prompt, 'then wide');
  assert.equal(sceneOf(doc, d).narration, '');
  assert.equal(sceneOf(doc, c).narration, 'x');
});

test('splitScene then mergeWithNext gives the scene back (white space becomes a new line)', () => {
  const doc = newDoc();
  const a = addScene(doc, { narration: 'First part. Second part.', prompt: 'a lighthouse' });
  const z = addScene(doc, { title: 'Z' });
  const before = sceneOf(doc, a);
  const b = splitScene(doc, a, 'narration', 12)!;
  assert.equal(ids(doc).length, 3);
  assert.equal(mergeWithNext(doc, a), true);
  assert.deepEqual(ids(doc), [a, z]);
  const after = sceneOf(doc, a);
  assert.equal(after.narration, 'First part.\nSecond part.');
  assert.equal(after.prompt, 'a lighthouse');
  assert.deepEqual({ ...after, narration: before.narration }, before);
  assert.equal(scenesMap(doc).has(b), false);
});

test('mergeWithNext joins texts in place, unions cast and sums durations', () => {
  const doc = newDoc();
  const m = addCastMember(doc, { name: 'Mara' });
  const j = addCastMember(doc, { name: 'Jon' });
  const a = addScene(doc, { narration: 'One.', prompt: '', cast: [m], durationSec: 3 });
  const b = addScene(doc, { narration: 'Two.', prompt: 'dock', cast: [j, m], durationSec: 4.5 });
  const c = addScene(doc, { narration: 'Three.', durationSec: null });
  const text = sceneText(doc, a, 'narration');
  assert.equal(mergeWithNext(doc, a), true);
  let scene = sceneOf(doc, a);
  assert.equal(scene.narration, 'One.\nTwo.');
  assert.equal(scene.prompt, 'dock');
  assert.deepEqual(scene.cast, [m, j]);
  assert.equal(scene.durationSec, 7.5);
  assert.equal(sceneText(doc, a, 'narration'), text);
  assert.equal(mergeWithNext(doc, a), true);
  scene = sceneOf(doc, a);
  assert.equal(scene.narration, 'One.\nTwo.\nThree.');
  assert.equal(scene.durationSec, null);
  assert.deepEqual(ids(doc), [a]);
  assert.equal(mergeWithNext(doc, a), false);
  assert.equal(mergeWithNext(doc, b), false);
  assert.equal(mergeWithNext(doc, c), false);
});

test('mergeWithNext is one undo step', () => {
  const doc = newDoc();
  const a = addScene(doc, { narration: 'One.' });
  const b = addScene(doc, { narration: 'Two.' });
  const before = toTimeline(doc);
  const undo = new Y.UndoManager([scenesMap(doc)]);
  mergeWithNext(doc, a);
  undo.undo();
  assert.deepEqual(ids(doc), [a, b]);
  assert.deepEqual(toTimeline(doc), before);
});

test('cast members: edit with validation, delete from every scene, set a scene cast', () => {
  const doc = newDoc();
  const m = addCastMember(doc, { name: 'Mara' });
  const j = addCastMember(doc, { name: 'Jon' });
  assert.equal(setCastMember(doc, m, { description: 'red coat' }), true);
  assert.equal(setCastMember(doc, j, { name: 'John', description: 'tall' }), true);
  assert.throws(() => setCastMember(doc, m, { name: 'x'.repeat(201) }), rangeErrorNaming('name'));
  assert.throws(
    () => setCastMember(doc, m, { name: 'ok', description: 'x'.repeat(2001) }),
    rangeErrorNaming('description'),
  );
  assert.equal(setCastMember(doc, 'missing', { name: 'x' }), false);
  const cast = Object.fromEntries(toTimeline(doc).cast.map((c) => [c.id, c]));
  assert.deepEqual(cast[m], { id: m, name: 'Mara', description: 'red coat' });
  assert.deepEqual(cast[j], { id: j, name: 'John', description: 'tall' });

  const a = addScene(doc);
  const b = addScene(doc);
  assert.equal(setSceneCast(doc, a, [j, m, j, 'ghost']), true);
  assert.deepEqual(sceneOf(doc, a).cast, [j, m]);
  setSceneCast(doc, b, [m]);
  assert.equal(setSceneCast(doc, 'missing', [m]), false);

  assert.equal(deleteCastMember(doc, m), true);
  assert.equal(castMap(doc).has(m), false);
  assert.deepEqual(sceneOf(doc, a).cast, [j]);
  assert.deepEqual(sceneOf(doc, b).cast, []);
  assert.equal(deleteCastMember(doc, m), false);
});

test('setProjectSetting validates each setting and names the bad one', () => {
  const doc = newDoc();
  setProjectSetting(doc, 'title', 'Le phare');
  setProjectSetting(doc, 'language', 'fr');
  setProjectSetting(doc, 'aspect', '9:16');
  setProjectSetting(doc, 'fps', 24);
  setProjectSetting(doc, 'stylePreset', 'anime');
  setProjectSetting(doc, 'voice', { engine: 'piper', voice: 'fr', rate: 1.2, pitch: 1 });
  const t = toTimeline(doc);
  assert.equal(t.title, 'Le phare');
  assert.equal(t.language, 'fr');
  assert.equal(t.aspect, '9:16');
  assert.equal(t.fps, 24);
  assert.equal(t.stylePreset, 'anime');
  assert.deepEqual(t.voice, { engine: 'piper', voice: 'fr', rate: 1.2, pitch: 1 });
  const before = Y.encodeStateAsUpdate(doc);
  assert.throws(() => setProjectSetting(doc, 'fps', 23), rangeErrorNaming('fps'));
  assert.throws(() => setProjectSetting(doc, 'language', 'de'), rangeErrorNaming('language'));
  assert.throws(() => setProjectSetting(doc, 'title', 'x'.repeat(201)), rangeErrorNaming('title'));
  assert.throws(
    () => setProjectSetting(doc, 'voice', { engine: 'piper', voice: 'fr', rate: 9, pitch: 1 }),
    rangeErrorNaming('voice'),
  );
  assert.deepEqual(Y.encodeStateAsUpdate(doc), before);
});

test('replaceTextMinimal keeps a concurrent edit elsewhere in the text', () => {
  const one = new Y.Doc();
  const text = one.getText('t');
  text.insert(0, 'The quick brown fox jumps over the lazy dog.');
  const two = new Y.Doc();
  sync(one, two);
  replaceTextMinimal(text, 'The quick red fox jumps over the lazy dog.');
  const other = two.getText('t');
  other.insert(other.length - 1, ' at noon');
  sync(one, two);
  assert.equal(text.toString(), 'The quick red fox jumps over the lazy dog at noon.');
  assert.equal(other.toString(), text.toString());
  replaceTextMinimal(text, '😀 emoji 😀');
  replaceTextMinimal(text, '😁 emoji 😁');
  assert.equal(text.toString(), '😁 emoji 😁');
});

function richDoc() {
  const doc = newDoc();
  const m = addCastMember(doc, { name: 'Mara', description: 'red coat' });
  const j = addCastMember(doc, { name: 'Jon' });
  const a = addScene(doc, {
    title: 'Harbour',
    narration: 'The boat leaves the harbour at dawn.',
    prompt: 'wide shot',
    cast: [m],
    durationSec: 5,
  });
  const b = addScene(doc, { title: 'Lighthouse', narration: 'Jon climbs.', cast: [j, m] });
  const c = addScene(doc, { title: 'Storm', narration: 'Rain.', transition: 'cut' });
  return { doc, m, j, a, b, c };
}

test('restoreTimeline writes a committed timeline back exactly', () => {
  const { doc, m, j, a, b, c } = richDoc();
  const committed = toTimeline(doc);
  // Many changes after the commit.
  setProjectSetting(doc, 'title', 'Other');
  setProjectSetting(doc, 'fps', 60);
  projectMap(doc).set('music', { asset: 'c'.repeat(64), volume: 0.5 });
  setCastMember(doc, m, { name: 'Marah' });
  deleteCastMember(doc, j);
  const n = addCastMember(doc, { name: 'New' });
  sceneText(doc, a, 'narration')!.insert(9, ' slowly');
  setSceneField(doc, a, 'durationSec', null);
  deleteScene(doc, b);
  moveScene(doc, c, 0);
  const d = addScene(doc, { title: 'Extra', cast: [n] });
  const textA = sceneText(doc, a, 'narration');

  restoreTimeline(doc, committed);
  assert.deepEqual(toTimeline(doc), committed);
  assert.equal(scenesMap(doc).has(d), false);
  assert.equal(castMap(doc).has(n), false);
  // Existing texts are edited in place.
  assert.equal(sceneText(doc, a, 'narration'), textA);
  // A restored scene keeps its id.
  assert.equal(listScenes(doc)[1]!.id, b);
  assert.equal(readScene(listScenes(doc)[1]!).narration, 'Jon climbs.');

  // Restoring what is already there changes nothing.
  const size = Y.encodeStateAsUpdate(doc).length;
  restoreTimeline(doc, committed);
  assert.equal(Y.encodeStateAsUpdate(doc).length, size);
});

test('restoreTimeline into an empty document round-trips', () => {
  const { doc } = richDoc();
  const committed = toTimeline(doc);
  const fresh = new Y.Doc();
  restoreTimeline(fresh, committed);
  assert.deepEqual(toTimeline(fresh), committed);
  assert.equal(canonicalJson(toTimeline(fresh)), canonicalJson(committed));
});

test('restoreTimeline refuses an invalid timeline and changes nothing', () => {
  const { doc } = richDoc();
  const committed = toTimeline(doc);
  const before = Y.encodeStateAsUpdate(doc);
  const bad = { ...committed, fps: 23 } as unknown as typeof committed;
  assert.throws(() => restoreTimeline(doc, bad), TimelineError);
  assert.deepEqual(Y.encodeStateAsUpdate(doc), before);
});

test('undoing restoreTimeline is one step back to the previous content', () => {
  const { doc, a, b } = richDoc();
  const committed = toTimeline(doc);
  sceneText(doc, a, 'narration')!.insert(0, 'Later, ');
  deleteScene(doc, b);
  addScene(doc, { title: 'Extra' });
  setProjectSetting(doc, 'aspect', '1:1');
  const current = toTimeline(doc);
  const undo = new Y.UndoManager([projectMap(doc), scenesMap(doc), castMap(doc)], {
    trackedOrigins: new Set([null]),
  });
  restoreTimeline(doc, committed);
  assert.deepEqual(toTimeline(doc), committed);
  assert.equal(undo.undoStack.length, 1);
  undo.undo();
  assert.deepEqual(toTimeline(doc), current);
  undo.redo();
  assert.deepEqual(toTimeline(doc), committed);
});

test('restoreTimeline keeps concurrent typing elsewhere in a narration', () => {
  const one = newDoc();
  const a = addScene(one, { narration: 'The boat leaves the harbour at dawn.' });
  const committed = toTimeline(one);
  sceneText(one, a, 'narration')!.delete(0, 4); // "boat leaves …"
  const two = new Y.Doc();
  sync(one, two);
  restoreTimeline(one, committed);
  const t2 = sceneText(two, a, 'narration')!;
  t2.insert(t2.length - 1, ' in the fog');
  sync(one, two);
  assert.equal(
    sceneText(one, a, 'narration')!.toString(),
    'The boat leaves the harbour at dawn in the fog.',
  );
  assert.deepEqual(toTimeline(one), toTimeline(two));
});

test('project settings read back usable: defaults for missing or broken values, rates clamped', () => {
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'Film', language: 'fr' });
  assert.deepEqual(readProjectSettings(doc), {
    title: 'Film',
    language: 'fr',
    aspect: '16:9',
    fps: 30,
    stylePreset: 'cinematic',
    voice: { engine: 'espeak-ng', voice: 'fr', rate: 1, pitch: 1 },
  });
  const project = projectMap(doc);
  project.set('aspect', '2:1');
  project.set('fps', 29.97);
  project.set('stylePreset', 'anime');
  project.set('title', 42);
  project.set('voice', { engine: 'robot', rate: 9, pitch: 0.1 });
  assert.deepEqual(readProjectSettings(doc), {
    title: '',
    language: 'fr',
    aspect: '16:9',
    fps: 30,
    stylePreset: 'anime',
    voice: { engine: 'espeak-ng', voice: 'fr', rate: 2, pitch: 0.5 },
  });
  project.delete('voice');
  assert.deepEqual(readProjectSettings(doc).voice, {
    engine: 'espeak-ng',
    voice: 'fr',
    rate: 1,
    pitch: 1,
  });
});

test('a character voice: validated, one undo step, in the timeline, cleared back to the default', () => {
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'T', language: 'fr' });
  const id = addCastMember(doc, { name: 'Nadia' });
  const undo = new Y.UndoManager(castMap(doc), { captureTimeout: 0 });
  const before = canonicalJson(toTimeline(doc));
  assert.equal(toTimeline(doc).cast[0]!.voice, undefined, 'unset: no key, old revisions unchanged');
  assert.throws(
    () => setCastVoice(doc, id, { engine: 'espeak-ng', voice: '-w /tmp/x', rate: 1, pitch: 1 }),
    /Invalid voice/,
  );
  assert.throws(
    () => setCastVoice(doc, id, { engine: 'espeak-ng', voice: 'fr', rate: 9, pitch: 1 }),
    /Invalid voice/,
  );
  assert.equal(canonicalJson(toTimeline(doc)), before, 'a refused voice changes nothing');
  const voice = { engine: 'espeak-ng' as const, voice: 'fr+f2', rate: 1.1, pitch: 1.4 };
  assert.equal(setCastVoice(doc, id, voice), true);
  assert.deepEqual(toTimeline(doc).cast[0]!.voice, voice);
  assert.deepEqual(readCastVoice(castMap(doc).get(id)!), voice);
  undo.undo();
  assert.equal(canonicalJson(toTimeline(doc)), before, 'one undo step');
  undo.redo();
  const withVoice = toTimeline(doc);
  assert.equal(setCastVoice(doc, id, null), true);
  assert.equal(canonicalJson(toTimeline(doc)), before);
  restoreTimeline(doc, withVoice);
  assert.deepEqual(toTimeline(doc).cast[0]!.voice, voice, 'restore writes the voice back');
  assert.equal(setCastVoice(doc, 'gone', voice), false);
  castMap(doc).get(id)!.set('voice', { engine: 'nope' });
  assert.equal(readCastVoice(castMap(doc).get(id)!), null, 'a broken value reads as the default');
});

test('the music bed: a new file keeps the mix, volume and ducking change one at a time, bad values change nothing', () => {
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'T' });
  // Without its default soundtrack: the project as it is once someone removed its music.
  projectMap(doc).set('music', null);
  const a = 'a'.repeat(64);
  const b = 'b'.repeat(64);
  assert.equal(setMusicMix(doc, { volume: 0.5 }), false, 'no bed, nothing to mix');
  assert.deepEqual(setMusicBed(doc, { asset: a, name: 'Theme.mp3' }, 0.35), {
    asset: a,
    volume: 0.35,
    name: 'Theme.mp3',
  });
  assert.equal(setMusicMix(doc, { volume: 0.8 }), true);
  assert.equal(setMusicMix(doc, { duck: false }), true);
  assert.deepEqual(readMusic(doc), { asset: a, volume: 0.8, name: 'Theme.mp3', duck: false });
  // A replaced file: the mix stays, the name is the new one (or none).
  setMusicBed(doc, { asset: b }, 0.35);
  assert.deepEqual(readMusic(doc), { asset: b, volume: 0.8, duck: false });
  assert.throws(() => setMusicMix(doc, { volume: 1.5 }), RangeError);
  assert.throws(() => setMusicBed(doc, { asset: a, name: 'Evil\u202Etxt.mp3' }, 0.35), RangeError);
  assert.throws(() => setMusicBed(doc, { asset: 'not-a-hash' }, 0.35), RangeError);
  assert.deepEqual(readMusic(doc), { asset: b, volume: 0.8, duck: false }, 'nothing changed');
  assert.equal(toTimeline(doc).music?.duck, false, 'the timeline carries it');
});

test('a new project scores itself: a generated soundtrack following the story, not previewed yet', () => {
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'T' });
  const music = readMusic(doc);
  assert.ok(music?.generated, JSON.stringify(music));
  assert.equal(music.asset, undefined);
  assert.equal(music.volume, DEFAULT_MUSIC_VOLUME);
  assert.equal(music.duck, true);
  assert.equal(music.generated.followStory, true);
  assert.equal(music.generated.genre, 'ambient');
  assert.ok(Number.isInteger(music.generated.seed) && music.generated.seed < 2 ** 31);
  assert.deepEqual(toTimeline(doc).music, music, 'the timeline holds it');
  // Neither an asset nor a generated soundtrack: refused, naming the asset.
  const bare = musicSchema.safeParse({ volume: 0.5 });
  assert.equal(bare.success, false);
  assert.deepEqual(bare.error?.issues[0]?.path, ['asset']);
  assert.throws(
    () => keepGeneratedSoundtrack(doc, { asset: 'x', name: 'n', generated: { seed: 1 } }, 0.35),
    RangeError,
  );
  assert.deepEqual(readMusic(doc), music, 'nothing changed');
  assert.deepEqual(defaultSoundtrack(7).generated, {
    followStory: true,
    genre: 'ambient',
    seed: 7,
  });
});

test('keeping a generated soundtrack: its preview, name and request, ducked, the volume kept, one undo step', () => {
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'T' });
  setMusicMix(doc, { volume: 0.6, duck: false });
  const undo = new Y.UndoManager(projectMap(doc));
  const before = readMusic(doc);
  const kept = keepGeneratedSoundtrack(
    doc,
    {
      asset: 'c'.repeat(64),
      name: 'Calm ambient · D minor · 72 bpm',
      generated: { mood: 'calm', seed: 9 },
    },
    0.35,
  );
  assert.deepEqual(kept, {
    asset: 'c'.repeat(64),
    volume: 0.6,
    name: 'Calm ambient · D minor · 72 bpm',
    duck: true,
    generated: { mood: 'calm', seed: 9 },
  });
  assert.deepEqual(readMusic(doc), kept);
  undo.undo();
  assert.deepEqual(readMusic(doc), before, 'one undo step brings the default back');
  projectMap(doc).set('music', null);
  assert.equal(
    keepGeneratedSoundtrack(doc, { asset: 'c'.repeat(64), name: 'n', generated: { seed: 1 } }, 0.35)
      .volume,
    0.35,
    'a first bed gets the default volume',
  );
  assert.throws(
    () =>
      keepGeneratedSoundtrack(
        doc,
        { asset: 'c'.repeat(64), name: 'n', generated: { seed: -1 } },
        0.35,
      ),
    RangeError,
  );
});

test('pinSceneImage writes image and seed in one transaction: one undo takes both back', async () => {
  const { pinSceneImage } = await import('./project-doc.ts');
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'Pins' });
  const id = addScene(doc, { title: 'One', durationSec: 1 });
  const scene = scenesMap(doc).get(id)!;
  const seedBefore = scene.get('seed');
  const undo = new Y.UndoManager(scenesMap(doc));
  const hash = 'a'.repeat(64);
  assert.equal(pinSceneImage(doc, id, { image: hash, seed: 42 }), true);
  assert.equal(scene.get('image'), hash);
  assert.equal(scene.get('seed'), 42);
  undo.undo();
  assert.equal(scene.get('image'), null);
  assert.equal(scene.get('seed'), seedBefore);
  undo.redo();
  assert.equal(pinSceneImage(doc, id, { image: null }), true);
  assert.equal(scene.get('image'), null);
  assert.equal(scene.get('seed'), 42, 'unpinning keeps the seed');
  assert.throws(() => pinSceneImage(doc, id, { image: '../x' }), RangeError);
  assert.throws(() => pinSceneImage(doc, id, { image: hash, seed: -1 }), RangeError);
  assert.equal(scene.get('image'), null, 'a bad value changes nothing');
  assert.equal(pinSceneImage(doc, 'gone', { image: hash }), false);
});

test('old documents give identical timelines: no picture engine key unless one was chosen', () => {
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'Old', language: 'en' });
  const id = addScene(doc, { title: 'One', narration: 'Hello.', seed: 7 });
  const timeline = toTimeline(doc);
  assert.deepEqual(Object.keys(timeline).sort(), [
    'aspect',
    'cast',
    'fps',
    'language',
    'music',
    'scenes',
    'schemaVersion',
    'stylePreset',
    'title',
    'voice',
  ]);
  assert.equal('imageEngine' in timeline.scenes[0]!, false);
  assert.deepEqual(Object.keys(timeline.scenes[0]!).sort(), [
    'act',
    'cast',
    'durationSec',
    'id',
    'image',
    'location',
    'mood',
    'motion',
    'narration',
    'order',
    'prompt',
    'seed',
    'title',
    'transition',
  ]);
  // Reading never writes: the same document gives byte-identical canonical JSON (the revision id).
  const before = canonicalJson(timeline);
  assert.equal(readImageEngine(projectMap(doc)), null);
  assert.equal(canonicalJson(toTimeline(doc)), before);
  // Choosing then clearing leaves no trace in the timeline either.
  setImageEngine(doc, { engine: 'onnx', model: 'sd-turbo', fallback: true });
  setSceneImageEngine(doc, id, 'procedural');
  setImageEngine(doc, null);
  setSceneImageEngine(doc, id, null);
  assert.equal(canonicalJson(toTimeline(doc)), before);
});

test('the picture engine: validated, one undo step each, in the timeline, restored and removed', () => {
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'T', language: 'fr' });
  const id = addScene(doc, { title: 'One' });
  const undo = new Y.UndoManager([projectMap(doc), scenesMap(doc)], { captureTimeout: 0 });
  const before = canonicalJson(toTimeline(doc));
  assert.throws(
    () => setImageEngine(doc, { engine: 'onnx', fallback: false }),
    /Invalid imageEngine: an ONNX image engine needs a model/,
  );
  assert.throws(
    () => setImageEngine(doc, { engine: 'onnx', model: '../../etc', fallback: false }),
    /Invalid imageEngine/,
  );
  assert.throws(() => setSceneImageEngine(doc, id, 'dall-e' as never), /Invalid imageEngine/);
  assert.equal(canonicalJson(toTimeline(doc)), before, 'a refused engine changes nothing');

  const setting = { engine: 'onnx' as const, model: 'sd-turbo', fallback: true };
  setImageEngine(doc, setting);
  assert.deepEqual(toTimeline(doc).imageEngine, setting);
  assert.deepEqual(readImageEngine(projectMap(doc)), setting);
  assert.equal(setSceneImageEngine(doc, id, 'procedural'), true);
  assert.equal(toTimeline(doc).scenes[0]!.imageEngine, 'procedural');
  assert.equal(setSceneImageEngine(doc, 'gone', 'procedural'), false);
  const chosen = toTimeline(doc);

  undo.undo();
  assert.equal(toTimeline(doc).scenes[0]!.imageEngine, undefined, 'the scene override: one step');
  assert.deepEqual(toTimeline(doc).imageEngine, setting);
  undo.undo();
  assert.equal(canonicalJson(toTimeline(doc)), before, 'the project setting: one step');

  // Restoring a revision that has them writes them; one that lacks them removes them.
  const old = toTimeline(doc);
  restoreTimeline(doc, chosen);
  assert.deepEqual(toTimeline(doc), chosen);
  restoreTimeline(doc, old);
  assert.equal(projectMap(doc).has('imageEngine'), false);
  assert.equal(scenesMap(doc).get(id)!.has('imageEngine'), false);
  assert.equal(canonicalJson(toTimeline(doc)), before);

  // A duplicated scene keeps its override; a fresh document restores it too.
  restoreTimeline(doc, chosen);
  const copy = duplicateScene(doc, id)!;
  assert.equal(scenesMap(doc).get(copy)!.get('imageEngine'), 'procedural');
  const fresh = new Y.Doc();
  restoreTimeline(fresh, chosen);
  assert.deepEqual(toTimeline(fresh), chosen);

  projectMap(doc).set('imageEngine', { engine: 'nope' });
  assert.equal(readImageEngine(projectMap(doc)), null, 'a broken value reads as storyboard frames');
  assert.throws(() => toTimeline(doc), TimelineError, 'and validation names it');
});
