import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chapterAt,
  PlaybackPosition,
  playbackPoint,
  sortedChapters,
  timeOfScenePoint,
} from './playback.ts';

const CHAPTERS = [
  { sceneId: 'a', startSec: 0 },
  { sceneId: 'b', startSec: 4 },
  { sceneId: 'c', startSec: 10 },
];

test('the chapter at a time is the last one started, a seek landing just short included', () => {
  assert.equal(chapterAt(CHAPTERS, 0), 0);
  assert.equal(chapterAt(CHAPTERS, 3.9), 0);
  assert.equal(chapterAt(CHAPTERS, 3.97), 1, 'a seek to 4 s that lands at 3.97 s');
  assert.equal(chapterAt(CHAPTERS, 4), 1);
  assert.equal(chapterAt(CHAPTERS, 99), 2);
  assert.equal(chapterAt([{ sceneId: 'a', startSec: 1 }], 0.5), -1, 'before the first chapter');
  assert.equal(chapterAt([], 3), -1);
});

test('chapters sort by start without touching the stored list', () => {
  const stored = [CHAPTERS[2]!, CHAPTERS[0]!, CHAPTERS[1]!];
  assert.deepEqual(
    sortedChapters(stored).map((c) => c.sceneId),
    ['a', 'b', 'c'],
  );
  assert.equal(stored[0]!.sceneId, 'c');
});

test('the playback point names the scene under the playhead and how far into it', () => {
  assert.deepEqual(playbackPoint('r1', CHAPTERS, 16, 7), {
    renderId: 'r1',
    timeSec: 7,
    index: 1,
    sceneId: 'b',
    fraction: 0.5,
  });
  // The last scene runs to the end of the video.
  assert.equal(playbackPoint('r1', CHAPTERS, 16, 13).fraction, 0.5);
  assert.equal(playbackPoint('r1', CHAPTERS, 16, 20).fraction, 1, 'never past the end');
  assert.equal(playbackPoint('r1', CHAPTERS, 16, 3.97).fraction, 0, 'never before the start');
  const none = playbackPoint('r1', [], 16, 3);
  assert.equal(none.sceneId, null);
  assert.equal(none.index, -1);
});

test('subscribers hear each new position once; releasing the player unmarks the scene', () => {
  const playback = new PlaybackPosition();
  let heard = 0;
  const unsubscribe = playback.subscribe(() => heard++);
  playback.publish(playbackPoint('r1', CHAPTERS, 16, 5), true);
  playback.publish(playbackPoint('r1', CHAPTERS, 16, 5), true);
  assert.equal(heard, 1, 'the same point again is no news');
  assert.equal(playback.point?.sceneId, 'b');

  playback.release('other-render');
  assert.equal(playback.point?.sceneId, 'b', 'another render’s player going away changes nothing');
  playback.release('r1');
  assert.equal(playback.point, null);
  assert.equal(heard, 2);

  // The next player of the same render picks up there, playing; after forget() it starts over.
  assert.deepEqual(playback.resumeOf('r1'), { renderId: 'r1', timeSec: 5, playing: true });
  assert.equal(playback.resumeOf('r2'), null);
  playback.forget();
  assert.equal(playback.resumeOf('r1'), null);
  unsubscribe();
  playback.publish(playbackPoint('r1', CHAPTERS, 16, 11), false);
  assert.equal(heard, 2, 'unsubscribed');
});

test('a point of a scene maps back to the time in the video', () => {
  assert.equal(timeOfScenePoint(CHAPTERS, 16, 'b', 0.5), 7);
  assert.equal(timeOfScenePoint(CHAPTERS, 16, 'c', 1), 16);
  assert.equal(timeOfScenePoint(CHAPTERS, 16, 'a', 2), 4, 'clamped to the scene');
  assert.equal(
    timeOfScenePoint(CHAPTERS, 16, 'missing', 0.5),
    null,
    'a scene added after the render',
  );
  const point = playbackPoint('r1', CHAPTERS, 16, 12.5);
  assert.equal(timeOfScenePoint(CHAPTERS, 16, point.sceneId!, point.fraction), 12.5);
});

test('seek requests reach the players listening, until they stop', () => {
  const playback = new PlaybackPosition();
  const asked: [string, number][] = [];
  const stop = playback.onSeekRequest((sceneId, fraction) => asked.push([sceneId, fraction]));
  playback.requestSeek('b', 0.25);
  stop();
  playback.requestSeek('c', 0.5);
  assert.deepEqual(asked, [['b', 0.25]]);
});
