import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { addScene, initProjectDoc, scenesMap } from '../../../shared/project-doc.ts';
import { durationMismatch } from '../../../shared/scene-duration.ts';
import { createUndoManager } from '../../collab/undo.ts';
import { i18n } from '../../i18n/index.ts';
import { fitToNarration, mismatchMessages } from './duration-fit.ts';

function project() {
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'Fit' });
  const long = addScene(doc, { title: 'Long', narration: 'Two words.', durationSec: 12 });
  const short = addScene(doc, { title: 'Short', narration: 'Many words here.', durationSec: 1 });
  const auto = addScene(doc, { title: 'Auto', narration: 'Auto.' });
  return { doc, long, short, auto, undo: createUndoManager(doc) };
}

const duration = (doc: Y.Doc, id: string) => scenesMap(doc).get(id)!.get('durationSec') ?? null;

test('fit to narration returns set durations to auto in one undo step', () => {
  const { doc, long, short, auto, undo } = project();
  assert.equal(fitToNarration(doc, [long, short, auto]), 2, 'the auto scene is left alone');
  assert.deepEqual(
    [long, short, auto].map((id) => duration(doc, id)),
    [null, null, null],
  );
  assert.equal(undo.undoStack.length, 1);
  undo.undo();
  assert.deepEqual(
    [long, short, auto].map((id) => duration(doc, id)),
    [12, 1, null],
  );
});

test('fitting an automatic or unknown scene writes nothing', () => {
  const { doc, auto, undo } = project();
  let updates = 0;
  doc.on('update', () => updates++);
  assert.equal(fitToNarration(doc, [auto, 'missing']), 0);
  assert.equal(updates, 0);
  assert.equal(undo.undoStack.length, 0);
});

test('the mismatch badge reads in both languages, long and short', () => {
  const long = durationMismatch(12, { sec: 2, measured: true })!;
  const short = durationMismatch(2, { sec: 8, measured: false })!;
  const messages = [mismatchMessages(long), mismatchMessages(short)];
  assert.deepEqual(
    messages.map((m) => [m.badge, m.sentence, m.source, m.offSec]),
    [
      ['timeline.mismatchBadgeLong', 'timeline.mismatchLong', 'timeline.narrationMeasured', 9.4],
      ['timeline.mismatchBadgeShort', 'timeline.mismatchShort', 'timeline.narrationEstimated', 6.6],
    ],
  );
  const en = i18n('en');
  const fr = i18n('fr');
  assert.equal(en.t(messages[0]!.badge, { off: '9.4 s' }), '+9.4 s');
  assert.equal(en.t(messages[0]!.sentence, { off: '9.4 s' }), '9.4 s longer than its narration');
  assert.equal(fr.t(messages[1]!.sentence, { off: '6,6 s' }), '6,6 s de moins que sa narration');
  assert.match(fr.t(messages[1]!.source, { fit: '8,6 s' }), /estimée/);
  assert.equal(fr.t('timeline.fit'), 'Ajuster à la narration');
});
