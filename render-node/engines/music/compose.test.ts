import assert from 'node:assert/strict';
import { test } from 'node:test';
import tonejsMidi from '@tonejs/midi';
import { soundtrackSpec } from '../../../shared/music/soundtrack-spec.ts';
import type { SoundtrackScene } from '../../../shared/music/soundtrack.ts';
import { chordOf, compose, RELEASE_SEC } from './compose.ts';

const { Midi } = tonejsMidi;
const spec = (
  request: Record<string, unknown>,
  durationSec = 40,
  scenes: SoundtrackScene[] | null = null,
) => soundtrackSpec({ request: { seed: 5, ...request }, durationSec, scenes });
const notesOf = (bytes: Uint8Array) =>
  new Midi(bytes).tracks.flatMap((t) =>
    t.notes.map((n) => ({
      channel: t.channel,
      midi: n.midi,
      start: n.time,
      end: n.time + n.duration,
    })),
  );

test('the same spec writes the same MIDI bytes; mood and seed change it', () => {
  const a = compose(spec({ mood: 'hopeful' }));
  assert.deepEqual(a.midi, compose(spec({ mood: 'hopeful' })).midi);
  assert.notDeepEqual(a.midi, compose(spec({ mood: 'hopeful', seed: 6 })).midi);
  assert.notDeepEqual(a.midi, compose(spec({ mood: 'tense' })).midi);
  assert.ok(a.noteCount > 20);
});

test('every note ends inside the length, the final chord released before the end', () => {
  for (const mood of ['calm', 'epic', 'playful'] as const) {
    const composed = compose(
      spec({ mood, instruments: ['piano', 'strings', 'bass', 'drums'] }, 17.3),
    );
    const notes = notesOf(composed.midi);
    const last = Math.max(...notes.map((n) => n.end));
    assert.ok(last <= 17.3 - RELEASE_SEC + 0.01, `${mood}: the last note ends at ${last}`);
    // Drums use the GM percussion channel.
    assert.ok(notes.some((n) => n.channel === 9));
  }
});

test('loop points lie on bar lines, nothing is held across the loop end, the same chord precedes both', () => {
  const s = spec({ mood: 'hopeful', instruments: ['strings', 'bass'] }, 60);
  const composed = compose(s);
  const bar = (4 * 60) / s.tempoBpm;
  const { start, end } = composed.loopPoints;
  for (const point of [start, end]) {
    assert.ok(Math.abs(point / bar - Math.round(point / bar)) < 1e-4, `${point} is on a bar line`);
  }
  assert.ok(end - start >= 4 * bar - 1e-6);
  const notes = notesOf(composed.midi);
  assert.deepEqual(
    notes.filter((n) => n.start < end - 1e-3 && n.end > end + 1e-3),
    [],
    'no note crosses the loop end',
  );
  // The pad's chord in the bar before each point.
  const padBefore = (t: number) =>
    notes
      .filter((n) => n.channel === 0 && n.start < t - 0.01 && n.end > t - bar / 2)
      .map((n) => n.midi % 12)
      .sort();
  assert.deepEqual(padBefore(start), padBefore(end));
  assert.ok(padBefore(end).length >= 3);
});

test('the piece ends on a cadence to the tonic: V–I for bright moods, IV–I for quiet ones', () => {
  const cadence = (mood: 'playful' | 'calm') => {
    const s = spec({ mood, key: 'C major', instruments: ['strings'] }, 30);
    const notes = notesOf(compose(s).midi);
    const lastStart = Math.max(...notes.map((n) => n.start));
    const final = new Set(notes.filter((n) => n.start === lastStart).map((n) => n.midi % 12));
    const before = Math.max(...notes.filter((n) => n.start < lastStart).map((n) => n.start));
    const penultimate = new Set(notes.filter((n) => n.start === before).map((n) => n.midi % 12));
    return { final, penultimate };
  };
  const playful = cadence('playful');
  assert.deepEqual(playful.final, new Set(chordOf('C', 'I').pcs));
  assert.deepEqual(playful.penultimate, new Set(chordOf('C', 'V').pcs));
  assert.deepEqual(cadence('calm').penultimate, new Set(chordOf('C', 'IV').pcs));
});

test('story-following: one section per scene, each starting on the beat nearest its boundary', () => {
  const scenes: SoundtrackScene[] = [
    { durationSec: 7.1, mood: 'calm', act: 1 },
    { durationSec: 9.4, mood: 'epic', act: 2 },
    { durationSec: 8.5, mood: 'sad', act: 3 },
  ];
  const s = spec({ followStory: true, tempo: 90 }, 25, scenes);
  const composed = compose(s);
  const beat = 60 / 90;
  assert.deepEqual(
    composed.sections.map((x) => x.mood),
    ['calm', 'epic', 'sad'],
  );
  [0, 7.1, 16.5].forEach((boundary, i) => {
    const startSec = composed.sections[i]!.startSec;
    assert.ok(Math.abs(startSec - boundary) <= beat / 2 + 1e-9, `section ${i} at ${startSec}`);
    assert.ok(Math.abs(startSec / beat - Math.round(startSec / beat)) < 1e-9);
  });
});
