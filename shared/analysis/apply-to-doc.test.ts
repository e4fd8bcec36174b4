import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import {
  addCastMember,
  addScene,
  castMap,
  initProjectDoc,
  listScenes,
  projectMap,
  readScene,
  scriptText,
  toTimeline,
} from '../project-doc.ts';
import { applyAnalysis } from './apply-to-doc.ts';
import { AnalysisInputError, analyzeScriptSync } from './index.ts';
import { ownFixture, sharedFixture } from './test-support.ts';

function docWithOldContent() {
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'Old' });
  scriptText(doc).insert(0, 'OLD SCRIPT');
  const mara = addCastMember(doc, { name: 'Mara Quinn', description: 'red raincoat' });
  addCastMember(doc, { name: 'Someone Else' });
  addScene(doc, { title: 'Old scene', narration: 'old', cast: [mara] });
  return { doc, mara };
}

const castNames = (doc: Y.Doc) =>
  [...castMap(doc).values()].map((m) => m.get('name') as string).sort();

test('replace clears old scenes, cast and script, then writes the analysis', () => {
  const { doc } = docWithOldContent();
  const analysis = analyzeScriptSync(sharedFixture('night-market.fountain'));
  const result = applyAnalysis(doc, analysis, { mode: 'replace' });

  const timeline = toTimeline(doc); // the written document is a valid timeline
  assert.equal(timeline.scenes.length, 3);
  assert.deepEqual(
    result.sceneIds,
    timeline.scenes.map((s) => s.id),
  );
  assert.deepEqual(castNames(doc), ['Inspector', 'June Park', 'Leo']);
  assert.equal(scriptText(doc).toString(), analysis.script);

  const [first] = timeline.scenes;
  const source = analysis.scenes[0]!;
  assert.equal(first!.title, source.title);
  assert.equal(first!.prompt, source.prompt);
  assert.equal(first!.durationSec, null, 'imported scenes follow their narration (automatic)');
  assert.equal(first!.transition, 'cut');
  assert.equal(first!.motion, source.camera.motion);
  assert.equal(first!.location, 'Riverside night market');
  assert.equal(first!.mood, source.mood.label);
  assert.equal(first!.act, 1);
  assert.match(first!.narration, /^Paper lanterns sway/);
  assert.match(
    first!.narration,
    /June Park: Two more minutes!/,
    'screenplay dialogue is narrated too',
  );
  const june = [...castMap(doc).entries()].find(([, m]) => m.get('name') === 'June Park')![0];
  assert.ok(first!.cast.includes(june));
  assert.match(castMap(doc).get(june)!.get('description') as string, /a woman, in her 30s, apron/);
});

test('append keeps scenes, cast and script, and reuses a character with the same name', () => {
  const { doc, mara } = docWithOldContent();
  const analysis = analyzeScriptSync(sharedFixture('lighthouse.en.md'));
  const result = applyAnalysis(doc, analysis, { mode: 'append' });

  const scenes = listScenes(doc).map(readScene);
  assert.equal(scenes.length, 1 + analysis.scenes.length);
  assert.equal(scenes[0]!.title, 'Old scene', 'old scenes stay first');
  assert.deepEqual(castNames(doc), ['Mara Quinn', 'Someone Else', 'Tomas Reyes']);
  const maraId = analysis.cast.find((c) => c.name === 'Mara Quinn')!.id;
  assert.equal(result.castIds[maraId], mara);
  assert.equal(
    castMap(doc).get(mara)!.get('description'),
    'red raincoat',
    'a written description is kept',
  );
  assert.ok((scenes[1]!.cast as string[]).includes(mara));
  assert.equal(scriptText(doc).toString(), `OLD SCRIPT\n\n${analysis.script}`);
});

