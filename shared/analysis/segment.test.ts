import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeScriptSync } from './index.ts';
import { sharedFixture } from './test-support.ts';

const words = (n: number, word = 'rain') => Array.from({ length: n }, () => word).join(' ') + '.';

test('a target scene count is met by splitting at the best cues', () => {
  const text = sharedFixture('lighthouse.en.md');
  for (const target of [1, 3, 6, 10]) {
    const a = analyzeScriptSync(text, { targetScenes: target });
    assert.equal(a.scenes.length, target, `target ${target}`);
  }
  const three = analyzeScriptSync(text, { targetScenes: 3 });
  assert.deepEqual(
    three.scenes.flatMap((s) => s.narration.split('\n\n')).join('\n\n').length > 0,
    true,
  );
  // Nothing lost: the scenes together hold every paragraph of the story.
  const story = text.split('\n\n').slice(1).join(' ').replace(/\s+/g, ' ').trim();
  const rebuilt = three.scenes
    .map((s) => s.narration)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  assert.equal(rebuilt.replace(/\*/g, ''), story.replace(/\*/g, ''));
});

test('a target larger than the text allows says so', () => {
  const a = analyzeScriptSync('One sentence only.', { targetScenes: 4 });
  assert.equal(a.scenes.length, 1);
  assert.ok(a.warnings.some((w) => /target 4/.test(w)));
});

test('max words per scene bounds every scene; min words keeps cues from making crumbs', () => {
  const text = sharedFixture('lighthouse.en.md');
  const small = analyzeScriptSync(text, { maxWordsPerScene: 40, minWordsPerScene: 10 });
  for (const s of small.scenes) assert.ok(s.wordCount <= 80, `${s.wordCount} words`);
  assert.ok(small.scenes.length > analyzeScriptSync(text).scenes.length);
  const big = analyzeScriptSync(text, { minWordsPerScene: 400, maxWordsPerScene: 1000 });
  assert.equal(big.scenes.length, 1);
});

test('scene breaks and chapter headings always open a scene, headings give titles', () => {
  const text = [
    'Chapter 1',
    '',
    words(30),
    '',
    '* * *',
    '',
    words(30, 'snow'),
    '',
    'Chapter 2',
    '',
    words(30, 'wind'),
  ].join('\n');
  const a = analyzeScriptSync(text);
  assert.equal(a.scenes.length, 3);
  assert.equal(a.scenes[0]!.title, 'Chapter 1');
  assert.equal(a.scenes[2]!.title, 'Chapter 2');
  assert.equal(a.scenes[0]!.transition, 'fade-black', 'a scene break fades through black');
});

test('markdown headings structure the text and title the scenes', () => {
  const text = `# Book\n\n## The harbour\n\n${words(25)}\n\n## The hill\n\n${words(25)}\n\n## The end\n\n${words(25)}`;
  const a = analyzeScriptSync(text);
  assert.equal(a.format, 'markdown');
  assert.equal(a.title, 'Book');
  assert.deepEqual(
    a.scenes.map((s) => s.title),
    ['The harbour', 'The hill', 'The end'],
  );
});

test('French time and place shifts open scenes', () => {
  const para = (start: string) => `${start}, ${words(25, 'pluie').replace('.', '')} tombait.`;
  const text = [
    para('Au lever du soleil'),
    para('Le lendemain'),
    para('Trois jours plus tard'),
    `Quand Marie revint au village, ${words(25, 'neige')}`,
  ].join('\n\n');
  const a = analyzeScriptSync(text, { language: 'fr' });
  assert.equal(a.scenes.length, 4);
  assert.deepEqual(
    a.scenes.map((s) => s.title),
    [
      'Au lever du soleil',
      'Le lendemain',
      'Trois jours plus tard',
      'Quand Marie revint au village',
    ],
  );
  assert.equal(a.scenes[0]!.timeOfDay, 'sunrise');
});

test('a reply in quotes never opens a scene', () => {
  const text = `By dusk, ${words(30)}\n\n"At dawn we leave," she said.\n\nBy midnight, ${words(30, 'snow')}`;
  const a = analyzeScriptSync(text);
  assert.equal(a.scenes.length, 2);
  assert.match(a.scenes[0]!.narration, /At dawn we leave/);
  assert.equal(a.scenes[0]!.timeOfDay, 'dusk', 'a time said aloud is not the scene time');
});
