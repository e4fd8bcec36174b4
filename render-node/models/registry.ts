import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { modelManifestSchema, type ModelManifest } from '../../shared/models/model-manifest.ts';
import { PIPELINES, type TensorSignature } from '../../shared/models/pipelines.ts';
import type { ModelStatus } from '../../shared/render/node-capabilities.ts';
import type { InstalledModel } from '../inference/contract.ts';
import { readOnnxSignature, type GraphValue, type ReadGraphSignature } from './graph-signature.ts';

/**
 * The model registry: the folders of `MODELS_DIR`, each a model with its
 * `manifest.json`. A model is usable only when its manifest is valid, every
 * file it lists is there with the sha256 it states, its JSON files parse and
 * its ONNX graphs have the inputs and outputs its pipeline feeds and reads
 * (shared/models/pipelines.ts). Anything else makes the model unusable with
 * a message naming the model and the file; it never throws, so one broken
 * folder cannot stop a render node.
 */

export const MANIFEST_FILE = 'manifest.json';

/** MODELS_DIR, default `<DATA_DIR>/models` (./data/models): the render node and `npm run models` agree. */
export const modelsDirFrom = (env: Record<string, string | undefined>) =>
  path.resolve(env.MODELS_DIR ?? path.join(env.DATA_DIR ?? './data', 'models'));

export interface VerifiedModel {
  status: ModelStatus;
  /** Present when the model is usable. */
  model?: InstalledModel;
}

export interface VerifyOptions {
  /** The id the manifest must have (an installed model's folder name). */
  expectId?: string;
  readGraph?: ReadGraphSignature;
}

