import { readFile } from 'node:fs/promises';
import type { MediaStore } from '../../shared/node/media-store.ts';
import type { RenderPlan } from '../stages/plan.ts';

const MAX_CACHED_PLANS = 50;

/** Reads stored plans by hash, keeping recent ones in memory (a render's scenes share one). */
export function planLoader(store: MediaStore) {
  const plans = new Map<string, RenderPlan>();
  return async function loadPlan(hash: string): Promise<RenderPlan> {
    const cached = plans.get(hash);
    if (cached) return cached;
    const plan = JSON.parse(await readFile(store.pathFor(hash, 'json'), 'utf8')) as RenderPlan;
    if (plans.size > MAX_CACHED_PLANS) plans.clear();
    plans.set(hash, plan);
    return plan;
  };
}
