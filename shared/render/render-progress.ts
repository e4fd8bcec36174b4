import type { RenderProgress, RenderStage, StageProgress } from './render-events.ts';

/**
 * Turns per-unit stage progress (what the building blocks report, possibly
 * from several render nodes) into whole-render progress with an ETA. Pure:
 * the clock is injected, so the server can aggregate events from many nodes
 * and tests need no timers.
 */

export interface ProgressUnit {
  stage: RenderStage;
  sceneId: string | null;
  /** Relative cost, e.g. in frame-equivalents; only ratios matter. */
  weight: number;
}

export interface ProgressTracker {
  /** Records an event; returns the render's progress after it. Unknown units are ignored. */
  update(event: StageProgress): RenderProgress;
  current(): RenderProgress;
}

const unitKey = (stage: RenderStage, sceneId: string | null) => `${stage}\u0000${sceneId ?? ''}`;

/** Below this share of the work done, an ETA would be noise. */
const MIN_FRACTION_FOR_ETA = 0.03;
const MIN_ELAPSED_MS_FOR_ETA = 500;

export function createProgressTracker(options: {
  renderId: string;
  units: readonly ProgressUnit[];
  now?: () => number;
}): ProgressTracker {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const weights = new Map<string, number>();
  for (const unit of options.units) {
    const key = unitKey(unit.stage, unit.sceneId);
    weights.set(key, (weights.get(key) ?? 0) + Math.max(0, unit.weight));
  }
  const total = [...weights.values()].reduce((a, b) => a + b, 0) || 1;
  const done = new Map<string, number>();
  // Work satisfied by the cache took no time; leaving it out of the rate keeps the ETA honest.
  let cachedWeight = 0;
  let last: RenderProgress = {
    renderId: options.renderId,
    stage: 'plan',
    sceneId: null,
    fraction: 0,
    etaSec: null,
  };

  function update(event: StageProgress): RenderProgress {
    const key = unitKey(event.stage, event.sceneId);
    const weight = weights.get(key);
    if (weight === undefined) return last;
    const fraction = Math.min(1, Math.max(0, event.fraction));
    const before = done.get(key) ?? 0;
    if (fraction > before) {
      done.set(key, fraction);
      if (event.cached) cachedWeight += weight * (fraction - before);
    }
    let sum = 0;
    for (const [k, f] of done) sum += (weights.get(k) ?? 0) * f;
    const overall = Math.max(last.fraction, Math.min(1, sum / total));
    last = {
      renderId: options.renderId,
      stage: event.stage,
      sceneId: event.sceneId,
      fraction: overall,
      etaSec: estimateEta(overall, cachedWeight / total, now() - startedAt),
    };
    return last;
  }

  return { update, current: () => last };
}

/** Remaining seconds at the observed rate of the work that was really done. */
export function estimateEta(fraction: number, cachedFraction: number, elapsedMs: number) {
  if (fraction >= 1) return 0;
  const worked = fraction - cachedFraction;
  if (worked < MIN_FRACTION_FOR_ETA || elapsedMs < MIN_ELAPSED_MS_FOR_ETA) return null;
  const msPerFraction = elapsedMs / worked;
  return Math.round(((1 - fraction) * msPerFraction) / 100) / 10;
}
