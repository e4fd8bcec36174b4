import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { InferenceSession } from 'onnxruntime-node';
import { modelManifestSchema } from '../../../shared/models/model-manifest.ts';
import { PIPELINES, type TensorSignature } from '../../../shared/models/pipelines.ts';
import { writeTinySdTurbo } from './tiny-sd-turbo.ts';

let root: string;
before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'tiny-sd-turbo-'));
});
after(() => rm(root, { recursive: true, force: true }));

function matches(
  actual: readonly InferenceSession.ValueMetadata[],
  expected: TensorSignature[],
  what: string,
) {
  assert.deepEqual(
    actual.map((m) => m.name).sort(),
    expected.map((s) => s.name).sort(),
    `${what}: names`,
  );
  for (const signature of expected) {
    const meta = actual.find((m) => m.name === signature.name);
    assert.ok(meta?.isTensor, `${what}: ${signature.name} is a tensor`);
    assert.ok(
      (signature.types as string[]).includes(meta.type),
      `${what}: ${signature.name} is ${meta.type}`,
    );
    const ranks = typeof signature.rank === 'number' ? [signature.rank] : signature.rank;
    assert.ok(
      ranks.includes(meta.shape.length),
      `${what}: ${signature.name} has rank ${meta.shape.length}`,
    );
  }
}

for (const precision of ['fp32', 'fp16'] as const) {
  test(`${precision}: a valid manifest with the files' sha256 and SD-Turbo's graph signatures`, async () => {
    const dir = path.join(root, precision);
    const manifest = await writeTinySdTurbo(dir, { precision });
    const written = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
    assert.deepEqual(modelManifestSchema.parse(written), manifest);
    const spec = PIPELINES[manifest.pipeline];
    for (const file of manifest.files) {
      const bytes = await readFile(path.join(dir, file.path));
      assert.equal(createHash('sha256').update(bytes).digest('hex'), file.sha256, file.path);
    }
    for (const role of [...spec.graphs.map((g) => g.role), ...spec.files.map((f) => f.role)]) {
      assert.ok(
        manifest.files.some((f) => f.role === role),
        `the manifest lists a ${role} file`,
      );
    }
    for (const graph of spec.graphs) {
      const file = manifest.files.find((f) => f.role === graph.role)!;
      const session = await InferenceSession.create(path.join(dir, file.path));
      try {
        matches(session.inputMetadata, graph.inputs, `${precision} ${graph.role} inputs`);
        matches(session.outputMetadata, graph.outputs, `${precision} ${graph.role} outputs`);
      } finally {
        await session.release();
      }
    }
  });
}
