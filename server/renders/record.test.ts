import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RenderOutput } from '../../shared/render/render-output.ts';
import { finishedDetail, persistDue, recordUnitFraction, unitKey } from './record.ts';
import type { RenderDetail } from './render-summary.ts';

const detail = (): RenderDetail => ({
  units: [
    { stage: 'plan', sceneId: null, weight: 1 },
    { stage: 'segment', sceneId: 's1', weight: 4 },
  ],
  sceneIds: ['s1'],
  unitFractions: {},
  output: null,
});

test('a unit’s fraction only grows: a late, lower report never moves it back', () => {
  const d = detail();
  recordUnitFraction(d, { stage: 'segment', sceneId: 's1', fraction: 0.6 });
  recordUnitFraction(d, { stage: 'segment', sceneId: 's1', fraction: 0.2 });
  assert.equal(d.unitFractions[unitKey({ stage: 'segment', sceneId: 's1' })], 0.6);
  recordUnitFraction(d, { stage: 'plan', sceneId: null, fraction: 1 });
  assert.deepEqual(d.unitFractions, { 'segment:s1': 0.6, 'plan:': 1 });
});

test('progress is persisted at most once a second', () => {
  assert.equal(persistDue(0, 5000), true, 'never persisted');
  assert.equal(persistDue(5000, 5500), false);
  assert.equal(persistDue(5000, 6000), true);
});

test('a finished render’s detail has every unit complete and its output', () => {
  const output = { durationSec: 12 } as RenderOutput;
  const fromStored = finishedDetail(detail(), undefined, output);
  assert.deepEqual(fromStored.unitFractions, { 'plan:': 1, 'segment:s1': 1 });
  assert.equal(fromStored.output, output);
  assert.deepEqual(fromStored.sceneIds, ['s1']);
  // Nothing stored yet (progress never persisted): the live detail gives the units.
  assert.deepEqual(finishedDetail(null, detail(), output).units, detail().units);
  assert.deepEqual(finishedDetail(null, undefined, output), {
    units: [],
    sceneIds: [],
    unitFractions: {},
    output,
  });
});
