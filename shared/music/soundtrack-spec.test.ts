import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KEY_PATTERN, MAX_TEMPO, MIN_TEMPO, SOUNDTRACK_MOODS } from './soundtrack-request.ts';
import {
  GENRE_DEFAULTS,
  parseMusicGenerateJob,
  soundtrackMoodOf,
  soundtrackSpec,
} from './soundtrack-spec.ts';
import { soundtrackKey } from './soundtrack.ts';

const job = (request: Parameters<typeof soundtrackSpec>[0]['request'], durationSec = 30) => ({
  request,
  durationSec,
  scenes: null,
});

test('defaults come from the mood and the genre; asked values are kept', () => {
  const spec = soundtrackSpec(job({ mood: 'tense', seed: 1 }));
  assert.equal(spec.genre, 'electronic');
  assert.deepEqual(spec.instruments, GENRE_DEFAULTS.electronic.instruments);
  assert.match(spec.key, / minor$/);
  assert.equal(spec.scenes, null);
  const asked = soundtrackSpec(
    job({
      mood: 'sad',
      genre: 'acoustic',
      tempo: 140,
      key: 'F# major',
      instruments: ['flute', 'flute'],
      seed: 1,
    }),
  );
  assert.deepEqual(
    [asked.genre, asked.tempoBpm, asked.key, asked.instruments],
    ['acoustic', 140, 'F# major', ['flute']],
  );
  for (const mood of SOUNDTRACK_MOODS) {
    for (let seed = 0; seed < 20; seed++) {
      const s = soundtrackSpec(job({ mood, seed }));
      assert.match(s.key, KEY_PATTERN);
      assert.ok(s.tempoBpm >= MIN_TEMPO && s.tempoBpm <= MAX_TEMPO, `${mood}: ${s.tempoBpm}`);
    }
  }
});

test('one seed is one spec; other seeds choose other keys or tempos', () => {
  assert.deepEqual(soundtrackSpec(job({ seed: 42 })), soundtrackSpec(job({ seed: 42 })));
  const keys = new Set(
    Array.from({ length: 12 }, (_, seed) => soundtrackKey(soundtrackSpec(job({ seed })))),
  );
  assert.ok(keys.size > 6, `${keys.size} different soundtracks from 12 seeds`);
});

test('following the story keeps the scenes (adding up to the length); without followStory they are left out', () => {
  const scenes = [
    { durationSec: 3.3333, mood: 'calm' as const, act: 1 },
    { durationSec: 6.6667, mood: 'epic' as const, act: 2 },
  ];
  const story = soundtrackSpec({
    request: { followStory: true, seed: 3 },
    durationSec: 10,
    scenes,
  });
  assert.equal(story.mood, 'calm', "the first scene's mood when none is asked");
  assert.deepEqual(
    story.scenes?.map((s) => [s.durationSec, s.mood, s.act]),
    [
      [3.333, 'calm', 1],
      [6.667, 'epic', 2],
    ],
  );
  const plain = soundtrackSpec({ request: { seed: 3 }, durationSec: 10, scenes });
  assert.equal(plain.scenes, null);
});

test('scene moods: soundtrack words, analysis labels, anything else unknown', () => {
  assert.equal(soundtrackMoodOf(' Epic '), 'epic');
  assert.equal(soundtrackMoodOf('somber'), 'sad');
  assert.equal(soundtrackMoodOf('joyful'), 'playful');
  assert.equal(soundtrackMoodOf('a rainy afternoon'), null);
});

test('a job from the queue is checked: every bad field is named', () => {
  const good = { request: { mood: 'calm', seed: 1 }, durationSec: 12, scenes: null };
  assert.deepEqual(parseMusicGenerateJob(good), good);
  assert.throws(
    () =>
      parseMusicGenerateJob({
        request: { mood: 'angry', key: 'H major', seed: -1 },
        durationSec: 1e9,
        scenes: [{ durationSec: 3, mood: 'calm', act: 0 }],
      }),
    (error: Error) =>
      ['request.mood', 'request.key', 'request.seed', 'durationSec', 'scenes.0.act'].every((f) =>
        error.message.includes(f),
      ),
  );
  assert.throws(() => parseMusicGenerateJob({ ...good, extra: 1 }), /invalid music-generate job/);
});
