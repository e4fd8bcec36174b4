import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWatched, progressTitle, renderEnd, renderHref, withWatched } from './render-watch.ts';

describe('render watch', () => {
  const harbour = { id: 'r1', projectId: 'p1', title: 'Harbour lights' };

  test('the stored list keeps only well-formed entries', () => {
    const raw = JSON.stringify([
      harbour,
      { id: '../x', projectId: 'p1', title: 'bad id' },
      { id: 'r2', projectId: 'p1' },
      'nonsense',
    ]);
    assert.deepEqual(parseWatched(raw), [harbour]);
    assert.deepEqual(parseWatched('{not json'), []);
    assert.deepEqual(parseWatched(null), []);
  });

  test('a render is followed once, the oldest dropped past twenty', () => {
    let list = withWatched([], harbour);
    list = withWatched(list, harbour);
    assert.equal(list.length, 1);
    for (let i = 0; i < 25; i++) list = withWatched(list, { ...harbour, id: `r${i + 10}` });
    assert.equal(list.length, 20);
    assert.equal(list[0]!.id, 'r15');
    assert.equal(list.at(-1)!.id, 'r34');
  });

  test('the tab title shows the least advanced live render, whole percents', () => {
    assert.equal(progressTitle([], 'Projects · Montage'), 'Projects · Montage');
    assert.equal(
      progressTitle(
        [
          { fraction: 0.9, title: 'Other' },
          { fraction: 0.429, title: 'Harbour lights' },
        ],
        'Montage',
      ),
      '42% · Harbour lights',
    );
    assert.equal(progressTitle([{ fraction: 1.4, title: '' }], 'Montage'), '100% · Montage');
  });

  test('only done, failed and cancelled renders have ended', () => {
    assert.equal(renderEnd({ status: 'done' }), 'done');
    assert.equal(renderEnd({ status: 'failed' }), 'failed');
    assert.equal(renderEnd({ status: 'cancelled' }), 'cancelled');
    assert.equal(renderEnd({ status: 'encoding' }), null);
    assert.equal(renderEnd({ status: 'queued' }), null);
  });

  test('Watch and See error lead to the project page with the render named', () => {
    assert.equal(renderHref({ id: 'r1', projectId: 'p 1' }), '/projects/p%201?render=r1');
  });
});
