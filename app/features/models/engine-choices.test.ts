import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AvailableModel } from '../../../shared/api/render-nodes.ts';
import {
  PROCEDURAL_VALUE,
  hasPiperVoice,
  imageEngineChoices,
  imageEngineOf,
  languageName,
  piperVoiceGroups,
} from './engine-choices.ts';

const model = (id: string, providers: AvailableModel['providers']): AvailableModel => ({
  id,
  name: id.toUpperCase(),
  nodes: ['n'],
  providers,
});

test('storyboard frames always, then each live model with where it runs', () => {
  const { choices, value, missing } = imageEngineChoices(
    [model('sd-turbo', ['cuda']), model('tiny', ['cpu']), model('both', ['cpu', 'cuda'])],
    null,
  );
  assert.equal(value, PROCEDURAL_VALUE);
  assert.equal(missing, null);
  assert.deepEqual(
    choices.map((c) => [c.value, c.where]),
    [
      ['procedural', null],
      ['onnx:sd-turbo', 'gpu'],
      ['onnx:tiny', 'cpu'],
      ['onnx:both', 'gpuOrCpu'],
    ],
  );
});

test('a chosen model no live node has stays chosen and is flagged', () => {
  const { choices, value, missing } = imageEngineChoices([], {
    engine: 'onnx',
    model: 'sd-turbo',
    fallback: false,
  });
  assert.equal(value, 'onnx:sd-turbo');
  assert.equal(missing, 'sd-turbo');
  assert.deepEqual(choices.at(-1), {
    value: 'onnx:sd-turbo',
    model: 'sd-turbo',
    name: 'sd-turbo',
    where: null,
  });
});

test('a picker value reads back as a setting, keeping the fallback', () => {
  assert.equal(imageEngineOf(PROCEDURAL_VALUE, true), null);
  assert.deepEqual(imageEngineOf('onnx:sd-turbo', true), {
    engine: 'onnx',
    model: 'sd-turbo',
    fallback: true,
  });
});

test('Piper voices by language, the project language first, unusable ids left out', () => {
  const voice = (id: string, language: string): AvailableModel => ({
    ...model(id, ['cpu']),
    language,
  });
  const groups = piperVoiceGroups(
    [
      { language: 'en_US', voices: [voice('en_US-lessac-medium', 'en_US')] },
      { language: 'fr_FR', voices: [voice('fr_FR-siwis-low', 'fr_FR'), voice('fr.bad', 'fr_FR')] },
      { language: 'de_DE', voices: [voice('de.only.bad', 'de_DE')] },
    ],
    'fr',
  );
  assert.deepEqual(
    groups.map((g) => [g.language, g.voices.map((v) => v.id)]),
    [
      ['fr_FR', ['fr_FR-siwis-low']],
      ['en_US', ['en_US-lessac-medium']],
    ],
  );
  assert.equal(hasPiperVoice(groups, 'fr_FR-siwis-low'), true);
  assert.equal(hasPiperVoice(groups, 'fr_FR-gone'), false);
  assert.equal(languageName('fr_FR', 'en'), 'French (France)');
  assert.equal(languageName('en_US', 'en'), 'English (United States)');
  assert.equal(languageName('fr_FR', 'fr'), 'français (France)');
  assert.equal(languageName('xx', 'en'), 'xx');
});
