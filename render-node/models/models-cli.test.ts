import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeTinyPiperVoice } from './testing/tiny-piper.ts';

/** `npm run models -- …` runs scripts/models.ts with the render node's environment. */
function models(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['scripts/models.ts', ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

async function setUp(t: { after: (fn: () => Promise<void>) => void }) {
  const root = await mkdtemp(join(tmpdir(), 'montage-models-cli-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  return { root, env: { MODELS_DIR: join(root, 'installed') } };
}

test('add verifies and installs a voice; list shows it; adding it again is a no-op', async (t) => {
  const { root, env } = await setUp(t);
  assert.deepEqual(models(['list'], env), {
    code: 0,
    out: `no models in ${env.MODELS_DIR}\n`,
    err: '',
  });
  await writeTinyPiperVoice(join(root, 'download'), { id: 'en_US-tiny-test' });
  const added = models(['add', join(root, 'download')], env);
  assert.equal(added.code, 0, added.err);
  assert.match(added.out, /installed en_US-tiny-test \(voice, piper-vits\)/);
  assert.deepEqual((await readdir(env.MODELS_DIR)).sort(), ['en_US-tiny-test']);
  assert.deepEqual((await readdir(join(env.MODELS_DIR, 'en_US-tiny-test'))).sort(), [
    'en_US-tiny-test.onnx',
    'en_US-tiny-test.onnx.json',
    'manifest.json',
  ]);
  const listed = models(['list'], env);
  assert.equal(listed.code, 0);
  assert.equal(listed.out, 'en_US-tiny-test\tvoice\tpiper-vits\tusable\n');
  const again = models(['add', join(root, 'download')], env);
  assert.equal(again.code, 0);
  assert.match(again.out, /already installed/);
});

test('add refuses a broken folder and another model with the same id, changing nothing', async (t) => {
  const { root, env } = await setUp(t);
  await writeTinyPiperVoice(join(root, 'one'), { id: 'v' });
  assert.equal(models(['add', join(root, 'one')], env).code, 0);

  // Same id, other files: refused, the installed one stays.
  await writeTinyPiperVoice(join(root, 'two'), { id: 'v', espeakVoice: 'fr' });
  const other = models(['add', join(root, 'two')], env);
  assert.equal(other.code, 1);
  assert.match(other.err, /another model "v" is in .*; remove that folder first/);

  await writeTinyPiperVoice(join(root, 'broken'), { id: 'w' });
  await unlink(join(root, 'broken', 'w.onnx'));
  const broken = models(['add', join(root, 'broken')], env);
  assert.equal(broken.code, 1);
  assert.match(broken.err, /not installed: model "w": file "w\.onnx" \(model\): missing/);
  assert.deepEqual(await readdir(env.MODELS_DIR), ['v'], 'nothing half-copied is left');
  assert.equal(models(['list'], env).out, 'v\tvoice\tpiper-vits\tusable\n');
});

test('list reports an unusable model with its problem and exits 1; bad usage exits 2', async (t) => {
  const { root, env } = await setUp(t);
  await writeTinyPiperVoice(join(root, 'v'), { id: 'v' });
  assert.equal(models(['add', join(root, 'v')], env).code, 0);
  await writeFile(join(env.MODELS_DIR, 'v', 'v.onnx.json'), '{}');
  const listed = models(['list'], env);
  assert.equal(listed.code, 1);
  assert.match(
    listed.out,
    /^v\tvoice\tpiper-vits\tUNUSABLE: model "v": file "v\.onnx\.json" \(config\): sha256 is/,
  );
  assert.equal(models([], env).code, 2);
  assert.match(models(['add'], env).err, /usage: npm run models -- add <folder> \| list/);
});
