import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STYLE_DESCRIPTORS } from '../../../shared/analysis/prompt/styles.ts';
import { STYLE_PRESETS } from '../../../shared/timeline.ts';
import { depictScene, focalSubject } from './depict.ts';
import type { PictureRequest } from './engine.ts';
import { pictureRequest } from '../../test-fixtures.ts';
import { promptSubject } from './prompt-subject.ts';
import { readScene } from './scene-reading.ts';

const request = (prompt: string, fields: Partial<PictureRequest> = {}): PictureRequest =>
  pictureRequest({ prompt, ...fields });

// Prompts as the script analysis writes them for the sample scripts (shared/fixtures/scripts).
const STREAM =
  'wide establishing shot, Alexandre and Élise, dry branches fire, stream, outdoors at the stream, at night, moonlight and practical lights, deep shadows, warm glowing light, hopeful atmosphere, featuring Alexandre (a man, young prince); Élise, cinematic film still, anamorphic lens, shallow depth of field, subtle film grain, professional color grading';
const BILL =
  'close-up shot, an electricity bill on a fridge door, the total circled in red, muted desaturated palette, melancholic atmosphere, cinematic film still, anamorphic lens, shallow depth of field, subtle film grain, professional color grading';
const HARBOUR =
  'wide establishing shot, Down in the village, Tomas Reyes ran along the harbour wall, his coat soaked through, outdoors at the harbour, at dusk, blue hour twilight, fading light, featuring Tomas Reyes (a man, coat soaked through), cinematic film still, anamorphic lens';

test('the stock shot, light, mood and style phrases are not part of what a prompt shows', () => {
  assert.equal(
    promptSubject(BILL),
    'an electricity bill on a fridge door, the total circled in red',
  );
  for (const style of STYLE_PRESETS) {
    assert.equal(
      promptSubject(`a boat on the sea, ${STYLE_DESCRIPTORS[style].positive}`),
      'a boat on the sea',
      style,
    );
  }
  // The time of day stays: it lights the scene.
  assert.match(promptSubject(STREAM), /at night/);
  assert.doesNotMatch(promptSubject(STREAM), /moonlight|cinematic|depth of field/);
  // A prompt a person wrote is left as it is.
  assert.equal(promptSubject('A lighthouse at night, waves'), 'A lighthouse at night, waves');
  // With a cast, the closing "featuring" clause goes (they are drawn as figures); without, it stays.
  const cast = [{ name: 'Alexandre', description: '' }];
  assert.doesNotMatch(promptSubject(STREAM, cast), /featuring|prince/);
  assert.equal(promptSubject('a concert featuring a band'), 'a concert featuring a band');
});

test('sample-script scenes are read from what they show', () => {
  const cast = [
    { name: 'Alexandre', description: 'jeune prince' },
    { name: 'Élise', description: '' },
  ];
  // "cinematic" is no cinema stage; "depth of field" is no field.
  const stream = readScene(request(STREAM, { cast, location: 'Ruisseau' }));
  assert.equal(stream.setting, 'forest');
  assert.equal(stream.time, 'night');
  const bill = depictScene(request(BILL));
  assert.notEqual(bill.setting.kind, 'stage');
  assert.ok(
    !bill.props.some((p) => p.icon === 'artist-palette'),
    'no palette from the style words',
  );
  // A bar chart is not a bar.
  assert.notEqual(
    readScene(request('close-up shot, a bar chart rising month by month')).setting,
    'cafe',
  );
  // A market by the river is the market.
  assert.equal(
    readScene(request('stalls', { location: 'Riverside night market' })).setting,
    'market',
  );
});

test('a named character said first is the subject; their coat is not a prop', () => {
  const tomas = [{ name: 'Tomas Reyes', description: 'a man, coat soaked through' }];
  const d = depictScene(request(HARBOUR, { cast: tomas }));
  assert.equal(d.setting.kind, 'harbour');
  assert.ok(
    !d.props.some((p) => p.icon === 'coat'),
    '"his coat" is worn, not standing on the quay',
  );
  assert.deepEqual(focalSubject(promptSubject(HARBOUR, tomas), d), { figures: true });
  // French: "son manteau" is worn too; a coat on its own is a thing.
  assert.ok(!depictScene(request('Nadia ferme son manteau')).props.some((p) => p.icon === 'coat'));
  assert.ok(depictScene(request('a coat on a hook')).props.some((p) => p.icon === 'coat'));
});
