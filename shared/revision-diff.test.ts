import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffTimelines, diffWords, isEmptyDiff, type TextPart } from './revision-diff.ts';
import { SCENE_DEFAULTS, type Timeline, type TimelineScene } from './timeline.ts';

function scene(id: string, order: string, fields: Partial<TimelineScene> = {}): TimelineScene {
  return { ...SCENE_DEFAULTS, id, order, title: id.toUpperCase(), seed: 1, cast: [], ...fields };
}

function timeline(fields: Partial<Timeline> = {}): Timeline {
  return {
    schemaVersion: 1,
    title: 'Le phare',
    language: 'fr',
    aspect: '16:9',
    fps: 30,
    stylePreset: 'cinematic',
    voice: { engine: 'espeak-ng', voice: 'fr', rate: 1, pitch: 1 },
    music: null,
    cast: [
      { id: 'c1', name: 'Mara', description: 'red coat' },
      { id: 'c2', name: 'Jon', description: '' },
    ],
    scenes: ['a', 'b', 'c', 'd', 'e'].map((id, i) =>
      scene(id, `a${i}`, { narration: `Scene ${id} narration.` }),
    ),
    ...fields,
  };
}

const join = (parts: TextPart[], kind: 'removed' | 'added') =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === kind)
    .map((p) => p.text)
    .join('');

function assertReassembles(before: string, after: string) {
  const parts = diffWords(before, after);
  assert.equal(join(parts, 'removed'), before);
  assert.equal(join(parts, 'added'), after);
  for (let i = 1; i < parts.length; i++) assert.notEqual(parts[i]!.kind, parts[i - 1]!.kind);
  for (const p of parts) assert.ok(p.text.length > 0);
  return parts;
}

test('identical timelines give an empty diff', () => {
  const diff = diffTimelines(timeline(), timeline());
  assert.ok(isEmptyDiff(diff));
  assert.deepEqual(diff.settings, []);
  assert.deepEqual(diff.scenes, { added: [], removed: [], moved: [], changed: [] });
  assert.deepEqual(diff.cast, { added: [], removed: [], changed: [] });
});

test('settings changes are listed with before and after', () => {
  const after = timeline({
    title: 'Le grand phare',
    fps: 24,
    voice: { engine: 'piper', voice: 'fr', rate: 1, pitch: 1 },
    music: { asset: 'a'.repeat(64), volume: 0.4 },
  });
  const diff = diffTimelines(timeline(), after);
  assert.deepEqual(
    diff.settings.map((c) => c.field),
    ['title', 'fps', 'voice', 'music'],
  );
  const title = diff.settings[0]!;
  assert.equal(title.before, 'Le phare');
  assert.equal(title.after, 'Le grand phare');
  assert.ok(title.text);
  assert.equal(diff.settings[1]!.text, undefined);
  assert.equal(diff.settings[3]!.before, null);
  assert.ok(!isEmptyDiff(diff));
});

test('cast members added, removed and changed', () => {
  const after = timeline({
    cast: [
      { id: 'c1', name: 'Mara', description: 'blue coat' },
      { id: 'c3', name: 'Lea', description: '' },
    ],
  });
  const diff = diffTimelines(timeline(), after);
  assert.deepEqual(diff.cast.added, [{ id: 'c3', name: 'Lea' }]);
  assert.deepEqual(diff.cast.removed, [{ id: 'c2', name: 'Jon' }]);
  assert.deepEqual(diff.cast.changed, [
    {
      id: 'c1',
      name: 'Mara',
      fields: [{ field: 'description', before: 'red coat', after: 'blue coat' }],
    },
  ]);
});

test("a character's voice set or cleared is a change of its voice field", () => {
  const voice = { engine: 'espeak-ng' as const, voice: 'en+f2', rate: 1, pitch: 1.2 };
  const before = timeline();
  const after = timeline({
    cast: before.cast.map((c) => (c.id === 'c1' ? { ...c, voice } : c)),
  });
  assert.deepEqual(diffTimelines(before, after).cast.changed, [
    { id: 'c1', name: 'Mara', fields: [{ field: 'voice', before: undefined, after: voice }] },
  ]);
  assert.deepEqual(diffTimelines(after, before).cast.changed[0]!.fields[0]!.after, undefined);
});

test('scenes added, removed and changed are found by id with their positions', () => {
  const before = timeline();
  const scenes = before.scenes.filter((s) => s.id !== 'b');
  scenes.splice(2, 0, scene('x', 'a25', { title: 'New one' }));
  scenes[3] = { ...scenes[3]!, narration: 'Scene d narration, longer.', durationSec: 4 };
  const diff = diffTimelines(before, { ...before, scenes });
  assert.deepEqual(diff.scenes.removed, [{ id: 'b', title: 'B', index: 1 }]);
  assert.deepEqual(diff.scenes.added, [{ id: 'x', title: 'New one', index: 2 }]);
  assert.deepEqual(diff.scenes.moved, []);
  assert.equal(diff.scenes.changed.length, 1);
  const changed = diff.scenes.changed[0]!;
  assert.equal(changed.id, 'd');
  assert.equal(changed.index, 3);
  assert.deepEqual(
    changed.fields.map((f) => f.field),
    ['narration', 'durationSec'],
  );
  assert.deepEqual(changed.fields[0]!.text, [
    { kind: 'same', text: 'Scene d ' },
    { kind: 'removed', text: 'narration.' },
    { kind: 'added', text: 'narration, longer.' },
  ]);
  assert.equal(changed.fields[1]!.text, undefined);
});

