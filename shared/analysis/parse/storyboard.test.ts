import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeScript } from '../index.ts';
import { ownFixture } from '../test-support.ts';
import { durationOf, fieldOf, parseStoryboard, shotOf } from './storyboard.ts';

test('fields in English and French, bold or bulleted', () => {
  assert.deepEqual(fieldOf('Visual: a kitchen'), { kind: 'visual', value: 'a kitchen' });
  assert.deepEqual(fieldOf('Visuel : une cuisine'), { kind: 'visual', value: 'une cuisine' });
  assert.deepEqual(fieldOf('**Voix off :** Bonjour'), { kind: 'narration', value: 'Bonjour' });
  assert.deepEqual(fieldOf('- Durée : 6 s'), { kind: 'duration', value: '6 s' });
  assert.equal(fieldOf('Mara: hello'), null, 'a speaker is not a field');
  assert.equal(durationOf('8s'), 8);
  assert.equal(durationOf('12 secondes'), 12);
  assert.equal(durationOf('1 min 30'), 90);
  assert.equal(durationOf('0:45'), 45);
  assert.equal(shotOf('gros plan'), 'close-up');
  assert.equal(shotOf('wide establishing'), 'wide');
  assert.equal(shotOf('plan moyen'), 'medium');
});

test('markers open scenes; multi-line fields, dialogue and free text are kept', () => {
  const parsed = parseStoryboard(
    [
      '## Scene 1: Opening',
      'Visual: a harbour',
      'at dawn, gulls everywhere.',
      'Narration: The day begins.',
      'MARA: Ready?',
      '',
      '**Shot 2 – The climb**',
      'Camera: close-up',
      'Transition: cut',
      'Duration: 5s',
      'She climbs the stairs.',
    ].join('\n'),
  );
  assert.equal(parsed.scenes.length, 2);
  const [one, two] = parsed.scenes;
  assert.equal(one!.title, 'Opening');
  assert.equal(one!.visual, 'a harbour at dawn, gulls everywhere.');
  assert.deepEqual(one!.paragraphs, ['The day begins.']);
  assert.deepEqual(one!.dialogue, [{ speaker: 'MARA', text: 'Ready?', parenthetical: null }]);
  assert.equal(two!.title, 'The climb');
  assert.equal(two!.shot, 'close-up');
  assert.equal(two!.transition, 'cut');
  assert.equal(two!.durationSec, 5);
  assert.deepEqual(two!.paragraphs, ['She climbs the stairs.']);
});

test('a French explainer: titles, explicit fields, English prompts', async () => {
  const a = await analyzeScript(ownFixture('panneaux.fr.txt'));
  assert.equal(a.language, 'fr');
  assert.equal(a.format, 'storyboard');
  assert.deepEqual(
    a.scenes.map((s) => s.title),
    ['Accroche', 'Le problème', 'La solution'],
  );
  assert.equal(a.scenes[0]!.durationSec, 6, 'Durée : 6 s');
  assert.equal(a.scenes[1]!.camera.shot, 'close-up', 'Caméra : gros plan');
  assert.equal(a.scenes[2]!.transition, 'fade-black', 'Transition : fondu au noir');
  assert.equal(a.scenes[0]!.location?.english, 'kitchen');
  assert.equal(a.scenes[2]!.timeOfDay, 'sunset');
  assert.match(a.scenes[1]!.visual, /fridge door/);
  assert.match(a.scenes[2]!.prompt, /at sunset/);
  assert.match(
    a.scenes[0]!.narration,
    /^Chaque heure, le soleil envoie sur Terre plus d'énergie que le monde n'en consomme en un an\.$/,
  );
});
