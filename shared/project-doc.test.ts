import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import {
  addCastMember,
  addScene,
  deleteScene,
  duplicateScene,
  initProjectDoc,
  listScenes,
  moveScene,
  projectMap,
  sceneText,
  scenesMap,
  toTimeline,
} from './project-doc.ts';
import { TimelineError, canonicalJson } from './timeline.ts';

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
