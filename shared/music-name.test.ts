import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_MUSIC_NAME } from './api/limits.ts';
import { musicUploadName } from './music-name.ts';

test('an upload is named after the file, without its folder, within the length the document keeps', () => {
  assert.equal(musicUploadName('Theme.mp3'), 'Theme.mp3');
  assert.equal(musicUploadName('C:\\Music\\Theme.mp3'), 'Theme.mp3');
  assert.equal(musicUploadName('/home/me/ Theme.mp3 '), 'Theme.mp3');
  assert.equal(musicUploadName('   '), null);
  assert.equal(musicUploadName('x'.repeat(500))!.length, MAX_MUSIC_NAME);
  // An emoji (two UTF-16 units) straddling the limit is dropped whole.
  const straddling = `${'x'.repeat(MAX_MUSIC_NAME - 1)}🎵.mp3`;
  assert.equal(musicUploadName(straddling), 'x'.repeat(MAX_MUSIC_NAME - 1));
});
