import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STYLE_PRESETS } from '../../timeline.ts';
import { buildImagePrompt, castPhrase, type PromptCast, type PromptScene } from './build-prompt.ts';
import { STYLE_DESCRIPTORS } from './styles.ts';

const scene: PromptScene = {
  visual: 'Mara Quinn climbs the iron stairs with an oil can.',
  location: {
    name: 'Gull Point lighthouse',
    english: 'Gull Point lighthouse',
    setting: 'interior',
  },
  timeOfDay: 'dusk',
  mood: { label: 'tense', valence: -0.5, intensity: 0.8 },
  camera: { shot: 'close-up', motion: 'zoom-in', reason: '' },
  characters: ['cast-1', 'cast-2'],
};
const cast: PromptCast[] = [
  {
    id: 'cast-1',
    name: 'Mara Quinn',
    kind: 'named',
    visual: 'in their 40s, oilskin coat',
    gender: 'female',
  },
  { id: 'cast-2', name: 'Le roi', kind: 'role', visual: 'old king', gender: 'male' },
];

test('the prompt orders shot, subject, setting, light, cast and style', () => {
  const { prompt } = buildImagePrompt(scene, { stylePreset: 'cinematic', cast });
  assert.ok(
    prompt.startsWith('close-up shot, Mara Quinn climbs the iron stairs with an oil can, '),
  );
  assert.match(prompt, /inside the Gull Point lighthouse/);
  assert.match(prompt, /at dusk, dim twilight/);
  assert.match(prompt, /dramatic high-contrast lighting/);
  assert.match(prompt, /featuring Mara Quinn \(a woman, in her 40s, oilskin coat\); the old king/);
  assert.ok(prompt.endsWith(STYLE_DESCRIPTORS.cinematic.positive));
  const order = [
    'close-up shot',
    'Mara Quinn climbs',
    'inside the',
    'at dusk',
    'featuring',
    'cinematic film still',
  ];
  const at = order.map((part) => prompt.indexOf(part));
  assert.deepEqual(
    [...at].sort((a, b) => a - b),
    at,
  );
});

test('every style preset has its own descriptors and negatives, deterministically', () => {
  const prompts = new Set<string>();
  for (const stylePreset of STYLE_PRESETS) {
    const a = buildImagePrompt(scene, { stylePreset, cast });
    assert.deepEqual(buildImagePrompt(scene, { stylePreset, cast }), a, 'same input, same prompt');
    assert.ok(a.prompt.includes(STYLE_DESCRIPTORS[stylePreset].positive));
    assert.match(a.negativePrompt, /^blurry, low quality/);
    assert.ok(a.negativePrompt.endsWith(STYLE_DESCRIPTORS[stylePreset].negative));
    prompts.add(a.prompt);
  }
  assert.equal(prompts.size, STYLE_PRESETS.length);
  assert.match(
    buildImagePrompt(scene, { stylePreset: 'photorealistic' }).negativePrompt,
    /cartoon/,
  );
  assert.match(buildImagePrompt(scene, { stylePreset: 'anime' }).negativePrompt, /photorealistic/);
});

test('exterior places, unknown light and absent cast are worded plainly', () => {
  const bare = buildImagePrompt(
    {
      ...scene,
      location: { name: "June's van", english: "June's van", setting: 'exterior' },
      timeOfDay: null,
      mood: { label: 'neutral', valence: 0, intensity: 0 },
      characters: ['cast-9'],
    },
    { stylePreset: 'line-art', cast },
  ).prompt;
  assert.match(bare, /outdoors at June's van/);
  assert.doesNotMatch(bare, /featuring|undefined|, ,/);
});

test('a long visual is clipped; the prompt fits the document field', () => {
  const long = buildImagePrompt(
    { ...scene, visual: 'word '.repeat(2000) },
    { stylePreset: 'watercolor', cast },
  );
  assert.ok(long.prompt.length <= 1500);
  assert.equal(
    castPhrase({ id: 'x', name: 'Leo', kind: 'named', visual: '', gender: null }),
    'Leo',
  );
});
