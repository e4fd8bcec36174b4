import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rendersRailSummary } from './rail-summary.ts';

describe('the folded renders column', () => {
  test('no renders: a count of zero and nothing running', () => {
    assert.deepEqual(rendersRailSummary([]), { count: 0, live: null });
  });

  test('finished, failed and cancelled renders are counted, none is live', () => {
    const summary = rendersRailSummary([
      { id: 'a', status: 'done', fraction: 1 },
      { id: 'b', status: 'failed', fraction: 0.4 },
      { id: 'c', status: 'cancelled', fraction: 0.1 },
    ]);
    assert.deepEqual(summary, { count: 3, live: null });
  });

  test('the newest running render shows, its progress as a bounded whole percentage', () => {
    const summary = rendersRailSummary([
      { id: 'new', status: 'encoding', fraction: 0.426 },
      { id: 'old', status: 'generating', fraction: 0.9 },
      { id: 'done', status: 'done', fraction: 1 },
    ]);
    assert.deepEqual(summary, {
      count: 3,
      live: { id: 'new', status: 'encoding', percent: 43 },
    });
    assert.equal(
      rendersRailSummary([{ id: 'x', status: 'queued', fraction: 1.7 }]).live?.percent,
      100,
    );
    assert.equal(
      rendersRailSummary([{ id: 'x', status: 'planning', fraction: -0.2 }]).live?.percent,
      0,
    );
  });
});
