import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Resvg } from '@resvg/resvg-js';
import type { PictureRequest } from './engine.ts';
import { pictureRequest } from '../../test-fixtures.ts';
import { designPicture } from './procedural.ts';

/**
 * Render-level checks: frames rasterised (small) and compared by image
 * statistics, so "a café and a boat at sea look alike" would fail here.
 */

const request = (fields: Partial<PictureRequest> = {}): PictureRequest =>
  pictureRequest({ prompt: 'a fishing boat on the sea', mood: 'calm', seed: 5, ...fields });

interface Stats {
  mean: [number, number, number];
  /** 4×4×4 colour histogram, normalised to 1. */
  histogram: Float64Array;
}

function statsOf(fields: Partial<PictureRequest>): Stats {
  const { pixels } = new Resvg(designPicture(request(fields))).render();
  const histogram = new Float64Array(64);
  const mean: [number, number, number] = [0, 0, 0];
  const count = pixels.length / 4;
  for (let i = 0; i < pixels.length; i += 4) {
    const [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
    mean[0] += r / count;
    mean[1] += g / count;
    mean[2] += b / count;
    histogram[(r >> 6) * 16 + (g >> 6) * 4 + (b >> 6)]! += 1 / count;
  }
  return { mean, histogram };
}

/** Half the L1 distance of the histograms: 0 (same colours) … 1 (no colour in common). */
const histogramDistance = (a: Stats, b: Stats) =>
  a.histogram.reduce((sum, v, i) => sum + Math.abs(v - b.histogram[i]!), 0) / 2;
const meanDistance = (a: Stats, b: Stats) =>
  Math.hypot(a.mean[0] - b.mean[0], a.mean[1] - b.mean[1], a.mean[2] - b.mean[2]);

test('a café and a boat at sea make visibly different frames', () => {
  const sea = statsOf({ prompt: 'a fishing boat on the sea' });
  const cafe = statsOf({ prompt: 'a café counter with nets on the ceiling' });
  const orchard = statsOf({ prompt: 'an apple orchard at night' });
  assert.ok(histogramDistance(sea, cafe) > 0.35, `sea/café ${histogramDistance(sea, cafe)}`);
  assert.ok(
    histogramDistance(sea, orchard) > 0.35,
    `sea/orchard ${histogramDistance(sea, orchard)}`,
  );
  assert.ok(
    histogramDistance(cafe, orchard) > 0.35,
    `café/orchard ${histogramDistance(cafe, orchard)}`,
  );
  const same = statsOf({ prompt: 'a fishing boat on the sea' });
  assert.equal(histogramDistance(sea, same), 0, 'the same request rasterises to the same pixels');
});

/** Mean luminance (0..255) and its spread: how bright and how contrasted a frame is. */
function toneOf(fields: Partial<PictureRequest>): { mean: number; spread: number } {
  const { pixels } = new Resvg(designPicture(request(fields))).render();
  const values: number[] = [];
  for (let i = 0; i < pixels.length; i += 4) {
    values.push(0.2126 * pixels[i]! + 0.7152 * pixels[i + 1]! + 0.0722 * pixels[i + 2]!);
  }
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const spread = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
  return { mean, spread };
}

test('each style changes the rendering of the same scene, every pair clearly', () => {
  const styles = ['cinematic', 'watercolor', 'line-art', 'anime', '3d-render'] as const;
  for (const prompt of ['a family at sunset in a field', 'a fishing boat on the sea']) {
    const stats = styles.map((stylePreset) => statsOf({ prompt, stylePreset }));
    for (let i = 0; i < styles.length; i++) {
      for (let j = i + 1; j < styles.length; j++) {
        const distance =
          histogramDistance(stats[i]!, stats[j]!) + meanDistance(stats[i]!, stats[j]!) / 255;
        // Issue 11, second pass: 0.08 let cinematic and 3D look alike; now every pair is far apart.
        assert.ok(
          distance > 0.35,
          `${prompt}: ${styles[i]} vs ${styles[j]}: ${distance.toFixed(3)}`,
        );
      }
    }
  }
});

test('cinematic is darker and more contrasted than 3D; watercolour is light paper, not a grey veil', () => {
  for (const prompt of ['a family at sunset in a field', 'a fishing boat on the sea']) {
    const [graded, rendered] = (['cinematic', '3d-render'] as const).map((stylePreset) =>
      statsOf({ prompt, stylePreset }),
    );
    assert.ok(
      histogramDistance(graded!, rendered!) > 0.6,
      `${prompt}: cinematic and 3D share too many colours`,
    );
    const cinematic = toneOf({ prompt, stylePreset: 'cinematic' });
    const render3d = toneOf({ prompt, stylePreset: '3d-render' });
    assert.ok(
      cinematic.mean < render3d.mean - 20,
      `${prompt}: cinematic ${cinematic.mean.toFixed(0)} vs 3D ${render3d.mean.toFixed(0)}`,
    );
    const watercolour = statsOf({ prompt, stylePreset: 'watercolor' });
    const saturation = (s: Stats) => Math.max(...s.mean) - Math.min(...s.mean);
    assert.ok(
      toneOf({ prompt, stylePreset: 'watercolor' }).mean > 150,
      `${prompt}: watercolour is light`,
    );
    assert.ok(
      saturation(watercolour) > 8,
      `${prompt}: watercolour keeps its colour (${saturation(watercolour).toFixed(1)})`,
    );
  }
});

test('the same request gives the same SVG; the seed moves things', () => {
  const fields = {
    prompt: 'trois poubelles de tri et une main qui tient une bouteille',
    stylePreset: 'anime' as const,
  };
  assert.equal(designPicture(request(fields)), designPicture(request(fields)));
  assert.notEqual(designPicture(request(fields)), designPicture(request({ ...fields, seed: 6 })));
});
