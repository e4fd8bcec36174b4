import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AnalysisInputError,
  analyzeScript,
  analyzeScriptSync,
  type AnalyzeOptions,
} from './index.ts';
import { castName, castNamed, sharedFixture } from './test-support.ts';

function inputError(fn: () => unknown, field: string) {
  assert.throws(fn, (e: unknown) => e instanceof AnalysisInputError && e.field === field);
}

test('empty or blank text is a clear error naming the text', async () => {
  inputError(() => analyzeScriptSync(''), 'text');
  inputError(() => analyzeScriptSync(' \n\r\n\t '), 'text');
  inputError(() => analyzeScriptSync('🌊 🎉 ✨'), 'text');
  inputError(() => analyzeScriptSync(42 as unknown as string), 'text');
  await assert.rejects(
    analyzeScript(''),
    (e: unknown) => e instanceof AnalysisInputError && e.field === 'text',
  );
});

test('bad options are clear errors naming the option', () => {
  const bad: [AnalyzeOptions, string][] = [
    [{ format: 'poem' as never }, 'format'],
    [{ language: 'de' as never }, 'language'],
    [{ stylePreset: 'pastel' as never }, 'stylePreset'],
    [{ targetScenes: 0 }, 'targetScenes'],
    [{ targetScenes: 2.5 }, 'targetScenes'],
    [{ minWordsPerScene: 0 }, 'minWordsPerScene'],
    [{ minWordsPerScene: 50, maxWordsPerScene: 10 }, 'maxWordsPerScene'],
  ];
  for (const [options, field] of bad)
    inputError(() => analyzeScriptSync('Some text.', options), field);
});

test('one 200 KB line without punctuation is cut into bounded scenes with a warning', () => {
  const words = ['river', 'stone', 'light', 'north', 'wind', 'salt', 'ember', 'glass'];
  let line = '';
  for (let i = 0; line.length < 200_000; i++) line += `${words[i % words.length]} `;
  const a = analyzeScriptSync(line);
  assert.ok(a.scenes.length > 10);
  for (const s of a.scenes) assert.ok(s.wordCount <= 160, `scene of ${s.wordCount} words`);
  assert.ok(a.warnings.some((w) => /punctuation/.test(w)));
  assert.ok(
    a.warnings.some((w) => /language/.test(w)),
    'no frequent words: the language is a guess',
  );
});

test('one 200 KB word is still one scene, not a crash', () => {
  const a = analyzeScriptSync('x'.repeat(200_000));
  assert.equal(a.scenes.length, 1);
  assert.ok(a.scenes[0]!.narration.length <= 20_000);
});

test('a script of dialogue only keeps every line and its speaker', () => {
  const tagged = analyzeScriptSync(
    'MARA: Are you there?\nTOMAS: Always.\nMARA: Then light the lamp.\nTOMAS: It is lit.',
  );
  assert.equal(tagged.scenes.length, 1);
  assert.deepEqual(
    tagged.scenes[0]!.dialogue.map((d) => [castName(tagged, d.speakerId), d.text]),
    [
      ['Mara', 'Are you there?'],
      ['Tomas', 'Always.'],
      ['Mara', 'Then light the lamp.'],
      ['Tomas', 'It is lit.'],
    ],
  );
  assert.ok(tagged.scenes[0]!.durationSec >= 3);

  const cues = analyzeScriptSync('MARA\nAre you there?\n\nTOMAS\n(softly)\nAlways.\n');
  assert.equal(cues.format, 'screenplay');
  assert.equal(cues.scenes[0]!.dialogue[1]!.parenthetical, 'softly');
  assert.ok(cues.warnings.some((w) => /sluglines/.test(w)));

  const quotes = analyzeScriptSync('"Are you there?"\n\n"Always."\n\n"Then light the lamp."');
  assert.equal(quotes.scenes[0]!.dialogue.length, 3);
  assert.ok(quotes.warnings.some((w) => /speaker/.test(w)));
});

