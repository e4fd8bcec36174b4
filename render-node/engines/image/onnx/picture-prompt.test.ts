import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMMON_NEGATIVE, STYLE_DESCRIPTORS } from '../../../../shared/analysis/prompt/styles.ts';
import { fnv1a } from '../../../../shared/fnv1a.ts';
import type { PictureRequest } from '../engine.ts';
import { composePicturePrompt, pictureSeed } from './picture-prompt.ts';

const request = (changes: Partial<PictureRequest> = {}): PictureRequest => ({
  prompt: 'medium shot, a rainy harbour at night, cinematic film still, anamorphic lens',
  title: 'The harbour',
  mood: 'tense',
  location: 'harbour',
  stylePreset: 'watercolor',
  cast: [],
  seed: 1000,
  width: 1280,
  height: 720,
  ...changes,
});

test('the scene prompt, in the project style, without another style’s words', () => {
  const { prompt, negativePrompt } = composePicturePrompt(request());
  assert.equal(
    prompt,
    `medium shot, a rainy harbour at night, ${STYLE_DESCRIPTORS.watercolor.positive}`,
  );
  assert.equal(negativePrompt, `${COMMON_NEGATIVE}, ${STYLE_DESCRIPTORS.watercolor.negative}`);
});

test('every cast member joins with their description, replacing the analysis’ featuring clause', () => {
  const { prompt } = composePicturePrompt(
    request({
      prompt: 'a rainy harbour at night, featuring Mara (old words)',
      cast: [
        { name: 'Mara', description: 'a woman,\n  red  coat soaked through' },
        { name: 'Old Tom', description: '' },
      ],
    }),
  );
  assert.equal(
    prompt,
    `a rainy harbour at night, featuring Mara (a woman, red coat soaked through); Old Tom, ${STYLE_DESCRIPTORS.watercolor.positive}`,
  );
  assert.doesNotMatch(prompt, /old words/);
});

test('a scene without a prompt is drawn from its title and place', () => {
  const { prompt } = composePicturePrompt(request({ prompt: '  ' }));
  assert.ok(prompt.startsWith('The harbour, harbour, '), prompt);
});

test('the seed: the scene’s plus a stable offset of who is in it', () => {
  assert.equal(pictureSeed(request()), 1000);
  const mara = { name: 'Mara', description: 'a woman' };
  const tom = { name: 'Tom', description: 'a man' };
  const both = pictureSeed(request({ cast: [mara, tom] }));
  assert.equal(both, (1000 + fnv1a('mara\ntom')) >>> 0);
  // The order the cast is listed in and their descriptions do not matter; who is there does.
  assert.equal(pictureSeed(request({ cast: [{ ...tom, description: 'x' }, mara] })), both);
  assert.notEqual(pictureSeed(request({ cast: [mara] })), both);
  // A scene's next seed stays next for the same cast.
  assert.equal(pictureSeed(request({ cast: [mara, tom], seed: 1001 })), (both + 1) >>> 0);
  // Stays a 32-bit seed.
  const wrapped = pictureSeed(request({ cast: [mara], seed: 0xffffffff }));
  assert.ok(wrapped >= 0 && wrapped <= 0xffffffff);
});
