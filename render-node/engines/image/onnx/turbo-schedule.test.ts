import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alphasCumprod, turboSchedule } from './turbo-schedule.ts';

const close = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} ≉ ${expected}`);

test('alphas_cumprod of the scaled-linear betas match diffusers', () => {
  const cumprod = alphasCumprod();
  close(cumprod[0]!, 1 - 0.00085, 1e-12, 'ᾱ_0');
  // torch: (torch.linspace(0.00085**0.5, 0.012**0.5, 1000) ** 2) → cumprod(1 - β)[999] = 0.0046600
  close(cumprod[999]!, 0.00466, 2e-6, 'ᾱ_999');
  // k-diffusion's published SD range: σ_min = 0.0292 (t = 0), σ_max = 14.6146 (t = 999).
  close(Math.sqrt((1 - cumprod[0]!) / cumprod[0]!), 0.0292, 1e-4, 'σ_0');
});

test('one step: t = 999, σ ≈ 14.61, straight to σ = 0', () => {
  const schedule = turboSchedule(1);
  assert.equal(schedule.steps.length, 1);
  const [step] = schedule.steps;
  assert.equal(step!.timestep, 999);
  close(step!.sigma, 14.6146, 1e-3, 'σ_999');
  assert.equal(step!.sigmaNext, 0);
  close(step!.inputScale, 1 / Math.sqrt(14.6146 ** 2 + 1), 1e-5, 'input scale');
  close(schedule.initNoiseSigma, 14.6146, 1e-3, 'init noise sigma');
});

test('trailing spacing for 2 and 4 steps', () => {
  assert.deepEqual(
    turboSchedule(2).steps.map((s) => s.timestep),
    [999, 499],
  );
  const four = turboSchedule(4);
  assert.deepEqual(
    four.steps.map((s) => s.timestep),
    [999, 749, 499, 249],
  );
  const cumprod = alphasCumprod();
  close(four.steps[2]!.sigma, Math.sqrt((1 - cumprod[499]!) / cumprod[499]!), 1e-12, 'σ_499');
  // σ falls step by step and each step ends where the next starts.
  for (let k = 0; k < 3; k++) {
    assert.ok(four.steps[k]!.sigma > four.steps[k + 1]!.sigma);
    assert.equal(four.steps[k]!.sigmaNext, four.steps[k + 1]!.sigma);
  }
});

test('a step count outside 1..50 is a clear error', () => {
  assert.throws(() => turboSchedule(0), /steps must be a whole number from 1 to 50/);
  assert.throws(() => turboSchedule(1.5), /got 1.5/);
});
