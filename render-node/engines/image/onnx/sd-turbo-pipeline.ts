import { encode as encodePng } from 'fast-png';
import { Tensor, type InferenceSession } from 'onnxruntime-node';
import { seededRandom } from '../../../../shared/seeded-random.ts';
import type {
  ImagePipeline,
  ImagePipelineRequest,
  InstalledModel,
  SessionSource,
} from '../../../inference/contract.ts';
import { clipTokenizer } from './clip-tokenizer.ts';
import { fromFloat16Array, toFloat16Array } from './float16.ts';
import { turboSchedule } from './turbo-schedule.ts';

/**
 * Text to image with a Stable-Diffusion-Turbo-class model (ADR 0038), run by
 * the inference host on the sessions it owns:
 *
 *   prompt → CLIP tokenizer → text encoder → last_hidden_state
 *   seed → N(0,1) latents [1, 4, h/8, w/8] × σ_max
 *   1–4 Euler steps of the UNet (turbo-schedule.ts), epsilon prediction
 *   latents / latentScale → VAE decoder → [-1, 1] RGB → PNG
 *
 * Deterministic: the noise comes from the seed (mulberry32 + Box–Muller), the
 * scheduler adds none, so the same model, prompt, seed, size and execution
 * provider give the same bytes. Guidance > 1 runs the UNet a second time on
 * the negative prompt (classifier-free guidance); at ≤ 1, SD-Turbo's default,
 * the negative prompt cannot change anything and is only recorded. fp16 and
 * fp32 graphs both run: element types come from each session's metadata and
 * the arithmetic between graphs is float32.
 */

export const CLIP_SEQUENCE = 77;
export const DEFAULT_LATENT_SCALE = 0.18215;
export const MAX_SIDE = 2048;
/** As the manifest's image settings bound it. */
export const MAX_GUIDANCE = 20;

export const sdTurboPipeline: ImagePipeline = async (model, sessions, request, signal) => {
  const settings = model.manifest.image;
  if (!settings) throw new Error(`model ${model.manifest.id} is not an image model`);
  checkRequest(request);
  const steps = request.steps ?? settings.steps;
  const guidance = request.guidance ?? settings.guidance;
  const schedule = turboSchedule(steps);
  const timings: Record<string, number> = {};
  const timed = async <T>(stage: string, work: () => Promise<T>): Promise<T> => {
    signal?.throwIfAborted();
    const start = performance.now();
    const result = await work();
    timings[stage] = (timings[stage] ?? 0) + (performance.now() - start);
    signal?.throwIfAborted();
    return result;
  };

  const guided = guidance > 1;
  const [text, negative] = await timed('textEncoder', async () => {
    const encoder = await sessions.session(model, 'text_encoder');
    const tokenizer = await clipTokenizer(model);
    const length = sequenceLength(encoder);
    const embed = (prompt: string) => encodeText(encoder, tokenizer.encode(prompt, length));
    return [await embed(request.prompt), guided ? await embed(request.negativePrompt) : null];
  });

  const latentShape = [1, 4, request.height / 8, request.width / 8];
  let latents = seededNoise(
    request.seed,
    latentShape.reduce((a, b) => a * b),
  ).map((n) => n * schedule.initNoiseSigma);

  const unet = await timed('unet', () => sessions.session(model, 'unet'));
  for (const step of schedule.steps) {
    latents = await timed('unet', async () => {
      const input = latents.map((x) => x * step.inputScale);
      const predict = (embedding: EncodedText) =>
        runUnet(unet, input, latentShape, step.timestep, embedding);
      let noise = await predict(text);
      if (negative) {
        // ε = ε_neg + g·(ε_text − ε_neg): away from the negative prompt, towards the prompt.
        const away = await predict(negative);
        noise = noise.map((n, i) => away[i]! + guidance * (n - away[i]!));
      }
      const delta = step.sigmaNext - step.sigma;
      return latents.map((x, i) => x + delta * noise[i]!);
    });
  }

  const rgb = await timed('vae', async () => {
    const decoder = await sessions.session(model, 'vae_decoder');
    const scale = settings.latentScale ?? DEFAULT_LATENT_SCALE;
    return decode(
      decoder,
      latents.map((x) => x / scale),
      latentShape,
      request,
      model,
    );
  });
  const png = await timed('encode', async () =>
    encodePng({ width: request.width, height: request.height, data: rgb, channels: 3, depth: 8 }),
  );
  return { png, steps, guidance, timings };
};

