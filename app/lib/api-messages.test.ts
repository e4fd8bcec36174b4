import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { addScene } from '../../shared/project-doc.ts';
import { i18n } from '../i18n/index.ts';
import { issueParts, renderQueueFailureText } from './api-messages.ts';

test('unsafe-character messages from the server are worded in the user’s language', () => {
  const message = 'contains a control character (U+0000) at position 3';
  assert.equal(i18n('en').server(message), message);
  assert.equal(
    i18n('fr').server(message),
    'contient un caractère de contrôle (U+0000) en position 3',
  );
  assert.equal(
    i18n('fr').server('contains a bidirectional override character (U+202E) at position 12'),
    'contient un caractère de contrôle bidirectionnel (U+202E) en position 12',
  );
  assert.equal(
    i18n('fr').server('contains a control character (U+0000)'),
    'contient un caractère de contrôle (U+0000)',
  );
});

test('a commit over the limits names the limit, the value and the scene (en, fr)', () => {
  const doc = new Y.Doc();
  addScene(doc, { title: 'Short' });
  const long = addScene(doc, { title: 'Long one' });
  const issues = [
    {
      path: ['scenes', 1, 'durationSec'],
      sceneId: long,
      message: 'Scene lasts 300 s, at most 120 s per scene',
      limit: { name: 'MAX_SCENE_SECONDS', value: 300, max: 120 },
    },
    {
      path: ['scenes'],
      message: 'The video would last 4000 s, at most 3600 s',
      limit: { name: 'MAX_RENDER_SECONDS', value: 4000, max: 3600 },
    },
  ];
  const [scene, total] = issueParts(i18n('en'), doc, issues);
  assert.equal(scene!.sceneNumber, 2);
  assert.equal(scene!.sceneTitle, 'Long one');
  assert.equal(
    scene!.message,
    'This scene lasts 300 s. This server renders at most 120 s per scene.',
  );
  assert.equal(
    total!.message,
    'The video would last 4000 s. This server renders at most 3600 s per video.',
  );
  const [fr] = issueParts(i18n('fr'), doc, issues);
  assert.equal(fr!.message, 'Cette scène dure 300 s. Ce serveur rend au plus 120 s par scène.');

  const narration = issueParts(i18n('fr'), doc, [
    {
      path: ['scenes', 0, 'narration'],
      message: 'contains a line break or tab (U+0009) at position 2',
    },
  ]);
  assert.equal(
    narration[0]!.message,
    'contient un saut de ligne ou une tabulation (U+0009) en position 2',
  );
});

test('a render refused by a live-render limit is worded with its numbers (en, fr)', () => {
  const refusal = (scope: string) => ({
    code: 'RATE_LIMITED',
    status: 429,
    message: 'You already have 3 renders queued or running …',
    details: { scope, limit: scope === 'user' ? 3 : 5, live: scope === 'user' ? 3 : 5 },
  });
  assert.match(
    renderQueueFailureText(i18n('en'), refusal('user'), 'fallback'),
    /You already have 3 renders queued or running, the most one person may have at once \(3\)/,
  );
  assert.match(
    renderQueueFailureText(i18n('fr'), refusal('project'), 'fallback'),
    /Ce projet a déjà 5 rendus en file ou en cours, le maximum pour un projet à la fois \(5\)/,
  );
  // Anything else reads as before.
  const other = { code: 'NETWORK', status: 0, message: '', details: {} };
  assert.equal(renderQueueFailureText(i18n('en'), other, 'fallback'), 'fallback');
});
