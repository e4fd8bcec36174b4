import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { modelManifestSchema } from '../../shared/models/model-manifest.ts';
import type { InstalledModel } from '../../render-node/inference/contract.ts';

/**
 * The SD-Turbo models in MODELS_DIR, for the benchmarks: each folder whose
 * manifest.json parses and names the sd-turbo pipeline. The registry
 * (render-node/models/) verifies hashes and graph signatures before a node
 * uses a model; a benchmark only reads what `npm run models -- add` already
 * checked, and says when a folder cannot be read.
 */
export async function installedImageModels(modelsDir: string): Promise<InstalledModel[]> {
  let folders: string[];
  try {
    folders = (await readdir(modelsDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
  const models: InstalledModel[] = [];
  for (const folder of folders) {
    const dir = path.resolve(modelsDir, folder);
    let manifest;
    try {
      manifest = modelManifestSchema.parse(
        JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')),
      );
    } catch (error) {
      console.warn(`${dir}: no usable manifest.json (${(error as Error).message.split('\n')[0]})`);
      continue;
    }
    if (manifest.pipeline !== 'sd-turbo') continue;
    const hash = createHash('sha256')
      .update(manifest.files.map((f) => `${f.role} ${f.sha256}\n`).join(''))
      .digest('hex');
    models.push({ manifest, dir, hash });
  }
  return models;
}