function checkRequest(request: ImagePipelineRequest): void {
  for (const side of ['width', 'height'] as const) {
    const value = request[side];
    if (!Number.isInteger(value) || value < 64 || value > MAX_SIDE || value % 8 !== 0) {
      throw new Error(
        `the image ${side} must be a multiple of 8 from 64 to ${MAX_SIDE} (got ${value})`,
      );
    }
  }
  if (!Number.isInteger(request.seed) || request.seed < 0 || request.seed > 0xffffffff) {
    throw new Error(`the seed must be a whole number from 0 to 4294967295 (got ${request.seed})`);
  }
  const { guidance } = request;
  if (guidance !== undefined && !(guidance >= 0 && guidance <= MAX_GUIDANCE)) {
    throw new Error(`the guidance must be from 0 to ${MAX_GUIDANCE} (got ${guidance})`);
  }
  if (typeof request.prompt !== 'string' || typeof request.negativePrompt !== 'string') {
    throw new Error('the prompt and negative prompt must be text');
  }
}

function inputType(session: InferenceSession, name: string): string {
  const meta = session.inputMetadata.find((m) => m.name === name);
  if (!meta?.isTensor) throw new Error(`the graph has no tensor input "${name}"`);
  return meta.type;
}

/** The encoder's fixed sequence length when its graph says one, else CLIP's 77. */
function sequenceLength(encoder: InferenceSession): number {
  const meta = encoder.inputMetadata.find((m) => m.name === 'input_ids');
  const length = meta?.isTensor ? meta.shape[1] : undefined;
  return typeof length === 'number' && length > 1 ? length : CLIP_SEQUENCE;
}

function floatTensor(type: string, data: Float32Array, dims: readonly number[]): Tensor {
  if (type === 'float16') return float16Tensor(toFloat16Array(data), dims);
  if (type === 'float32') return new Tensor('float32', data, dims);
  throw new Error(`unsupported element type ${type} (float32 or float16)`);
}

/**
 * A float16 input from its bits. On Node 23+ onnxruntime-common wraps the
 * bits in a `Float16Array`, whose byte length onnxruntime-node 1.30's binding
 * reads as 0 ("not enough space: expected N, got 0"; microsoft/onnxruntime
 * #26791, fix pending in #32323); handing it the Uint16Array it accepts keeps
 * fp16 graphs working on every Node version.
 */
function float16Tensor(bits: Uint16Array, dims: readonly number[]): Tensor {
  const tensor = new Tensor('float16', bits, dims);
  (tensor as unknown as { cpuData: Uint16Array }).cpuData = bits;
  return tensor;
}

/** A float output as float32: Node 23+ gives float16 as Float16Array (values), older Nodes as Uint16Array (bits). */
function readFloats(tensor: Tensor): Float32Array {
  if (tensor.type === 'float16' && tensor.data instanceof Uint16Array) {
    return fromFloat16Array(tensor.data);
  }
  if (tensor.type !== 'float16' && tensor.type !== 'float32') {
    throw new Error(`a float tensor was expected, not ${tensor.type}`);
  }
  return Float32Array.from(tensor.data as ArrayLike<number>);
}

interface EncodedText {
  tensor: Tensor;
}

