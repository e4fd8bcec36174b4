import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeScript, AnalysisInputError } from '../../shared/analysis/index.ts';
import { ApiError } from '../http/errors.ts';
import { createAnalysisPool } from './analysis-pool.ts';

const script = readFileSync(
  new URL('../../shared/analysis/fixtures/the-clockmaker.en.txt', import.meta.url),
  'utf8',
);

test('a thread gives the same analysis as the analyser in process', async (t) => {
  const pool = createAnalysisPool({ size: 1 });
  t.after(() => pool.close());
  const options = { language: 'en' } as const;
  const direct = await analyzeScript(script, options);
  assert.deepEqual(await pool.analyze(script, options), direct);
  // Serialised in the thread for the route: the same analysis as JSON text.
  assert.deepEqual(JSON.parse(await pool.analyzeJson(script, options)), direct);
});

test('bad input is the analyser’s own error, with its field and refusal', async (t) => {
  const pool = createAnalysisPool({ size: 1 });
  t.after(() => pool.close());
  await assert.rejects(pool.analyze(script, { targetScenes: -3 }), (err) => {
    assert.ok(err instanceof AnalysisInputError);
    assert.equal(err.field, 'targetScenes');
    return true;
  });
  await assert.rejects(pool.analyze(42, {}), AnalysisInputError);
});

test('the event loop stays free while a large script is analysed', async (t) => {
  // A loaded CI machine can take longer than the production time limit over 1 MB: this test is about the loop.
  const pool = createAnalysisPool({ size: 1, timeoutMs: 300_000 });
  t.after(() => pool.close());
  // About 1 MB: the fixture repeated.
  const large = script.repeat(Math.ceil(900_000 / script.length));
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 5);
  try {
    const analysis = await pool.analyze(large, { language: 'en' });
    assert.ok(analysis.scenes.length > 0);
  } finally {
    clearInterval(ticker);
  }
  // Analysed in process, the loop could not tick until the analysis ended.
  assert.ok(ticks > 0, 'timers ran during the analysis');
});

test('a full queue answers 503 at once; queued work still completes in order', async (t) => {
  const pool = createAnalysisPool({ size: 1, maxQueued: 2 });
  t.after(() => pool.close());
  const first = pool.analyze(script, {});
  const second = pool.analyze(script, {});
  const third = pool.analyze(script, {});
  await assert.rejects(pool.analyze(script, {}), (err) => {
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 503);
    return true;
  });
  const results = await Promise.all([first, second, third]);
  assert.equal(results.length, 3);
});

test('a task over its time ends its thread with 503; the next task gets a fresh thread, not a hung one', async (t) => {
  const errors: Error[] = [];
  const pool = createAnalysisPool({ size: 1, timeoutMs: 1, onThreadError: (e) => errors.push(e) });
  t.after(() => pool.close());
  await assert.rejects(pool.analyze(script.repeat(20), {}), (err) => {
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 503);
    return true;
  });
  assert.match(errors[0]!.message, /took over 1 ms/);
  await assert.rejects(pool.analyze(script, {}), (err) => err instanceof ApiError);
  assert.equal(errors.length, 2, 'a second thread was started and timed out in turn');
});
