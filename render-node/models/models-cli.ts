import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE, scanModelsDir, verifyModelFolder } from './registry.ts';

/**
 * `npm run models -- add <folder>` and `npm run models -- list`: installs a
 * model folder into MODELS_DIR after verifying it (manifest, sha256 of every
 * file, graph signatures), and lists what is installed. `add` copies into a
 * temporary folder inside MODELS_DIR, verifies the copy and renames it into
 * place, so a render node never sees a half-copied model; it refuses an
 * installed model of the same id with other files. Exit codes: 0 done,
 * 1 refused or a model unusable, 2 usage.
 */

export interface CliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = 'usage: npm run models -- add <folder> | list   (MODELS_DIR, default ./data/models)';

export async function runModelsCli(
  args: readonly string[],
  modelsDir: string,
  io: CliOutput,
): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'list' && rest.length === 0) return list(modelsDir, io);
  if (command === 'add' && rest.length === 1) return add(rest[0]!, modelsDir, io);
  io.err(USAGE);
  return 2;
}

async function list(modelsDir: string, io: CliOutput): Promise<number> {
  const models = await scanModelsDir(modelsDir);
  if (models.length === 0) {
    io.out(`no models in ${modelsDir}`);
    return 0;
  }
  for (const { status } of models) {
    io.out(
      [
        status.id,
        status.kind,
        status.pipeline,
        status.usable ? 'usable' : `UNUSABLE: ${status.problem}`,
      ].join('\t'),
    );
  }
  return models.every((m) => m.status.usable) ? 0 : 1;
}

async function add(folder: string, modelsDir: string, io: CliOutput): Promise<number> {
  const source = await verifyModelFolder(folder);
  if (!source.model) {
    io.err(`not installed: ${source.status.problem}`);
    return 1;
  }
  const { manifest, hash } = source.model;
  const target = path.join(modelsDir, manifest.id);
  const installed = await verifyModelFolder(target, { expectId: manifest.id });
  if (installed.status.problem !== `model "${manifest.id}": ${MANIFEST_FILE}: missing`) {
    if (installed.model?.hash === hash) {
      io.out(`${manifest.id} is already installed (${hash.slice(0, 12)})`);
      return 0;
    }
    io.err(
      `not installed: another model "${manifest.id}" is in ${target}` +
        (installed.model
          ? ` (files ${installed.model.hash.slice(0, 12)}, these ${hash.slice(0, 12)})`
          : ` (${installed.status.problem})`) +
        '; remove that folder first to replace it',
    );
    return 1;
  }
  await mkdir(modelsDir, { recursive: true });
  // Hidden: scans skip it, so a node never lists a half-copied model.
  const temp = path.join(modelsDir, `.tmp-add-${manifest.id}-${process.pid}-${Date.now()}`);
  try {
    for (const file of [...manifest.files.map((f) => f.path), MANIFEST_FILE]) {
      await mkdir(path.dirname(path.join(temp, file)), { recursive: true });
      await copyFile(path.join(source.model.dir, file), path.join(temp, file));
    }
    // The copy is what nodes will load: check it, not only the source.
    const copy = await verifyModelFolder(temp, { expectId: manifest.id });
    if (!copy.model) throw new Error(`the copy failed verification: ${copy.status.problem}`);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    io.err(
      code === 'ENOTEMPTY' || code === 'EEXIST'
        ? `not installed: "${manifest.id}" appeared in ${target} meanwhile`
        : `not installed: ${(error as Error).message}`,
    );
    return 1;
  }
  io.out(`installed ${manifest.id} (${manifest.kind}, ${manifest.pipeline}) in ${target}`);
  return 0;
}
