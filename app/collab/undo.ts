import * as Y from 'yjs';

/**
 * Transaction origin of a script import (applyAnalysis): tracked by the
 * session's undo manager, so one undo reverts the whole import.
 */
export const IMPORT_ORIGIN = Symbol('import');

/**
 * Only this user's own edits are undoable (remote and restored ones are not).
 * Script and cast are in scope so that an import (IMPORT_ORIGIN) undoes as one step.
 */
export function createUndoManager(doc: Y.Doc): Y.UndoManager {
  return new Y.UndoManager(
    [doc.getMap('project'), doc.getMap('scenes'), doc.getText('script'), doc.getMap('cast')],
    { trackedOrigins: new Set([null, IMPORT_ORIGIN]) },
  );
}
