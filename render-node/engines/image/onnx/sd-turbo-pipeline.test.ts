import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decode as decodePng } from 'fast-png';
import { InferenceSession } from 'onnxruntime-node';
import type { InstalledModel } from '../../../inference/contract.ts';
import { tinyInstalledModel, writeTinySdTurbo } from '../../../models/testing/tiny-sd-turbo.ts';
import { clipTokenizer } from './clip-tokenizer.ts';
import { cachedSessions, sdTurboPipeline, seededNoise } from './sd-turbo-pipeline.ts';

let root: string;
const models: Record<'fp16' | 'fp32', InstalledModel> = {} as never;
const sessions = cachedSessions((file) => InferenceSession.create(file));

before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sd-turbo-'));
  for (const precision of ['fp16', 'fp32'] as const) {
    const dir = path.join(root, precision);
    models[precision] = tinyInstalledModel(dir, await writeTinySdTurbo(dir, { precision }));
  }
});
after(async () => {
  await sessions.release();
  await rm(root, { recursive: true, force: true });
});

const request = {
  prompt: 'a red cat in the rain',
  negativePrompt: 'blurry',
  seed: 42,
  width: 96,
  height: 64,
};

const generate = (
  model: InstalledModel,
  changes: Partial<typeof request> & { steps?: number; guidance?: number } = {},
) => sdTurboPipeline(model, sessions, { ...request, ...changes });

describe('sd-turbo pipeline on the tiny graphs', () => {
  for (const precision of ['fp32', 'fp16'] as const) {
    test(`${precision}: a PNG of exactly the requested size, the same bytes for the same inputs`, async () => {
      const first = await generate(models[precision]);
      const image = decodePng(first.png);
      assert.equal(image.width, 96);
      assert.equal(image.height, 64);
      assert.equal(image.channels, 3);
      assert.deepEqual(first.steps, 1);
      assert.equal(first.guidance, 0);
      assert.ok(first.timings.unet! >= 0 && first.timings.vae! >= 0);
      const again = await generate(models[precision]);
      assert.deepEqual(Buffer.from(again.png), Buffer.from(first.png));
      // Not a flat picture: the latents reach the pixels.
      assert.ok(new Set(image.data).size > 20, 'the picture has detail');
    });

    test(`${precision}: the picture changes with the prompt, the seed and the steps`, async () => {
      const base = Buffer.from((await generate(models[precision])).png);
      for (const change of [{ prompt: 'a blue dog at night' }, { seed: 43 }, { steps: 2 }]) {
        const other = Buffer.from((await generate(models[precision], change)).png);
        assert.notDeepEqual(other, base, JSON.stringify(change));
      }
    });
  }

  test('fp16 and fp32 graphs make nearly the same picture', async () => {
    const a = decodePng((await generate(models.fp32)).png).data;
    const b = decodePng((await generate(models.fp16)).png).data;
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
    assert.ok(worst <= 8, `largest difference ${worst}`);
  });

  test('the negative prompt counts with guidance > 1 and not at ≤ 1', async () => {
    const model = models.fp32;
    const unguided = Buffer.from((await generate(model, { guidance: 1 })).png);
    const unguidedOther = Buffer.from(
      (await generate(model, { guidance: 1, negativePrompt: 'a blue dog' })).png,
    );
    assert.deepEqual(unguidedOther, unguided);
    const guided = Buffer.from((await generate(model, { guidance: 3 })).png);
    const guidedOther = Buffer.from(
      (await generate(model, { guidance: 3, negativePrompt: 'a blue dog' })).png,
    );
    assert.notDeepEqual(guidedOther, guided);
    assert.notDeepEqual(guided, unguided);
  });

  test('bad requests are clear errors', async () => {
    await assert.rejects(generate(models.fp32, { width: 100 }), /width must be a multiple of 8/);
    await assert.rejects(generate(models.fp32, { height: 4096 }), /height must be a multiple of 8/);
    await assert.rejects(generate(models.fp32, { seed: -1 }), /seed must be a whole number/);
    await assert.rejects(generate(models.fp32, { steps: 0 }), /steps must be a whole number/);
    await assert.rejects(generate(models.fp32, { guidance: NaN }), /guidance must be from 0 to 20/);
  });

  test('an abort between steps stops it before the next graph runs', async () => {
    const controller = new AbortController();
    const roles: string[] = [];
    const watching = {
      async session(model: InstalledModel, role: string) {
        roles.push(role);
        const session = await sessions.session(model, role);
        if (role !== 'unet') return session;
        // The first UNet run aborts the generation, as a cancelled render would.
        return new Proxy(session, {
          get(target, key) {
            if (key !== 'run') return Reflect.get(target, key, target);
            return async (...args: Parameters<InferenceSession['run']>) => {
              const output = await target.run(...args);
              controller.abort(new Error('render cancelled'));
              return output;
            };
          },
        });
      },
    };
    await assert.rejects(
      sdTurboPipeline(models.fp32, watching, { ...request, steps: 4 }, controller.signal),
      /render cancelled/,
    );
    assert.deepEqual(roles, ['text_encoder', 'unet']);
  });

  test('an aborted signal stops it', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await assert.rejects(
      sdTurboPipeline(models.fp32, sessions, request, controller.signal),
      /cancelled/,
    );
  });
});

test('the CLIP tokenizer: start, BPE tokens, end, then padding to the length', async () => {
  const tokenizer = await clipTokenizer(models.fp32);
  const ids = tokenizer.encode('A red CAT', 8);
  // <|startoftext|> = 536, "a</w>" = 320, "red</w>" = 519, "cat</w>" = 515, <|endoftext|> = 537, "!" (pad) = 0.
  assert.deepEqual(ids, [536, 320, 519, 515, 537, 0, 0, 0]);
  const long = tokenizer.encode('a cat '.repeat(50), 77);
  assert.equal(long.length, 77);
  assert.equal(long[0], 536);
  assert.equal(long[76], 537);
});

test('the token count comes from the text encoder graph when it fixes one', async () => {
  const dir = path.join(root, 'fixed-16');
  const model = tinyInstalledModel(
    dir,
    await writeTinySdTurbo(dir, { precision: 'fp32', id: 'tiny-16', sequence: 16 }),
  );
  // 77 ids into a graph that takes 16 would be refused by onnxruntime.
  const result = await sdTurboPipeline(model, sessions, request);
  assert.equal(decodePng(result.png).width, 96);
  // Fewer tokens of the same prompt: the mean embedding, hence the picture, differs.
  assert.notDeepEqual(Buffer.from(result.png), Buffer.from((await generate(models.fp32)).png));
});

test('without tokenizer_config.json, CLIP pads with its end token', async () => {
  const dir = path.join(root, 'no-config');
  const model = tinyInstalledModel(
    dir,
    await writeTinySdTurbo(dir, {
      precision: 'fp32',
      id: 'tiny-no-config',
      withoutTokenizerConfig: true,
    }),
  );
  const tokenizer = await clipTokenizer(model);
  assert.deepEqual(tokenizer.encode('a cat', 6), [536, 320, 515, 537, 537, 537]);
});

test('seeded noise: the same seed gives the same N(0,1) numbers', () => {
  const a = seededNoise(7, 10_001);
  assert.deepEqual(a, seededNoise(7, 10_001));
  assert.notDeepEqual(a, seededNoise(8, 10_001));
  const mean = a.reduce((s, x) => s + x, 0) / a.length;
  const variance = a.reduce((s, x) => s + (x - mean) ** 2, 0) / a.length;
  assert.ok(Math.abs(mean) < 0.05, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.05, `variance ${variance}`);
});