async function encodeText(encoder: InferenceSession, ids: number[]): Promise<EncodedText> {
  const type = inputType(encoder, 'input_ids');
  const dims = [1, ids.length];
  const input =
    type === 'int64'
      ? new Tensor('int64', BigInt64Array.from(ids, BigInt), dims)
      : type === 'int32'
        ? new Tensor('int32', Int32Array.from(ids), dims)
        : null;
  if (!input) throw new Error(`the text encoder's input_ids are ${type} (int32 or int64 expected)`);
  const output = await encoder.run({ input_ids: input });
  const hidden = output.last_hidden_state;
  if (!hidden) throw new Error('the text encoder gave no last_hidden_state');
  return { tensor: hidden };
}

function timestepTensor(type: string, timestep: number): Tensor {
  switch (type) {
    case 'int64':
      return new Tensor('int64', BigInt64Array.of(BigInt(timestep)), [1]);
    case 'int32':
      return new Tensor('int32', Int32Array.of(timestep), [1]);
    default:
      return floatTensor(type, Float32Array.of(timestep), [1]);
  }
}

async function runUnet(
  unet: InferenceSession,
  sample: Float32Array,
  shape: number[],
  timestep: number,
  text: EncodedText,
): Promise<Float32Array> {
  // Rebuilt as the UNet's element type (an encoder's float16 output cannot go back in as is: float16Tensor).
  const hidden = floatTensor(
    inputType(unet, 'encoder_hidden_states'),
    readFloats(text.tensor),
    text.tensor.dims,
  );
  const output = await unet.run({
    sample: floatTensor(inputType(unet, 'sample'), sample, shape),
    timestep: timestepTensor(inputType(unet, 'timestep'), timestep),
    encoder_hidden_states: hidden,
  });
  const noise = output.out_sample;
  if (!noise || noise.size !== sample.length) {
    throw new Error(`the UNet's out_sample is not the shape of its sample [${shape.join(', ')}]`);
  }
  return readFloats(noise);
}

/** VAE output [1, 3, H, W] in [-1, 1] → interleaved RGB bytes. */
async function decode(
  decoder: InferenceSession,
  latents: Float32Array,
  shape: number[],
  size: { width: number; height: number },
  model: InstalledModel,
): Promise<Uint8Array> {
  const output = await decoder.run({
    latent_sample: floatTensor(inputType(decoder, 'latent_sample'), latents, shape),
  });
  const image = output.sample;
  const { width, height } = size;
  if (!image || image.dims.join('×') !== `1×3×${height}×${width}`) {
    throw new Error(
      `model ${model.manifest.id}: the VAE decoder gave [${image?.dims.join(', ')}], not [1, 3, ${height}, ${width}]`,
    );
  }
  const pixels = readFloats(image);
  const plane = width * height;
  const rgb = new Uint8Array(plane * 3);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) {
      const value = (pixels[c * plane + p]! + 1) * 127.5;
      rgb[p * 3 + c] = Math.min(255, Math.max(0, Math.round(value)));
    }
  }
  return rgb;
}

/** N(0,1) noise from a seed: mulberry32 uniforms through Box–Muller, in pairs. */
export function seededNoise(seed: number, count: number): Float32Array {
  const random = seededRandom(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    // 1 − u keeps the logarithm's argument in (0, 1].
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < count) out[i + 1] = radius * Math.sin(angle);
  }
  return out;
}

/** A session source for one process: each graph loaded once (tests, benchmarks). */
export function cachedSessions(
  create: (file: string) => Promise<InferenceSession>,
): SessionSource & { release(): Promise<void> } {
  const sessions = new Map<string, Promise<InferenceSession>>();
  return {
    session(model, role) {
      const file = model.manifest.files.find((f) => f.role === role);
      if (!file)
        return Promise.reject(new Error(`model ${model.manifest.id} has no ${role} graph`));
      const key = `${model.hash}/${role}`;
      let session = sessions.get(key);
      if (!session) {
        session = create(`${model.dir}/${file.path}`);
        sessions.set(key, session);
      }
      return session;
    },
    async release() {
      for (const session of sessions.values()) await (await session).release();
      sessions.clear();
    },
  };
}
