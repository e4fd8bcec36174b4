import type { InstalledModel } from '../../render-node/inference/contract.ts';
import { scanModelsDir } from '../../render-node/models/registry.ts';

/**
 * The usable SD-Turbo models in MODELS_DIR, for the benchmarks, verified by
 * the registry exactly as a render node verifies them; an unusable one is
 * named with its problem.
 */
export async function installedImageModels(modelsDir: string): Promise<InstalledModel[]> {
  const models: InstalledModel[] = [];
  for (const { status, model } of await scanModelsDir(modelsDir)) {
    if (status.pipeline !== 'sd-turbo') continue;
    if (model) models.push(model);
    else console.warn(`${status.id}: not usable (${status.problem})`);
  }
  return models;
}