test('imported scenes have automatic durations; durations people set are kept', () => {
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'Timing' });
  const held = addScene(doc, { title: 'Held shot', narration: 'Short.', durationSec: 12 });
  const auto = addScene(doc, { title: 'Auto shot', narration: 'Also short.' });
  const analysis = analyzeScriptSync(sharedFixture('lighthouse.en.md'));
  // The analysis still estimates a duration (shown in the import preview)…
  assert.ok(analysis.scenes.every((s) => s.durationSec > 0));
  const result = applyAnalysis(doc, analysis, { mode: 'append' });

  const timeline = toTimeline(doc);
  const byId = new Map(timeline.scenes.map((s) => [s.id, s]));
  // …but the document keeps none of it: the render measures the narration.
  assert.deepEqual(
    result.sceneIds.map((id) => byId.get(id)!.durationSec),
    result.sceneIds.map(() => null),
  );
  assert.equal(byId.get(held)!.durationSec, 12, 'a person-set duration stays explicit');
  assert.equal(byId.get(auto)!.durationSec, null);
});

test('a duration the script states is kept as set; the others are automatic', () => {
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'Solaire', language: 'fr' });
  const analysis = analyzeScriptSync(ownFixture('panneaux.fr.txt'));
  applyAnalysis(doc, analysis, { mode: 'replace' });
  // "Durée : 6 s" on scene 1 only: its author chose it.
  assert.deepEqual(
    toTimeline(doc).scenes.map((s) => s.durationSec),
    [6, null, null],
  );
});

test('the import is one transaction with the given origin: one update, one undo step', () => {
  const { doc } = docWithOldContent();
  const before = JSON.stringify(toTimeline(doc));
  const origin = { name: 'script-import' };
  const undo = new Y.UndoManager(
    [doc.getMap('scenes'), doc.getMap('cast'), doc.getText('script')],
    {
      trackedOrigins: new Set([origin]),
    },
  );
  let updates = 0;
  doc.on('update', () => updates++);
  applyAnalysis(doc, analyzeScriptSync(sharedFixture('le-prince.fr.md')), {
    mode: 'replace',
    origin,
  });
  assert.equal(updates, 1);
  assert.equal(undo.undoStack.length, 1);
  undo.undo();
  assert.equal(JSON.stringify(toTimeline(doc)), before);
  assert.equal(scriptText(doc).toString(), 'OLD SCRIPT');
});

test('prompts follow the requested style, else the project style', () => {
  const analysis = analyzeScriptSync(sharedFixture('explainer.en.md'));
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'T' });
  projectMap(doc).set('stylePreset', 'anime');
  applyAnalysis(doc, analysis, { mode: 'replace' });
  assert.match(toTimeline(doc).scenes[0]!.prompt, /anime style/);
  applyAnalysis(doc, analysis, { mode: 'replace', stylePreset: 'watercolor' });
  assert.match(toTimeline(doc).scenes[0]!.prompt, /watercolor painting/);
});

test('bad input is refused before any change', () => {
  const { doc } = docWithOldContent();
  const before = JSON.stringify(toTimeline(doc));
  const analysis = analyzeScriptSync(sharedFixture('explainer.en.md'));
  const refused = (fn: () => unknown, field: string) =>
    assert.throws(fn, (e: unknown) => e instanceof AnalysisInputError && e.field === field);
  refused(() => applyAnalysis(doc, analysis, { mode: 'merge' as never }), 'mode');
  refused(() => applyAnalysis(doc, { scenes: [] } as never, { mode: 'replace' }), 'analysis');
  refused(
    () => applyAnalysis(doc, analysis, { mode: 'append', stylePreset: 'sepia' as never }),
    'stylePreset',
  );
  assert.equal(JSON.stringify(toTimeline(doc)), before);
});

test('an analysis that went through JSON applies the same way', () => {
  const analysis = analyzeScriptSync(sharedFixture('le-prince.fr.md'));
  const a = new Y.Doc();
  const b = new Y.Doc();
  applyAnalysis(a, analysis, { mode: 'replace' });
  applyAnalysis(b, JSON.parse(JSON.stringify(analysis)), { mode: 'replace' });
  const strip = (doc: Y.Doc) =>
    toTimeline(doc).scenes.map(({ id: _id, order: _o, cast: _c, ...s }) => s);
  assert.deepEqual(strip(a), strip(b));
  assert.equal(
    toTimeline(a).scenes[0]!.seed,
    toTimeline(b).scenes[0]!.seed,
    'seeds come from the content',
  );
});
