import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

/**
 * The rules of .dependency-cruiser.cjs, each shown breaking on a tiny tree
 * that has exactly one offending import, so a rule that silently stops
 * matching (a path typo, an import the resolver cannot follow) fails here.
 */
describe('dependency rules', () => {
  let workspace: string;
  let cases = 0;

  before(async () => {
    workspace = await mkdtemp(path.join(tmpdir(), 'montage-deps-'));
  });
  after(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  /**
   * Writes `files` (path → source) as a fresh repository root with the real
   * rules and tsconfig.json, runs the checker over its top folders as
   * `npm run deps` does, and returns its exit code and output.
   */
  async function checkTree(files: Record<string, string>) {
    const root = path.join(workspace, `case-${++cases}`);
    for (const [file, source] of Object.entries(files)) {
      await mkdir(path.join(root, path.dirname(file)), { recursive: true });
      await writeFile(path.join(root, file), source);
    }
    for (const config of ['.dependency-cruiser.cjs', 'tsconfig.json']) {
      await copyFile(path.join(ROOT, config), path.join(root, config));
    }
    // A package in the tree (node_modules/…) is an import target, never a folder to check.
    const folders = [...new Set(Object.keys(files).map((file) => file.split('/')[0]!))].filter(
      (folder) => folder !== 'node_modules',
    );
    const args = [
      DEPCRUISE,
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'err',
      ...folders,
    ];
    return new Promise<{ code: number; output: string }>((resolve) => {
      execFile(process.execPath, args, { cwd: root }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      });
    });
  }

  /** Asserts the checker refuses `files`, naming `rule` and the offending `from → to` path. */
  async function assertRefused(files: Record<string, string>, rule: string, offending: string) {
    const { code, output } = await checkTree(files);
    assert.notEqual(code, 0, `the checker accepted ${offending}:\n${output}`);
    assert.match(output, new RegExp(`error ${rule}: `), output);
    assert.ok(output.includes(offending), `the output does not name ${offending}:\n${output}`);
  }

  test('a tree that follows every rule passes', async () => {
    const { code, output } = await checkTree({
      'shared/ids.ts': "export const id = 'x';\n",
      'shared/node/store.ts': "import { id } from '../ids.ts';\nexport const store = id;\n",
      'server/index.ts':
        "import { store } from '../shared/node/store.ts';\nexport const web = store;\n",
      'render-node/index.ts':
        "import { store } from '../shared/node/store.ts';\nexport const node = store;\n",
      'app/routes/home.tsx':
        "import { loader } from '../lib/data.server.ts';\nexport const page = loader;\n",
      'app/lib/data.server.ts':
        "import { web } from '../../server/index.ts';\nexport const loader = web;\n",
    });
    assert.equal(code, 0, output);
    assert.match(output, /no dependency violations found/);
  });

  test('an import cycle fails with the cycle path', async () => {
    await assertRefused(
      {
        'shared/a.ts': "import type { B } from './b.ts';\nexport type A = { b?: B };\n",
        'shared/b.ts': "import type { A } from './a.ts';\nexport type B = { a?: A };\n",
      },
      'no-circular',
      'shared/a.ts',
    );
  });

  test('pure shared/ importing a process or shared/node/ fails', async () => {
    await assertRefused(
      {
        'shared/limits.ts':
          "import { web } from '../server/index.ts';\nexport const limit = web;\n",
        'server/index.ts': 'export const web = 1;\n',
      },
      'shared-is-pure',
      'shared/limits.ts → server/index.ts',
    );
    await assertRefused(
      {
        'shared/limits.ts':
          "import { store } from './node/store.ts';\nexport const limit = store;\n",
        'shared/node/store.ts': 'export const store = 1;\n',
      },
      'shared-is-pure',
      'shared/limits.ts → shared/node/store.ts',
    );
  });

  test('shared/node/ importing a process fails', async () => {
    await assertRefused(
      {
        'shared/node/store.ts':
          "import { node } from '../../render-node/index.ts';\nexport const store = node;\n",
        'render-node/index.ts': 'export const node = 1;\n',
      },
      'shared-node-serves-processes',
      'shared/node/store.ts → render-node/index.ts',
    );
  });

  test('app/ importing shared/node/ fails', async () => {
    await assertRefused(
      {
        'app/lib/media.server.ts':
          "import { store } from '../../shared/node/store.ts';\nexport const media = store;\n",
        'shared/node/store.ts': 'export const store = 1;\n',
      },
      'app-not-shared-node',
      'app/lib/media.server.ts → shared/node/store.ts',
    );
  });

  test('server/ and render-node/ importing each other fails', async () => {
    await assertRefused(
      {
        'server/services.ts':
          "import { node } from '../render-node/index.ts';\nexport const services = node;\n",
        'render-node/index.ts': 'export const node = 1;\n',
      },
      'server-not-render-node',
      'server/services.ts → render-node/index.ts',
    );
    await assertRefused(
      {
        'render-node/index.ts':
          "import type { Row } from '../server/db/schema.ts';\nexport type Node = Row;\n",
        'server/db/schema.ts': 'export type Row = { id: string };\n',
      },
      'render-node-not-server',
      'render-node/index.ts → server/db/schema.ts',
    );
  });

  test('app/ reaching server/ outside a *.server.ts module fails, even for a type', async () => {
    await assertRefused(
      {
        'app/components/members.tsx':
          "import type { Role } from '../../server/db/schema.ts';\nexport type Member = Role;\n",
        'server/db/schema.ts': "export type Role = 'owner';\n",
      },
      'app-reaches-server-only-from-server-modules',
      'app/components/members.tsx → server/db/schema.ts',
    );
  });

  test('onnxruntime-node outside the inference host and its pipelines fails', async () => {
    const ort = {
      'node_modules/onnxruntime-node/package.json':
        '{ "name": "onnxruntime-node", "version": "0.0.0", "main": "index.js" }\n',
      'node_modules/onnxruntime-node/index.js': 'exports.InferenceSession = {};\n',
    };
    const uses =
      "import { InferenceSession } from 'onnxruntime-node';\nexport const s = InferenceSession;\n";
    const allowed = await checkTree({
      ...ort,
      'render-node/inference/host.ts': uses,
      'render-node/engines/voice/piper/pipeline.ts': uses,
    });
    assert.equal(allowed.code, 0, allowed.output);
    await assertRefused(
      { ...ort, 'server/models.ts': uses },
      'onnxruntime-only-in-the-inference-host',
      'server/models.ts → node_modules/onnxruntime-node/index.js',
    );
    await assertRefused(
      { ...ort, 'render-node/stages/image.ts': uses },
      'onnxruntime-only-in-the-inference-host',
      'render-node/stages/image.ts → node_modules/onnxruntime-node/index.js',
    );
  });

  test('an import the checker cannot resolve fails instead of slipping past the rules', async () => {
    await assertRefused(
      { 'server/index.ts': "import { gone } from './gone.ts';\nexport const web = gone;\n" },
      'resolvable',
      'server/index.ts → ./gone.ts',
    );
  });
});