/** sha256 over the manifest's file hashes (sorted, so the order files are listed in does not count). */
export function modelHash(manifest: Pick<ModelManifest, 'files'>): string {
  const hashes = manifest.files.map((f) => f.sha256).sort();
  return createHash('sha256').update(hashes.join('\n')).digest('hex');
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Verifies one model folder; the result says why it is unusable, never throws. */
export async function verifyModelFolder(
  dir: string,
  options: VerifyOptions = {},
): Promise<VerifiedModel> {
  const folder = path.resolve(dir);
  const label = options.expectId ?? path.basename(folder);
  const manifest = await readManifest(folder);
  if ('problem' in manifest) {
    return {
      status: unusableStatus(label, manifest.raw, `model "${label}": ${manifest.problem}`),
    };
  }
  const m = manifest.manifest;
  const problems = await checkModel(folder, m, options);
  const status = statusOf(m, problems.length ? problems.join('; ') : undefined);
  if (problems.length) return { status };
  return { status, model: { manifest: m, dir: folder, hash: status.hash } };
}

/** Every model folder under `modelsDir` (hidden and temporary folders skipped); none when it does not exist. */
export async function scanModelsDir(
  modelsDir: string,
  options: Pick<VerifyOptions, 'readGraph'> = {},
): Promise<VerifiedModel[]> {
  let entries;
  try {
    entries = await readdir(modelsDir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const folders = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  const models: VerifiedModel[] = [];
  // One at a time: hashing and loading graphs of several models at once only competes for the disk.
  for (const name of folders) {
    models.push(
      await verifyModelFolder(path.join(modelsDir, name), { ...options, expectId: name }),
    );
  }
  return models;
}

/** The status of a model (pure): what the heartbeat and `models list` report. */
export function statusOf(manifest: ModelManifest, problem?: string): ModelStatus {
  return {
    id: manifest.id,
    kind: manifest.kind,
    pipeline: manifest.pipeline,
    name: manifest.name,
    hash: modelHash(manifest),
    usable: !problem,
    ...(problem ? { problem } : {}),
    loaded: false,
    ...(manifest.voice
      ? { language: manifest.voice.language, speaker: manifest.voice.speaker }
      : {}),
    ...(manifest.image ? { nativeSize: manifest.image.nativeSize } : {}),
    runs: 0,
  };
}

type ManifestRead = { manifest: ModelManifest } | { problem: string; raw: unknown };

async function readManifest(folder: string): Promise<ManifestRead> {
  let text: string;
  try {
    text = await readFile(path.join(folder, MANIFEST_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      problem: `${MANIFEST_FILE}: ${code === 'ENOENT' ? 'missing' : `unreadable (${code})`}`,
      raw: null,
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { problem: `${MANIFEST_FILE}: not JSON (${(error as Error).message})`, raw: null };
  }
  const parsed = modelManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join(', ');
    return { problem: `${MANIFEST_FILE}: invalid (${issues})`, raw };
  }
  return { manifest: parsed.data };
}

/** Every problem of a model whose manifest parsed, each naming the model and, where one is at fault, the file. */
async function checkModel(
  folder: string,
  manifest: ModelManifest,
  options: VerifyOptions,
): Promise<string[]> {
  const at = (what: string) => `model "${manifest.id}": ${what}`;
  const problems: string[] = [];
  if (options.expectId !== undefined && manifest.id !== options.expectId) {
    problems.push(
      at(`${MANIFEST_FILE}: id does not match its folder "${options.expectId}" (MODELS_DIR/<id>)`),
    );
  }
  const spec = PIPELINES[manifest.pipeline];
  if (spec.kind !== manifest.kind) {
    problems.push(
      at(`${MANIFEST_FILE}: pipeline "${spec.id}" makes ${spec.kind}s, not ${manifest.kind}s`),
    );
  }
  const byRole = new Map<string, ModelManifest['files'][number]>();
  for (const file of manifest.files) {
    if (byRole.has(file.role)) {
      problems.push(at(`${MANIFEST_FILE}: role "${file.role}" is listed twice`));
    }
    byRole.set(file.role, file);
  }
  for (const role of [...spec.graphs, ...spec.files.filter((f) => !f.optional)]) {
    if (!byRole.has(role.role)) {
      problems.push(at(`${MANIFEST_FILE}: no file for role "${role.role}" (${spec.id} needs it)`));
    }
  }

  const realFolder = await realpath(folder);
  for (const file of manifest.files) {
    const where = (what: string) => at(`file "${file.path}" (${file.role}): ${what}`);
    const full = path.join(folder, file.path);
    const present = await presentFile(full, realFolder);
    if (present) {
      problems.push(where(present));
      continue;
    }
    const actual = await sha256File(full);
    if (actual !== file.sha256) {
      problems.push(where(`sha256 is ${actual}, the manifest says ${file.sha256}`));
      continue;
    }
    const graph = spec.graphs.find((g) => g.role === file.role);
    const fileRole = spec.files.find((f) => f.role === file.role);
    if (graph) {
      const mismatch = await graphProblem(full, graph, options.readGraph ?? readOnnxSignature);
      if (mismatch) problems.push(where(mismatch));
    } else if (fileRole?.format === 'json') {
      try {
        JSON.parse(await readFile(full, 'utf8'));
      } catch (error) {
        problems.push(where(`not JSON (${(error as Error).message})`));
      }
    }
  }
  return problems;
}

/** Why a listed file cannot be used (missing, not a plain file, outside the folder), or null. */
async function presentFile(full: string, realFolder: string): Promise<string | null> {
  let stat;
  try {
    stat = await lstat(full);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? 'missing'
      : `unreadable (${(error as NodeJS.ErrnoException).code})`;
  }
  // A link could point anywhere on the node; the files must be the folder's own.
  if (!stat.isFile()) return 'not a plain file (links are refused)';
  const real = await realpath(full);
  if (!real.startsWith(realFolder + path.sep)) return 'outside the model folder';
  return null;
}

async function graphProblem(
  file: string,
  role: (typeof PIPELINES)[keyof typeof PIPELINES]['graphs'][number],
  readGraph: ReadGraphSignature,
): Promise<string | null> {
  let signature;
  try {
    signature = await readGraph(file);
  } catch (error) {
    return `not a loadable ONNX graph (${firstLine((error as Error).message)})`;
  }
  const issues = [
    ...compare('input', role.inputs, signature.inputs),
    ...compare('output', role.outputs, signature.outputs),
  ];
  return issues.length ? `graph does not match ${role.role}: ${issues.join(', ')}` : null;
}

/** How a graph's values differ from what the pipeline expects (pure). */
export function compare(
  side: 'input' | 'output',
  expected: readonly TensorSignature[],
  actual: readonly GraphValue[],
): string[] {
  const issues: string[] = [];
  for (const want of expected) {
    const got = actual.find((v) => v.name === want.name);
    if (!got) {
      if (!want.optional) issues.push(`${side} "${want.name}" is missing`);
      continue;
    }
    if (!(want.types as string[]).includes(got.type)) {
      issues.push(`${side} "${want.name}" is ${got.type}, expected ${want.types.join(' or ')}`);
    }
    const ranks = Array.isArray(want.rank) ? want.rank : [want.rank];
    if (got.rank !== undefined && !ranks.includes(got.rank)) {
      issues.push(`${side} "${want.name}" has rank ${got.rank}, expected ${ranks.join(' or ')}`);
    }
  }
  // The pipeline feeds only the inputs it knows; a graph needing another one cannot run.
  if (side === 'input') {
    for (const got of actual) {
      if (!expected.some((e) => e.name === got.name)) {
        issues.push(`input "${got.name}" is not one the pipeline feeds`);
      }
    }
  }
  return issues;
}

/** A status for a folder whose manifest cannot be read: what the raw JSON says, where it says it. */
function unusableStatus(label: string, raw: unknown, problem: string): ModelStatus {
  const record = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const pipeline =
    typeof record.pipeline === 'string' && record.pipeline in PIPELINES
      ? PIPELINES[record.pipeline as keyof typeof PIPELINES]
      : undefined;
  // With no readable pipeline the kind is unknown; such a model is never offered, only listed.
  return {
    id: label,
    kind: pipeline?.kind ?? (record.kind === 'voice' ? 'voice' : 'image'),
    pipeline: pipeline?.id ?? (record.kind === 'voice' ? 'piper-vits' : 'sd-turbo'),
    name: typeof record.name === 'string' ? record.name.slice(0, 120) : label,
    hash: '',
    usable: false,
    problem,
    loaded: false,
    runs: 0,
  };
}

const firstLine = (text: string) => text.split('\n')[0]!.slice(0, 300);
