import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyCommentMessage,
  commentMessageOf,
  openCountsByScene,
  type CommentRecord,
} from './comments.ts';

const comment = (id: string, extra: Partial<CommentRecord> = {}): CommentRecord => ({
  id,
  projectId: 'p',
  sceneId: 's1',
  parentId: null,
  renderId: null,
  atSec: null,
  body: id,
  author: { kind: 'member', userId: 'u', name: 'U' },
  mentions: [],
  resolved: false,
  resolvedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  editedAt: null,
  ...extra,
});

test('a live message adds, replaces in place or removes comments', () => {
  let list = applyCommentMessage([], { type: 'comment', comment: comment('a') });
  list = applyCommentMessage(list, { type: 'comment', comment: comment('b') });
  list = applyCommentMessage(list, { type: 'comment', comment: comment('a', { body: 'edited' }) });
  assert.deepEqual(
    list.map((c) => [c.id, c.body]),
    [
      ['a', 'edited'],
      ['b', 'b'],
    ],
  );
  list = applyCommentMessage(list, { type: 'comment-deleted', projectId: 'p', ids: ['a'] });
  assert.deepEqual(
    list.map((c) => c.id),
    ['b'],
  );
});

test('open counts leave out replies and resolved comments', () => {
  const counts = openCountsByScene([
    comment('a'),
    comment('b', { parentId: 'a' }),
    comment('c', { resolved: true }),
    comment('d', { sceneId: 's2' }),
  ]);
  assert.deepEqual(
    [...counts],
    [
      ['s1', 1],
      ['s2', 1],
    ],
  );
});

test('messages of another project or of another kind are ignored', () => {
  const payload = JSON.stringify({ type: 'comment', comment: comment('a') });
  assert.equal(commentMessageOf(payload, 'other'), null);
  assert.equal(commentMessageOf(JSON.stringify({ type: 'render' }), 'p'), null);
  assert.equal(commentMessageOf('not json', 'p'), null);
  assert.equal(commentMessageOf(payload, 'p')?.type, 'comment');
});
