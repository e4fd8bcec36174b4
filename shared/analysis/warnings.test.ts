import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeScriptSync } from './analyze.ts';
import { ANALYSIS_WARNINGS, analysisWarning } from './warnings.ts';

test('a warning carries its code, its parameters and the English sentence filled from them', () => {
  const warning = analysisWarning('tooFewScenes', { made: 2, target: 5 });
  assert.deepEqual(warning, {
    code: 'tooFewScenes',
    params: { made: 2, target: 5 },
    message: 'Only 2 scenes could be made (target 5): the text is too short.',
  });
  for (const code of Object.keys(ANALYSIS_WARNINGS) as (keyof typeof ANALYSIS_WARNINGS)[]) {
    assert.ok(analysisWarning(code, {}).message.length > 0, code);
  }
});

test('the analysis gives each warning as English text and, beside it, as a code with parameters', () => {
  const a = analyzeScriptSync('Le vent se lève sur la mer. La nuit tombe.', {
    format: 'screenplay',
    targetScenes: 4,
  });
  assert.deepEqual(
    a.warningDetails.map((w) => w.code),
    ['formatOverridden', 'noSluglines', 'targetScenesIgnored'],
  );
  assert.deepEqual(
    a.warnings,
    a.warningDetails.map((w) => w.message),
  );
  assert.deepEqual(a.warningDetails[0]!.params, { format: 'screenplay', detected: 'prose' });
  assert.deepEqual(a.warningDetails[2]!.params, { format: 'screenplay', count: 1 });
  assert.equal(a.warnings[0], 'Read as screenplay as requested, although it looks like prose.');
});
