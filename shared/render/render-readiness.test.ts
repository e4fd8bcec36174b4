import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { addScene, initProjectDoc, toTimeline } from '../project-doc.ts';
import { renderReadinessIssues } from './render-readiness.ts';

test('an empty project and a silent scene without duration are not renderable', () => {
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'T' });
  assert.deepEqual(
    renderReadinessIssues(toTimeline(doc)).map((i) => i.path.join('.')),
    ['scenes'],
  );
  const silent = addScene(doc, { title: 'Silent' });
  addScene(doc, { title: 'Timed', durationSec: 3 });
  addScene(doc, { title: 'Spoken', narration: 'Hello.', cast: ['ghost'] });
  const issues = renderReadinessIssues(toTimeline(doc));
  assert.deepEqual(
    issues.map((i) => [i.path.join('.'), i.sceneId === silent]),
    [
      ['scenes.0.narration', true],
      ['scenes.2.cast.0', false],
    ],
  );
});