test('moving one scene reports one move, not every shifted scene', () => {
  const before = timeline();
  const [a, b, c, d, e] = before.scenes as [TimelineScene, ...TimelineScene[]];
  // "a" goes to the end (new order key: an order change alone is not a field change).
  const after = { ...before, scenes: [b!, c!, d!, e!, { ...a, order: 'a9' }] };
  const diff = diffTimelines(before, after);
  assert.deepEqual(diff.scenes.moved, [{ id: 'a', title: 'A', index: 4, from: 0 }]);
  assert.deepEqual(diff.scenes.changed, []);
  assert.deepEqual(diff.scenes.added, []);
  assert.deepEqual(diff.scenes.removed, []);

  // Two scenes swapped far apart: two moves.
  const swapped = diffTimelines(before, { ...before, scenes: [e!, b!, c!, d!, a] });
  assert.deepEqual(
    swapped.scenes.moved.map((m) => m.id),
    ['e', 'a'],
  );
});

test('a renamed moved scene is both moved and changed', () => {
  const before = timeline();
  const [a, b, c] = before.scenes as [TimelineScene, TimelineScene, TimelineScene];
  const after = {
    ...before,
    scenes: [b, c, { ...a, title: 'Opening' }, ...before.scenes.slice(3)],
  };
  const diff = diffTimelines(before, after);
  assert.deepEqual(diff.scenes.moved, [{ id: 'a', title: 'Opening', index: 2, from: 0 }]);
  assert.equal(diff.scenes.changed[0]!.fields[0]!.field, 'title');
  assert.deepEqual(diff.scenes.changed[0]!.fields[0]!.text, [
    { kind: 'removed', text: 'A' },
    { kind: 'added', text: 'Opening' },
  ]);
});

test('diffWords works word by word with white space kept with the change', () => {
  assert.deepEqual(diffWords('The quick brown fox.', 'The slow red fox.'), [
    { kind: 'same', text: 'The ' },
    { kind: 'removed', text: 'quick brown' },
    { kind: 'added', text: 'slow red' },
    { kind: 'same', text: ' fox.' },
  ]);
  assert.deepEqual(diffWords('The dog', 'The dog runs'), [
    { kind: 'same', text: 'The dog' },
    { kind: 'added', text: ' runs' },
  ]);
  assert.deepEqual(diffWords('', 'Hello'), [{ kind: 'added', text: 'Hello' }]);
  assert.deepEqual(diffWords('Hello', ''), [{ kind: 'removed', text: 'Hello' }]);
  assert.deepEqual(diffWords('', ''), []);
  assert.deepEqual(diffWords('same', 'same'), [{ kind: 'same', text: 'same' }]);
});

test('diffWords parts reassemble both texts', () => {
  const cases: [string, string][] = [
    ['The boat leaves the harbour at dawn.', 'At dawn, the old boat leaves the harbour.'],
    ['a b c d e f', 'f e d c b a'],
    ['  leading and trailing  ', 'leading, and\n\ntrailing'],
    ['Le bateau quitte le port à l’aube.', 'Le navire quitte le port 😀 à l’aube !'],
    ['one\ntwo\nthree', 'one\nthree\nfour'],
    ['x', 'y'],
  ];
  for (const [before, after] of cases) {
    assertReassembles(before, after);
    assertReassembles(after, before);
  }
});

test('diffWords falls back to one removed and one added part for very long texts', () => {
  const words = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');
  const before = `Start. ${words('a', 5000)} End.`;
  const after = `Start. ${words('b', 5000)} End.`;
  const parts = assertReassembles(before, after);
  assert.deepEqual(
    parts.map((p) => p.kind),
    ['same', 'removed', 'added', 'same'],
  );
  assert.equal(parts[0]!.text, 'Start. ');
  assert.equal(parts[3]!.text, ' End.');
  // A small change in a long text still gets a precise diff.
  const long = words('w', 6000);
  const edited = long.replace('w3000', 'changed');
  assert.deepEqual(
    diffWords(long, edited).filter((p) => p.kind !== 'same'),
    [
      { kind: 'removed', text: 'w3000' },
      { kind: 'added', text: 'changed' },
    ],
  );
});

test('choosing a picture engine shows as a change of the setting and of the scene', () => {
  const before = timeline({ scenes: [scene('a', 'a0')] });
  const after = timeline({
    imageEngine: { engine: 'onnx', model: 'sd-turbo', fallback: true },
    scenes: [scene('a', 'a0', { imageEngine: 'procedural' })],
  });
  const diff = diffTimelines(before, after);
  assert.deepEqual(
    diff.settings.map((c) => [c.field, c.before, c.after]),
    [['imageEngine', undefined, { engine: 'onnx', model: 'sd-turbo', fallback: true }]],
  );
  assert.deepEqual(
    diff.scenes.changed[0]!.fields.map((c) => [c.field, c.before, c.after]),
    [['imageEngine', undefined, 'procedural']],
  );
  assert.equal(isEmptyDiff(diffTimelines(before, before)), true);
});
