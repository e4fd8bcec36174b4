import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeScript, analyzeScriptSync } from './index.ts';
import { castName, castNamed, sharedFixture } from './test-support.ts';

test('night-market.fountain: one scene per slugline, places, cast and every line to its speaker', async () => {
  const a = await analyzeScript(sharedFixture('night-market.fountain'));
  assert.equal(a.format, 'screenplay');
  assert.equal(a.title, 'Night Market');
  assert.equal(a.scenes.length, 3);
  const [market, van, later] = a.scenes;
  assert.deepEqual(market!.location, {
    name: 'Riverside night market',
    english: 'Riverside night market',
    setting: 'exterior',
  });
  assert.equal(market!.timeOfDay, 'night');
  assert.equal(van!.location?.name, "June's van");
  assert.equal(van!.location?.setting, 'interior');
  assert.equal(van!.timeOfDay, 'night', 'CONTINUOUS keeps the time of the scene before');
  assert.equal(later!.location?.name, 'Riverside night market');
  assert.equal(later!.location?.setting, 'exterior');

  for (const name of ['June', 'Leo', 'Inspector'])
    assert.ok(castNamed(a, name), `${name} is in the cast`);
  assert.equal(castNamed(a, 'June')!.name, 'June Park', 'the introduction gives the full name');
  assert.equal(castNamed(a, 'June')!.role, 'protagonist');

  const lines = a.scenes.flatMap((s) => s.dialogue.map((d) => [castName(a, d.speakerId), d.text]));
  assert.deepEqual(lines, [
    ['June Park', 'Two more minutes! Nobody touches the peanut sauce.'],
    ['Leo', 'Mom says the inspector is coming tonight.'],
    ['June Park', "Then we'd better be the cleanest grill on the river."],
    ['June Park', 'Come on, come on...'],
    ['Inspector', 'Best-smelling stall on the whole river. Carry on.'],
  ]);
  assert.equal(market!.dialogue[2]!.parenthetical, 'not looking up');
  assert.deepEqual(later!.characters.map((id) => castName(a, id)).sort(), [
    'Inspector',
    'June Park',
    'Leo',
  ]);
  assert.ok(!market!.narration.includes('JUNE'), 'action names read as names, not shouted');
  assert.equal(market!.transition, 'cut', 'the next scene is CONTINUOUS');
  assert.equal(later!.transition, 'fade-black', 'FADE OUT.');
  assert.match(castNamed(a, 'June')!.visual, /apron/);
});

test('explainer.en.md: five marked scenes with their titles, narration and visuals', async () => {
  const a = await analyzeScript(sharedFixture('explainer.en.md'));
  assert.equal(a.format, 'storyboard');
  assert.equal(a.title, 'Solar at home — 60-second explainer');
  assert.deepEqual(
    a.scenes.map((s) => s.title),
    ['Hook', 'The problem', 'How it works', 'The numbers', 'Call to action'],
  );
  assert.equal(
    a.scenes[0]!.narration,
    'Every hour, the sun sends more energy to Earth than the whole world uses in a year.',
  );
  assert.equal(
    a.scenes[4]!.narration,
    'Ask for a free roof survey today, and let your home start working for you.',
  );
  assert.equal(
    a.scenes[1]!.visual,
    'an electricity bill on a fridge door, the total circled in red',
  );
  for (const s of a.scenes)
    assert.ok(s.prompt.includes(s.visual), `prompt of "${s.title}" shows its visual`);
  assert.equal(a.scenes[0]!.timeOfDay, 'morning', 'breakfast');
  assert.equal(a.scenes[4]!.timeOfDay, 'sunset');
  assert.equal(a.scenes[0]!.location?.setting, 'interior', 'a kitchen');
  assert.equal(a.scenes[4]!.transition, 'fade-black');
  assert.deepEqual(a.cast, []);
});

