import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { apiMessage, englishMessage } from '../../shared/api/api-messages.ts';
import { addScene } from '../../shared/project-doc.ts';
import { i18n } from '../i18n/index.ts';
import { issueParts, renderQueueFailureText } from './api-messages.ts';

test('API refusals are worded by their key, never by looking their English up', () => {
  const notFound = apiMessage('errors.api.projectNotFound');
  const sent = { message: englishMessage(notFound), ...notFound };
  assert.equal(i18n('en').sent(sent), 'Project not found');
  assert.equal(i18n('fr').sent(sent), 'Projet introuvable');
  const limit = apiMessage('errors.api.tooManyAttempts', { retryAfterSec: 42 });
  assert.equal(
    i18n('fr').sent({ message: englishMessage(limit), ...limit }),
    'Trop de tentatives ; réessayez dans 42 s',
  );
  // Without a key (an older server) or with one this UI does not know, the sentence as sent.
  assert.equal(i18n('fr').sent({ message: 'Project not found' }), 'Project not found');
  assert.equal(
    i18n('fr').sent({ message: 'Something new', key: 'errors.api.fromTheFuture' }),
    'Something new',
  );
});

test('unsafe-character refusals are worded from their key and parameters', () => {
  const error = { key: 'errors.unsafe.control', params: { codePoint: 'U+0000', position: 3 } };
  const message = 'contains a control character (U+0000) at position 3';
  assert.equal(i18n('en').field(error, message), message);
  assert.equal(
    i18n('fr').field(error, message),
    'contient un caractère de contrôle (U+0000) en position 3',
  );
  assert.equal(
    i18n('fr').field(
      { key: 'errors.unsafe.bidi', params: { codePoint: 'U+202E', position: 12 } },
      'x',
    ),
    'contient un caractère de contrôle bidirectionnel (U+202E) en position 12',
  );
  assert.equal(
    i18n('fr').field({ key: 'errors.unsafe.nul', params: { codePoint: 'U+0000' } }, 'x'),
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
      error: { key: 'errors.unsafe.line-break', params: { codePoint: 'U+0009', position: 2 } },
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

test('a quota refusal (402) is worded with its numbers and the date the count starts again', () => {
  const minutes = {
    code: 'QUOTA_EXCEEDED',
    status: 402,
    message: 'This render would exceed your render minutes for the month',
    details: {
      quota: 'renderMinutes',
      used: 9.5,
      limit: 10,
      requested: 2,
      resetAt: '2027-01-01T00:00:00.000Z',
    },
  };
  const en = renderQueueFailureText(i18n('en'), minutes, 'fallback');
  assert.match(en, /9\.5 of 10 min used, it needs 2 min/);
  assert.match(en, /starts again on .*2027/);
  assert.match(
    renderQueueFailureText(i18n('fr'), minutes, 'fallback'),
    /9\.5 min utilisées sur 10/,
  );
  const storage = {
    code: 'QUOTA_EXCEEDED',
    status: 402,
    message: 'storage',
    details: { quota: 'storage', used: 2_500_000, limit: 2_000_000, resetAt: null },
  };
  assert.match(renderQueueFailureText(i18n('en'), storage, 'fallback'), /2\.5 MB of 2 MB/);
});
