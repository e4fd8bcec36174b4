import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { STYLE_PRESETS } from '../../../shared/timeline.ts';
import type { PictureRequest } from './engine.ts';
import { pictureRequest } from '../../test-fixtures.ts';
import { designLettering, letterboxHeight, type LetteringRequest } from './lettering.ts';
import { createProceduralEngine, depictPicture, designPicture } from './procedural.ts';
import { readScene } from './scene-reading.ts';

const request = (fields: Partial<PictureRequest> = {}): PictureRequest =>
  pictureRequest({
    prompt: 'An old lighthouse on a rocky coast at night',
    title: 'The keeper',
    mood: 'mysterious',
    location: 'The harbour',
    cast: [{ name: 'Elias', description: 'an old keeper in a red coat' }],
    seed: 42,
    ...fields,
  });

test('the picture is deterministic by seed and request', () => {
  assert.equal(designPicture(request()), designPicture(request()));
  assert.notEqual(designPicture(request()), designPicture(request({ seed: 43 })));
  assert.notEqual(designPicture(request()), designPicture(request({ stylePreset: 'line-art' })));
});

test('the scene is read from its words, in English and French', () => {
  const en = readScene(request());
  // Issue 11: places are families of settings; the location a person named comes first.
  assert.equal(en.setting, 'harbour');
  assert.deepEqual(en.settingWords, ['harbour']);
  assert.equal(en.time, 'night');
  assert.equal(
    depictPicture(request()).figures[0]?.colour,
    '#c0392b',
    'a red coat stays red in every scene',
  );
  const fr = readScene(
    request({
      prompt: 'Une forêt sombre sous la pluie',
      cast: [],
      title: 'La forêt',
      location: '',
    }),
  );
  assert.equal(fr.setting, 'forest');
  assert.equal(fr.weather, 'rain');
  assert.equal(
    readScene(request({ prompt: 'A quiet kitchen', cast: [], title: '', location: '' })).setting,
    'kitchen',
  );
});

test('every style renders to a PNG of the requested size', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'montage-picture-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const engine = createProceduralEngine();
  for (const stylePreset of STYLE_PRESETS) {
    const path = join(dir, `${stylePreset}.png`);
    await engine.generate(
      request({ stylePreset, width: 96, height: 160 }),
      path,
      new AbortController().signal,
    );
    const png = await readFile(path);
    assert.equal(png.readUInt32BE(16), 96, stylePreset);
    assert.equal(png.readUInt32BE(20), 160, stylePreset);
  }
});

const lettering = (fields: Partial<LetteringRequest> = {}): LetteringRequest => ({
  kicker: 'Act 1 · The harbour',
  title: 'The keeper of the last lighthouse on the northern coast of the island',
  narrationLine: 'Every night he climbs the hundred stairs to the lamp, whatever the weather.',
  stylePreset: 'cinematic',
  language: 'fr',
  accent: '#9bf6ff',
  placement: 'lower',
  width: 1920,
  height: 1080,
  ...fields,
});

test('the lettering wraps the title on at most two lines and quotes one line of narration', () => {
  const svg = designLettering(lettering());
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
  assert.equal(texts[0], 'ACT 1 · THE HARBOUR');
  assert.equal(texts.length, 4, 'kicker, two title lines, the quote');
  assert.ok(texts[2]!.endsWith('\u2026'), 'the title is ellipsised when it does not fit');
  assert.ok(texts[3]!.startsWith('\u00ab\u00a0'), 'French quotation marks');
  assert.ok(texts[3]!.endsWith('\u2026\u00a0\u00bb'), 'a shortened quote keeps its closing mark');
  assert.match(svg, /<path d="M0 0 H1920 V60 H0 Z/, 'the cinematic letterbox');
  assert.equal(letterboxHeight(1080, 1920), 0, 'no letterbox on portrait frames');
  const noQuote = designLettering(lettering({ narrationLine: '', placement: 'upper' }));
  assert.equal([...noQuote.matchAll(/<text/g)].length, 3);
});