test('emoji and mixed scripts do not break names, places or counts', () => {
  const a = analyzeScriptSync(
    'Mara 🌊 walked to the 海 harbour at dusk. Мара смотрела на море. Mara smiled 😊 at Tomas.\n\n' +
      'Tomas waved. «Привет», said Tomas. 🎉🎉 👩‍👩‍👧',
  );
  assert.equal(a.scenes.length, 1);
  assert.equal(a.scenes[0]!.timeOfDay, 'dusk');
  assert.ok(castNamed(a, 'Tomas'));
  assert.deepEqual(JSON.parse(JSON.stringify(a)), a);
});

test('Windows line endings and a BOM give the same analysis as plain LF', () => {
  const lf = sharedFixture('night-market.fountain');
  const crlf = '\uFEFF' + lf.replace(/\n/g, '\r\n');
  assert.deepEqual(analyzeScriptSync(crlf), analyzeScriptSync(lf));
  const prose = sharedFixture('lighthouse.en.md');
  assert.deepEqual(analyzeScriptSync(prose.replace(/\n/g, '\r\n')), analyzeScriptSync(prose));
});

test('the result is plain JSON and deterministic', () => {
  for (const name of [
    'night-market.fountain',
    'explainer.en.md',
    'lighthouse.en.md',
    'le-prince.fr.md',
  ]) {
    const text = sharedFixture(name);
    const a = analyzeScriptSync(text);
    assert.deepEqual(JSON.parse(JSON.stringify(a)), a, `${name} survives a JSON round trip`);
    assert.deepEqual(analyzeScriptSync(text), a, `${name} analyses the same twice`);
  }
});

test('unbalanced quotes and stray marks do not swallow the text', () => {
  const a = analyzeScriptSync(
    'He said "hello and then left.\n\nShe stayed « there.\n\nBy dusk the rain stopped.',
  );
  assert.ok(a.scenes.length >= 1);
  assert.equal(a.scenes[0]!.narration.includes('By dusk the rain stopped.'), true);
});

test('a forced format on the wrong text still answers, with a warning', () => {
  const a = analyzeScriptSync('Mara walked to the harbour. Tomas followed her.', {
    format: 'screenplay',
  });
  assert.equal(a.format, 'screenplay');
  assert.equal(a.formatOverridden, true);
  assert.equal(a.scenes.length, 1);
  assert.ok(a.warnings.some((w) => /looks like prose/.test(w)));
});

test('titled names keep their title and dot: "Mr. Smith", "Mrs. Patel"', () => {
  const a = analyzeScriptSync(
    'Mr. Smith opened the bakery at six. Mrs. Patel was already waiting outside. "You\'re late," said Mrs. Patel.\n\n' +
      'That afternoon, in the park, Mr. Smith fed the pigeons while Dr. Alvarez read the paper.',
  );
  assert.deepEqual(a.cast.map((c) => c.name).sort(), ['Dr. Alvarez', 'Mr. Smith', 'Mrs. Patel']);
  assert.equal(castName(a, a.scenes[0]!.dialogue[0]!.speakerId), 'Mrs. Patel');
});

test('pathological shapes finish: long blank runs, a list of names, thousands of breaks', () => {
  const spaces = analyzeScriptSync(`Mara waited${' '.repeat(300_000)}at dusk.`);
  assert.equal(spaces.scenes.length, 1);
  assert.equal(spaces.scenes[0]!.timeOfDay, 'dusk');

  let names = '';
  for (let i = 0; i < 300; i++) {
    const first = `${String.fromCharCode(65 + (i % 26))}${'aeiou'[i % 5]}${'lmnrst'[((i / 5) % 6) | 0]}a`;
    names += `Then ${first} ${String.fromCharCode(65 + ((i * 7) % 26))}ork met the others. `;
  }
  const list = analyzeScriptSync(names);
  assert.equal(list.cast.length, 100, 'a list of names is not a cast of hundreds');
  assert.ok(list.warnings.some((w) => /most present were kept/.test(w)));

  const breaks = analyzeScriptSync('Rain fell on the roofs.\n\n***\n\n'.repeat(20_000), {
    targetScenes: 5,
  });
  assert.equal(breaks.scenes.length, 5);
});
