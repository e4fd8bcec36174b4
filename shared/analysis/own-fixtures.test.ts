import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeScript } from './index.ts';
import { castName, castNamed, ownFixture } from './test-support.ts';

test('the-clockmaker.en.txt: chapters and a scene break, a role character, pronoun speakers', async () => {
  const a = await analyzeScript(ownFixture('the-clockmaker.en.txt'));
  assert.equal(a.format, 'markdown');
  assert.equal(a.title, "The Clockmaker's Apprentice");
  assert.deepEqual(
    a.scenes.map((s) => s.title),
    ['Chapter 1', 'Workshop in the evening', 'Chapter 2', 'At noon'],
  );
  const nora = castNamed(a, 'Nora')!;
  const felix = castNamed(a, 'Felix')!;
  const mayor = castNamed(a, 'The mayor')!;
  assert.equal(nora.name, 'Nora Bell');
  assert.equal(nora.gender, 'female');
  assert.equal(
    nora.description,
    'small woman with grey braids; apron',
    '"She was a …", "her apron"',
  );
  assert.equal(felix.name, 'Felix Brandt');
  assert.equal(felix.description, 'tall boy', '"a tall boy named Felix Brandt"');
  assert.equal(mayor.kind, 'role');
  assert.equal(mayor.visual, 'old mayor');
  assert.deepEqual(
    a.scenes.flatMap((s) => s.dialogue.map((d) => castName(a, d.speakerId))),
    ['Nora Bell', 'Felix Brandt', 'The mayor', 'The mayor'],
  );
  assert.deepEqual(
    a.scenes.map((s) => s.timeOfDay),
    ['dawn', 'evening', 'morning', 'day'],
  );
  assert.equal(a.scenes[0]!.transition, 'fade-black', 'a scene break follows');
});