test('lighthouse.en.md: English, Mara Quinn leads, aliases merged, dusk to sunrise', async () => {
  const a = await analyzeScript(sharedFixture('lighthouse.en.md'));
  assert.equal(a.language, 'en');
  assert.equal(a.format, 'prose');
  const mara = castNamed(a, 'Mara Quinn');
  const tomas = castNamed(a, 'Tomas Reyes');
  assert.ok(mara && tomas);
  assert.equal(mara.name, 'Mara Quinn');
  assert.ok(mara.aliases.includes('Mara'));
  assert.equal(tomas.name, 'Tomas Reyes');
  assert.ok(tomas.aliases.includes('Tomas'));
  assert.equal(mara.role, 'protagonist');
  assert.equal(mara.gender, 'female');
  assert.equal(tomas.gender, 'male');
  assert.equal(
    castNamed(a, 'Saint Brigid'),
    undefined,
    'an emphasised boat name is not a character',
  );
  assert.equal(castNamed(a, 'Brigid'), undefined);

  assert.ok(a.scenes.length >= 4 && a.scenes.length <= 8, `${a.scenes.length} scenes`);
  const first = a.scenes[0]!;
  const last = a.scenes[a.scenes.length - 1]!;
  assert.match(first.location?.name ?? '', /lighthouse/i);
  assert.equal(first.timeOfDay, 'dusk');
  assert.equal(last.timeOfDay, 'sunrise');
  assert.equal(a.scenes[1]!.title, 'Down in the village');

  const said = (text: string) =>
    castName(
      a,
      a.scenes.flatMap((s) => s.dialogue).find((d) => d.text.startsWith(text))!.speakerId,
    );
  assert.equal(said('Not tonight'), 'Mara Quinn');
  assert.equal(said('The Brigid'), 'Tomas Reyes');
  assert.equal(said('She never came back'), 'Tomas Reyes');
  assert.equal(said('Then the light'), 'Mara Quinn');
  assert.equal(said("It's them"), 'Tomas Reyes');
  assert.deepEqual(
    a.acts.map((x) => x.label),
    ['setup', 'confrontation', 'resolution'],
  );
});

test('le-prince.fr.md: French, Alexandre leads, Élise and the king, French speaking rate', async () => {
  const text = sharedFixture('le-prince.fr.md');
  const a = await analyzeScript(text);
  assert.equal(a.language, 'fr');
  const alexandre = castNamed(a, 'Alexandre');
  const elise = castNamed(a, 'Élise');
  const king = a.cast.find((c) => /roi/i.test(c.name));
  assert.ok(alexandre && elise && king);
  assert.equal(alexandre.role, 'protagonist');
  assert.ok(alexandre.aliases.includes('le prince'), '"un jeune prince nommé Alexandre"');
  assert.equal(alexandre.visual, 'young prince');
  assert.equal(elise.gender, 'female');
  assert.equal(king.kind, 'role');
  assert.match(king.visual, /king/);
  assert.ok(a.scenes.length >= 4 && a.scenes.length <= 8, `${a.scenes.length} scenes`);

  assert.equal(a.stats.speakingWordsPerMinute, 135);
  const asEnglish = analyzeScriptSync(text, { language: 'en' });
  assert.ok(
    a.stats.durationSec > asEnglish.stats.durationSec,
    'the same words take longer at the French speaking rate',
  );

  const said = (text: string) =>
    castName(
      a,
      a.scenes.flatMap((s) => s.dialogue).find((d) => d.text.startsWith(text))!.speakerId,
    );
  assert.equal(said('Que les dieux'), king.name);
  assert.equal(said('Tu cherches'), 'Élise');
  assert.equal(said('Les arbres'), 'Élise');

  // Image prompts are English whatever the script's language.
  const prompts = a.scenes.map((s) => s.prompt).join(' ');
  assert.doesNotMatch(prompts, /\b(?:forêt|château|grotte|le|la|les|une|des)\b/);
  assert.match(prompts, /forest/);
  assert.match(prompts, /castle/);
  assert.match(prompts, /blue cave/);
});

test('the core runs without the NLP libraries and finds the same structure', () => {
  for (const name of [
    'night-market.fountain',
    'explainer.en.md',
    'lighthouse.en.md',
    'le-prince.fr.md',
  ]) {
    const a = analyzeScriptSync(sharedFixture(name));
    assert.ok(a.scenes.length >= 3, name);
  }
  const lighthouse = analyzeScriptSync(sharedFixture('lighthouse.en.md'));
  assert.equal(lighthouse.cast[0]?.name, 'Mara Quinn');
  assert.ok(castNamed(lighthouse, 'Tomas'));
  const prince = analyzeScriptSync(sharedFixture('le-prince.fr.md'));
  assert.equal(prince.cast[0]?.name, 'Alexandre');
  assert.ok(castNamed(prince, 'Élise'));
});
