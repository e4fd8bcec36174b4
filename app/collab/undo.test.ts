import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { createUndoManager, IMPORT_ORIGIN } from './undo.ts';

test("one undo reverts a whole import; others' edits are not undoable", () => {
  const doc = new Y.Doc();
  const undo = createUndoManager(doc);
  doc.getMap('project').set('title', 'Mine');
  undo.stopCapturing();
  doc.transact(() => {
    doc.getText('script').insert(0, 'INT. HOUSE');
    doc.getMap('cast').set('c1', 'Ada');
    doc.getMap('scenes').set('s1', 'Opening');
  }, IMPORT_ORIGIN);
  undo.stopCapturing();
  doc.transact(() => doc.getMap('project').set('title', 'Theirs'), 'remote');

  undo.undo();
  assert.equal(doc.getText('script').toString(), '');
  assert.equal(doc.getMap('cast').size, 0);
  assert.equal(doc.getMap('scenes').size, 0);
  assert.equal(doc.getMap('project').get('title'), 'Theirs');
  undo.undo();
  assert.equal(doc.getMap('project').get('title'), 'Theirs');
});
