/**
 * The denoising schedule for Turbo-class Stable Diffusion models: diffusers'
 * EulerDiscreteScheduler with `timestep_spacing: "trailing"` (what SD-Turbo
 * ships with), without the ancestral noise, so a seed alone fixes the image.
 *
 * The maths, as Stable Diffusion trained it (epsilon prediction):
 * - betas are "scaled linear": β_i = (√0.00085 + i/999 · (√0.012 − √0.00085))²
 *   for i = 0..999; ᾱ_t = Π_{i≤t} (1 − β_i).
 * - the noise level of timestep t is σ_t = √((1 − ᾱ_t) / ᾱ_t) (≈ 14.6 at t = 999).
 * - "trailing" spacing for n steps: t_k = round(1000 − k·1000/n) − 1, k = 0..n−1
 *   (1 step: 999; 2: 999, 499; 4: 999, 749, 499, 249), then σ = 0 at the end.
 * - latents start as N(0,1) noise × σ_max (diffusers' init_noise_sigma for
 *   "trailing" is σ_max, not √(σ_max² + 1)).
 * - each step feeds the UNet x / √(σ² + 1) and t; it predicts the noise ε;
 *   Euler moves x along dx/dσ = ε: x ← x + (σ_next − σ)·ε. With one step that
 *   is x₀ = x − σ·ε, the model's estimate of the clean latents.
 */

export const TRAIN_TIMESTEPS = 1000;
const BETA_START = 0.00085;
const BETA_END = 0.012;

/** ᾱ_t for t = 0..999, from the scaled-linear betas (computed in double precision). */
export function alphasCumprod(): Float64Array {
  const out = new Float64Array(TRAIN_TIMESTEPS);
  const a = Math.sqrt(BETA_START);
  const b = Math.sqrt(BETA_END);
  let product = 1;
  for (let i = 0; i < TRAIN_TIMESTEPS; i++) {
    const beta = (a + (i / (TRAIN_TIMESTEPS - 1)) * (b - a)) ** 2;
    product *= 1 - beta;
    out[i] = product;
  }
  return out;
}

export interface TurboStep {
  /** The timestep the UNet is told. */
  timestep: number;
  /** Noise level at this step and after it (0 after the last). */
  sigma: number;
  sigmaNext: number;
  /** Multiplies the latents before the UNet: 1 / √(σ² + 1). */
  inputScale: number;
}

export interface TurboSchedule {
  /** Multiplies N(0,1) noise into the first latents. */
  initNoiseSigma: number;
  steps: TurboStep[];
}

export const MAX_TURBO_STEPS = 50;

export function turboSchedule(stepCount: number): TurboSchedule {
  if (!Number.isInteger(stepCount) || stepCount < 1 || stepCount > MAX_TURBO_STEPS) {
    throw new Error(`steps must be a whole number from 1 to ${MAX_TURBO_STEPS} (got ${stepCount})`);
  }
  const cumprod = alphasCumprod();
  const sigmaAt = (t: number) => Math.sqrt((1 - cumprod[t]!) / cumprod[t]!);
  const ratio = TRAIN_TIMESTEPS / stepCount;
  const timesteps = Array.from(
    { length: stepCount },
    (_, k) => Math.round(TRAIN_TIMESTEPS - k * ratio) - 1,
  );
  const sigmas = [...timesteps.map(sigmaAt), 0];
  return {
    initNoiseSigma: Math.max(...sigmas),
    steps: timesteps.map((timestep, k) => ({
      timestep,
      sigma: sigmas[k]!,
      sigmaNext: sigmas[k + 1]!,
      inputScale: 1 / Math.sqrt(sigmas[k]! ** 2 + 1),
    })),
  };
}
