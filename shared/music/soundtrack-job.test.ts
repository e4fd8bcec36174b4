import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  keptSoundtrack,
  previewDurationSec,
  projectLengthSec,
  SOUNDTRACK_PREVIEW_SEC,
  soundtrackJobData,
  soundtrackProjectOf,
  SoundtrackRequestError,
} from './soundtrack-job.ts';
import { generationId } from './soundtrack.ts';

const scene = (durationSec: number | null, mood = '', act = 1, narration = '') => ({
  narration,
  durationSec,
  mood,
  act,
});
const project = {
  language: 'en' as const,
  scenes: [scene(4, 'tense', 1), scene(6, 'joyful', 2), scene(10, 'unknown', 3)],
};

describe('soundtrack job data', () => {
  test('the seed given is kept; absent, the random one is fixed in the job', () => {
    assert.equal(soundtrackJobData({ seed: 5 }, project, 77).request.seed, 5);
    assert.equal(soundtrackJobData({}, project, 77).request.seed, 77);
    assert.notEqual(
      generationId(soundtrackJobData({}, project, 1)),
      generationId(soundtrackJobData({}, project, 2)),
    );
  });

  test("the length is the asked one, else the project's scenes added up", () => {
    assert.equal(projectLengthSec(project), 20);
    assert.equal(soundtrackJobData({}, project, 1).durationSec, 20);
    assert.equal(soundtrackJobData({ durationSec: 42.5 }, project, 1).durationSec, 42.5);
    // An automatic empty scene lasts its minimum: still a length.
    assert.ok(soundtrackJobData({}, { language: 'fr', scenes: [scene(null)] }, 1).durationSec > 0);
  });

  test("the picker's preview: the project's length up to 30 s, none without scenes", () => {
    assert.equal(previewDurationSec(project), 20);
    const long = { language: 'en' as const, scenes: [scene(50), scene(40)] };
    assert.equal(previewDurationSec(long), SOUNDTRACK_PREVIEW_SEC);
    assert.equal(previewDurationSec({ language: 'en', scenes: [] }), undefined);
  });

  test("a live document's scenes read as a soundtrack project: odd values fall back", () => {
    assert.deepEqual(
      soundtrackProjectOf('fr', [
        { narration: 'Bonjour.', durationSec: 3, mood: 'calm', act: 2 },
        { narration: '', durationSec: 'x', mood: 7, act: null },
      ]),
      {
        language: 'fr',
        scenes: [
          { narration: 'Bonjour.', durationSec: 3, mood: 'calm', act: 2 },
          { narration: '', durationSec: null, mood: '', act: 1 },
        ],
      },
    );
    assert.equal(soundtrackProjectOf(undefined, []).language, 'en');
  });

  test('following the story: scene moods mapped, acts kept, lengths scaled to the total', () => {
    const data = soundtrackJobData(
      { followStory: true, mood: 'epic', durationSec: 40 },
      project,
      1,
    );
    assert.deepEqual(data.scenes, [
      { durationSec: 8, mood: 'tense', act: 1 },
      { durationSec: 12, mood: 'playful', act: 2 },
      { durationSec: 20, mood: 'epic', act: 3 },
    ]);
    assert.equal(soundtrackJobData({ durationSec: 40 }, project, 1).scenes, null);
    const thirds = soundtrackJobData(
      { followStory: true, durationSec: 10 },
      { language: 'en', scenes: [scene(1), scene(1), scene(1)] },
      1,
    ).scenes!;
    assert.equal(
      thirds.reduce((sum, s) => sum + s.durationSec, 0),
      10,
    );
    assert.equal(thirds[0]!.mood, 'calm');
  });

  test('an empty project names what it cannot give', () => {
    const empty = { language: 'en' as const, scenes: [] };
    assert.throws(
      () => soundtrackJobData({}, empty, 1),
      (error) => error instanceof SoundtrackRequestError && error.field === 'durationSec',
    );
    assert.throws(
      () => soundtrackJobData({ followStory: true, durationSec: 5 }, empty, 1),
      (error) => error instanceof SoundtrackRequestError && error.field === 'followStory',
    );
    assert.equal(soundtrackJobData({ durationSec: 5 }, empty, 1).durationSec, 5);
  });

  test('what the project keeps: the request without its length, seed fixed', () => {
    assert.deepEqual(keptSoundtrack({ mood: 'sad', durationSec: 30, seed: 4, followStory: true }), {
      mood: 'sad',
      seed: 4,
      followStory: true,
    });
  });
});
