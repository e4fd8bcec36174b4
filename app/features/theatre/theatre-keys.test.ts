import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seekTarget, theatreAction, type TheatreAction } from './theatre-keys.ts';

const press = (
  key: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {},
) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

test('the player keys: Space, arrows, J/K/L, Home/End, chapters, Escape', () => {
  const cases: [string, TheatreAction][] = [
    [' ', { kind: 'toggle' }],
    ['ArrowLeft', { kind: 'seekBy', sec: -5 }],
    ['ArrowRight', { kind: 'seekBy', sec: 5 }],
    ['j', { kind: 'seekBy', sec: -10 }],
    ['J', { kind: 'seekBy', sec: -10 }],
    ['k', { kind: 'pause' }],
    ['l', { kind: 'seekBy', sec: 10 }],
    ['Home', { kind: 'seekTo', to: 'start' }],
    ['End', { kind: 'seekTo', to: 'end' }],
    ['PageUp', { kind: 'chapter', step: -1 }],
    [',', { kind: 'chapter', step: -1 }],
    ['PageDown', { kind: 'chapter', step: 1 }],
    ['.', { kind: 'chapter', step: 1 }],
    ['Escape', { kind: 'close' }],
  ];
  for (const [key, action] of cases) {
    assert.deepEqual(theatreAction(press(key), 'other'), action, key);
  }
  assert.equal(theatreAction(press('x'), 'other'), null);
  assert.equal(theatreAction(press('ArrowUp'), 'other'), null, 'volume stays with the controls');
});

test('the browser keeps its own shortcuts; fields keep their keys; buttons keep Space', () => {
  assert.equal(theatreAction(press('l', { ctrlKey: true }), 'other'), null);
  assert.equal(theatreAction(press('ArrowLeft', { metaKey: true }), 'other'), null);
  assert.equal(theatreAction(press('ArrowRight', { altKey: true }), 'other'), null);
  assert.equal(theatreAction(press('j'), 'field'), null);
  assert.equal(theatreAction(press(' '), 'field'), null);
  assert.deepEqual(theatreAction(press('Escape'), 'field'), { kind: 'close' });
  assert.equal(theatreAction(press(' '), 'button'), null, 'Space presses the button');
  assert.deepEqual(theatreAction(press('l'), 'button'), { kind: 'seekBy', sec: 10 });
});

const CHAPTERS = [
  { sceneId: 'a', startSec: 0 },
  { sceneId: 'b', startSec: 4 },
  { sceneId: 'c', startSec: 10 },
];
const at = (timeSec: number) => ({ timeSec, durationSec: 16, chapters: CHAPTERS });

test('seeks stay inside the video', () => {
  assert.equal(seekTarget({ kind: 'seekBy', sec: 5 }, at(3)), 8);
  assert.equal(seekTarget({ kind: 'seekBy', sec: 10 }, at(12)), 16);
  assert.equal(seekTarget({ kind: 'seekBy', sec: -10 }, at(3)), 0);
  assert.equal(seekTarget({ kind: 'seekTo', to: 'start' }, at(7)), 0);
  assert.equal(seekTarget({ kind: 'seekTo', to: 'end' }, at(7)), 16);
});

test('next chapter goes to the next start; previous restarts the chapter first', () => {
  assert.equal(seekTarget({ kind: 'chapter', step: 1 }, at(1)), 4);
  assert.equal(seekTarget({ kind: 'chapter', step: 1 }, at(3.97)), 10, 'already at b');
  assert.equal(seekTarget({ kind: 'chapter', step: 1 }, at(12)), null, 'no chapter after the last');
  assert.equal(seekTarget({ kind: 'chapter', step: -1 }, at(7)), 4, 'back to this chapter’s start');
  assert.equal(
    seekTarget({ kind: 'chapter', step: -1 }, at(4.5)),
    0,
    'just started: the one before',
  );
  assert.equal(seekTarget({ kind: 'chapter', step: -1 }, at(0.5)), 0);
  assert.equal(seekTarget({ kind: 'chapter', step: 1 }, { ...at(1), chapters: [] }), null);
});
