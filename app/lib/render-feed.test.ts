import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  latestDepictions,
  latestNarrations,
  latestThumbnails,
  RenderFeed,
  renderFromMessage,
  upsertRender,
} from './render-feed.ts';
import type { RenderRecord } from '../../shared/api/renders.ts';
import type { Depiction } from '../../shared/render/depiction.ts';

const render = (id: string, overrides: Partial<RenderRecord> = {}) =>
  ({
    id,
    projectId: 'p1',
    revisionId: 'r'.repeat(64),
    revisionNumber: 1,
    preset: '720p-draft',
    status: 'queued',
    stage: null,
    sceneId: null,
    fraction: 0,
    etaSec: null,
    failure: null,
    attempts: 0,
    createdBy: { id: 'u1', name: 'Ada' },
    createdAt: '2025-01-01T00:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    cache: null,
    stages: {},
    scenes: [],
    output: null,
    ...overrides,
  }) as RenderRecord;

const output = (
  thumbnails: { sceneId: string; url: string }[],
  narrationSec: { sceneId: string; sec: number; fingerprint: string }[] = [],
  depictions: { sceneId: string; depiction: Depiction }[] = [],
) => ({
  videoUrl: '/v.mp4',
  posterUrl: '/p.png',
  captionsVttUrl: '/c.vtt',
  captionsSrtUrl: '/c.srt',
  thumbnails,
  depictions,
  chapters: [],
  narrationSec,
  durationSec: 2,
  width: 1280,
  height: 720,
  fps: 30,
  frames: 60,
});

test('upsert replaces by id and keeps the newest first', () => {
  const a = render('a', { createdAt: '2025-01-01T00:00:01.000Z' });
  const b = render('b', { createdAt: '2025-01-01T00:00:02.000Z' });
  let list = upsertRender([], a);
  list = upsertRender(list, b);
  assert.deepEqual(
    list.map((r) => r.id),
    ['b', 'a'],
  );
  list = upsertRender(list, { ...a, status: 'planning' });
  assert.deepEqual(
    list.map((r) => [r.id, r.status]),
    [
      ['b', 'queued'],
      ['a', 'planning'],
    ],
  );
});

test('stateless payloads: only render messages of this project are taken', () => {
  const r = render('a');
  assert.equal(renderFromMessage(JSON.stringify({ type: 'render', render: r }), 'p1')?.id, 'a');
  assert.equal(renderFromMessage(JSON.stringify({ type: 'render', render: r }), 'p2'), null);
  assert.equal(renderFromMessage(JSON.stringify({ type: 'other' }), 'p1'), null);
  assert.equal(renderFromMessage('not json', 'p1'), null);
});

test('a live update received after a request went out wins over its answer', () => {
  const feed = new RenderFeed([render('a')]);
  const mark = feed.mark();
  feed.live(render('a', { status: 'encoding', fraction: 0.5 }));
  // The answer of a request sent before that update is older: it changes nothing.
  feed.answer(render('a', { status: 'queued' }), mark);
  assert.equal(feed.getSnapshot()[0]!.status, 'encoding');
  // A list loaded before the update keeps the update, and adds what it did not know.
  feed.replace([render('a'), render('b', { createdAt: '2025-01-02T00:00:00.000Z' })], mark);
  assert.deepEqual(
    feed.getSnapshot().map((r) => [r.id, r.status]),
    [
      ['b', 'queued'],
      ['a', 'encoding'],
    ],
  );
  // An answer to a later request is taken.
  feed.answer(render('a', { status: 'cancelled' }), feed.mark());
  assert.equal(feed.getSnapshot()[1]!.status, 'cancelled');
});

test('scene thumbnails come from the latest done render that has one', () => {
  const older = render('old', {
    status: 'done',
    revisionNumber: 1,
    output: output([
      { sceneId: 's1', url: '/old/s1' },
      { sceneId: 's2', url: '/old/s2' },
    ]),
  });
  const newer = render('new', {
    status: 'done',
    revisionNumber: 2,
    output: output([{ sceneId: 's1', url: '/new/s1' }]),
  });
  const running = render('run', { status: 'encoding', revisionNumber: 3 });
  const thumbnails = latestThumbnails([running, older, newer]);
  assert.equal(thumbnails.get('s1'), '/new/s1');
  assert.equal(thumbnails.get('s2'), '/old/s2');
  assert.equal(thumbnails.size, 2);
});

test('measured narrations come from the latest done render that spoke each scene', () => {
  const older = render('old', {
    status: 'done',
    revisionNumber: 1,
    output: output(
      [],
      [
        { sceneId: 's1', sec: 4, fingerprint: 'aaaa0001' },
        { sceneId: 's2', sec: 2.5, fingerprint: 'aaaa0002' },
      ],
    ),
  });
  const newer = render('new', {
    status: 'done',
    revisionNumber: 2,
    output: output([], [{ sceneId: 's1', sec: 3.2, fingerprint: 'bbbb0001' }]),
  });
  const failed = render('bad', { status: 'failed', revisionNumber: 3 });
  const narrations = latestNarrations([failed, older, newer]);
  assert.deepEqual(narrations.get('s1'), { sec: 3.2, fingerprint: 'bbbb0001' });
  assert.deepEqual(narrations.get('s2'), { sec: 2.5, fingerprint: 'aaaa0002' });
  assert.equal(narrations.size, 2);
  assert.equal(latestNarrations([]).size, 0);
});

test('scene depictions come from the latest done render that recorded them', () => {
  const depiction = (kind: string): Depiction => ({
    setting: { kind, words: [kind] },
    time: 'day',
    weather: 'clear',
    props: [],
    figures: [],
  });
  const older = render('old', {
    status: 'done',
    revisionNumber: 1,
    output: output(
      [],
      [],
      [
        { sceneId: 's1', depiction: depiction('sea') },
        { sceneId: 's2', depiction: depiction('cafe') },
      ],
    ),
  });
  const newer = render('new', {
    status: 'done',
    revisionNumber: 2,
    output: output([], [], [{ sceneId: 's1', depiction: depiction('harbour') }]),
  });
  const depictions = latestDepictions([older, newer]);
  assert.equal(depictions.get('s1')?.setting.kind, 'harbour');
  assert.equal(depictions.get('s2')?.setting.kind, 'cafe');
  // A render stored before depictions were recorded has none, and still reads.
  const legacy = render('legacy', { status: 'done', revisionNumber: 3, output: output([]) });
  assert.equal(latestDepictions([legacy, older]).get('s2')?.setting.kind, 'cafe');
});
