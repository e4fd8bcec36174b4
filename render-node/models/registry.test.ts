import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PIPELINES } from '../../shared/models/pipelines.ts';
import { compare, modelHash, scanModelsDir, verifyModelFolder } from './registry.ts';
import { tinyPiperGraph, writeTinyPiperVoice } from './testing/tiny-piper.ts';

async function tempDir(t: { after: (fn: () => Promise<void>) => void }) {
  const dir = await mkdtemp(join(tmpdir(), 'montage-models-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('a complete voice folder is usable, with its hash and voice details', async (t) => {
  const dir = join(await tempDir(t), 'en_US-tiny-test');
  const manifest = await writeTinyPiperVoice(dir);
  const { status, model } = await verifyModelFolder(dir, { expectId: 'en_US-tiny-test' });
  assert.equal(status.usable, true, status.problem);
  assert.equal(status.language, 'en_US');
  assert.equal(status.kind, 'voice');
  assert.equal(model?.hash, modelHash(manifest));
  assert.match(model!.hash, /^[0-9a-f]{64}$/);
  assert.equal(model?.dir, dir);
});

test('the model hash covers the file hashes, whatever their order', () => {
  const a = { files: [{ sha256: '1'.repeat(64) }, { sha256: '2'.repeat(64) }] };
  const b = { files: [{ sha256: '2'.repeat(64) }, { sha256: '1'.repeat(64) }] };
  const c = { files: [{ sha256: '1'.repeat(64) }, { sha256: '3'.repeat(64) }] };
  assert.equal(modelHash(a as never), modelHash(b as never));
  assert.notEqual(modelHash(a as never), modelHash(c as never));
});

test('a bad hash names the model and the file', async (t) => {
  const dir = join(await tempDir(t), 'v');
  await writeTinyPiperVoice(dir, { id: 'v' });
  await writeFile(join(dir, 'v.onnx.json'), '{"changed": true}');
  const { status, model } = await verifyModelFolder(dir);
  assert.equal(model, undefined);
  assert.equal(status.usable, false);
  assert.match(
    status.problem!,
    /model "v": file "v\.onnx\.json" \(config\): sha256 is [0-9a-f]{64}, the manifest says/,
  );
});

test('a missing file names the model and the file', async (t) => {
  const dir = join(await tempDir(t), 'v');
  await writeTinyPiperVoice(dir, { id: 'v' });
  await unlink(join(dir, 'v.onnx'));
  const { status } = await verifyModelFolder(dir);
  assert.equal(status.usable, false);
  assert.match(status.problem!, /model "v": file "v\.onnx" \(model\): missing/);
});

test('a graph whose inputs differ from the pipeline names the model, file and input', async (t) => {
  const dir = join(await tempDir(t), 'v');
  await writeTinyPiperVoice(dir, { id: 'v', graph: tinyPiperGraph({ inputName: 'text' }) });
  const { status } = await verifyModelFolder(dir);
  assert.equal(status.usable, false);
  assert.match(status.problem!, /model "v": file "v\.onnx" \(model\): graph does not match model:/);
  assert.match(status.problem!, /input "input" is missing/);
  assert.match(status.problem!, /input "text" is not one the pipeline feeds/);
});

test('a file that is not an ONNX graph, or a config that is not JSON, is named', async (t) => {
  const root = await tempDir(t);
  await writeTinyPiperVoice(join(root, 'a'), {
    id: 'a',
    graph: new TextEncoder().encode('not onnx'),
  });
  const a = await verifyModelFolder(join(root, 'a'));
  assert.match(a.status.problem!, /model "a": file "a\.onnx" \(model\): not a loadable ONNX graph/);
  await writeTinyPiperVoice(join(root, 'b'), { id: 'b', configText: '{oops' });
  const b = await verifyModelFolder(join(root, 'b'));
  assert.match(b.status.problem!, /model "b": file "b\.onnx\.json" \(config\): not JSON/);
});

test('a bad manifest names the model folder and manifest.json', async (t) => {
  const root = await tempDir(t);
  const missing = await verifyModelFolder(join(root, 'nothing-here'));
  assert.equal(missing.status.usable, false);
  assert.equal(missing.status.problem, 'model "nothing-here": manifest.json: missing');

  await writeTinyPiperVoice(join(root, 'broken'), { id: 'broken' });
  await writeFile(join(root, 'broken', 'manifest.json'), '{ not json');
  const broken = await verifyModelFolder(join(root, 'broken'));
  assert.match(broken.status.problem!, /^model "broken": manifest\.json: not JSON/);

  const manifest = await writeTinyPiperVoice(join(root, 'invalid'), { id: 'invalid' });
  await writeFile(
    join(root, 'invalid', 'manifest.json'),
    JSON.stringify({ ...manifest, files: [{ ...manifest.files[0], path: '../escape.onnx' }] }),
  );
  const invalid = await verifyModelFolder(join(root, 'invalid'));
  assert.match(
    invalid.status.problem!,
    /^model "invalid": manifest\.json: invalid \(files\.0\.path: must be a relative path/,
  );
  assert.equal(invalid.status.kind, 'voice');
});

test('a manifest that leaves out a role or lies about its id or kind is refused', async (t) => {
  const root = await tempDir(t);
  const manifest = await writeTinyPiperVoice(join(root, 'v'), { id: 'v' });
  await writeFile(
    join(root, 'v', 'manifest.json'),
    JSON.stringify({ ...manifest, files: manifest.files.filter((f) => f.role !== 'config') }),
  );
  const noConfig = await verifyModelFolder(join(root, 'v'));
  assert.match(noConfig.status.problem!, /no file for role "config" \(piper-vits needs it\)/);

  await writeTinyPiperVoice(join(root, 'w'), { id: 'w' });
  const renamed = await verifyModelFolder(join(root, 'w'), { expectId: 'other' });
  assert.match(renamed.status.problem!, /id does not match its folder "other"/);

  await writeFile(
    join(root, 'v', 'manifest.json'),
    JSON.stringify({
      ...manifest,
      kind: 'image',
      image: { nativeSize: 512, steps: 1, guidance: 0 },
    }),
  );
  const wrongKind = await verifyModelFolder(join(root, 'v'));
  assert.match(wrongKind.status.problem!, /pipeline "piper-vits" makes voices, not images/);
});

test('a listed file that is a link is refused (the files must be the folder’s own)', async (t) => {
  const root = await tempDir(t);
  await writeTinyPiperVoice(join(root, 'v'), { id: 'v' });
  const real = join(root, 'elsewhere.json');
  await writeFile(real, await readFile(join(root, 'v', 'v.onnx.json')));
  await unlink(join(root, 'v', 'v.onnx.json'));
  await symlink(real, join(root, 'v', 'v.onnx.json'));
  const { status } = await verifyModelFolder(join(root, 'v'));
  assert.match(status.problem!, /file "v\.onnx\.json" \(config\): not a plain file/);
});

test('scanning MODELS_DIR lists every folder, usable or not, and skips hidden ones', async (t) => {
  const root = await tempDir(t);
  assert.deepEqual(await scanModelsDir(join(root, 'absent')), []);
  await writeTinyPiperVoice(join(root, 'good'), { id: 'good' });
  await writeTinyPiperVoice(join(root, 'bad'), { id: 'bad' });
  await unlink(join(root, 'bad', 'bad.onnx'));
  await writeTinyPiperVoice(join(root, '.tmp-add-1'), { id: 'half-copied' });
  const models = await scanModelsDir(root);
  assert.deepEqual(
    models.map((m) => [m.status.id, m.status.usable]),
    [
      ['bad', false],
      ['good', true],
    ],
  );
});

test('signature comparison accepts listed types and ranks, optional inputs may be absent (pure)', () => {
  const [graph] = PIPELINES['piper-vits'].graphs;
  const inputs = [
    { name: 'input', type: 'int64', rank: 2 },
    { name: 'input_lengths', type: 'int64', rank: 1 },
    { name: 'scales', type: 'float32', rank: 1 },
  ];
  assert.deepEqual(compare('input', graph!.inputs, inputs), []);
  assert.deepEqual(
    compare('input', graph!.inputs, [...inputs, { name: 'sid', type: 'int64', rank: 1 }]),
    [],
  );
  assert.deepEqual(
    compare('output', graph!.outputs, [{ name: 'output', type: 'float32', rank: 4 }]),
    [],
  );
  assert.deepEqual(
    compare('output', graph!.outputs, [{ name: 'output', type: 'float16', rank: 2 }]),
    ['output "output" is float16, expected float32', 'output "output" has rank 2, expected 3 or 4'],
  );
});
