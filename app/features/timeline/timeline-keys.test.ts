import { test } from 'node:test';
import assert from 'node:assert/strict';
import { playheadAfterKey } from './timeline-keys.ts';

test('arrows move the playhead to the next whole second, five with Shift', () => {
  assert.equal(playheadAfterKey('ArrowRight', false, 3.4, 60), 4);
  assert.equal(playheadAfterKey('ArrowUp', false, 3, 60), 4);
  assert.equal(playheadAfterKey('ArrowLeft', false, 3.4, 60), 3);
  assert.equal(playheadAfterKey('ArrowDown', false, 3, 60), 2);
  assert.equal(playheadAfterKey('ArrowRight', true, 3.4, 60), 8);
  assert.equal(playheadAfterKey('ArrowLeft', true, 3.4, 60), -1);
});

test('Page keys move ten seconds, Shift or not; Home and End jump to the ends', () => {
  assert.equal(playheadAfterKey('PageUp', false, 3.4, 60), 13);
  assert.equal(playheadAfterKey('PageUp', true, 3.4, 60), 13);
  assert.equal(playheadAfterKey('PageDown', false, 13.2, 60), 4);
  assert.equal(playheadAfterKey('Home', false, 13.2, 60), 0);
  assert.equal(playheadAfterKey('End', false, 13.2, 60), 60);
});

test('other keys leave the playhead to the browser', () => {
  assert.equal(playheadAfterKey('Enter', false, 3, 60), null);
  assert.equal(playheadAfterKey('a', true, 3, 60), null);
  assert.equal(playheadAfterKey('constructor', false, 3, 60), null);
});
