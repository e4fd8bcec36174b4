import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RENDER_FAILURE_CODES } from '../../../shared/render/render-failure.ts';
import { en } from '../../i18n/en.ts';
import { fr as frCatalogue } from '../../i18n/fr.ts';
import { i18n } from '../../i18n/index.ts';
import { failureTechnicalDetail, renderFailureText } from './render-failure-text.ts';

test('every render failure code reads in English and in French', () => {
  for (const code of RENDER_FAILURE_CODES) {
    const key = `render.failure.${code}`;
    assert.ok(Object.hasOwn(en, key), `English for ${code}`);
    assert.ok(Object.hasOwn(frCatalogue, key), `French for ${code}`);
    const failure = { stage: 'segment' as const, sceneId: null, message: 'segment: x', code };
    assert.notEqual(
      renderFailureText(i18n('fr'), failure),
      renderFailureText(i18n('en'), failure),
      `French for ${code} differs from the English`,
    );
  }
});

test('a coded failure shows its cause in the user’s language and folds the node’s sentence into the detail', () => {
  const failure = {
    stage: 'segment' as const,
    sceneId: 's1',
    message: 'segment (scene s1): ffmpeg exited with code 1',
    code: 'ffmpeg-failed' as const,
    detail: 'Invalid data found when processing input',
  };
  assert.equal(renderFailureText(i18n('fr'), failure), 'L’encodage vidéo (ffmpeg) a échoué.');
  assert.equal(renderFailureText(i18n('en'), failure), 'Video encoding (ffmpeg) failed.');
  assert.equal(
    failureTechnicalDetail(failure),
    'ffmpeg exited with code 1\n\nInvalid data found when processing input',
  );
});

test('a failure without a code (or with one this UI does not know) shows the node’s sentence', () => {
  const plain = { stage: 'plan' as const, sceneId: null, message: 'plan: invalid timeline' };
  assert.equal(renderFailureText(i18n('fr'), plain), 'invalid timeline');
  assert.equal(failureTechnicalDetail(plain), '');
  const newer = { ...plain, code: 'something-new' } as unknown as typeof plain;
  assert.equal(renderFailureText(i18n('fr'), newer), 'invalid timeline');
  assert.equal(failureTechnicalDetail({ ...plain, detail: 'last line' }), 'last line');
});
