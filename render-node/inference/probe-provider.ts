import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { promisify, stripVTControlCharacters } from 'node:util';
import * as ort from 'onnxruntime-node';
import type { ExecutionProviderInfo } from '../../shared/render/node-capabilities.ts';
import { PROBE_MODEL } from './probe-model.ts';

/**
 * Chooses the execution provider at the host's start: CUDA when
 * onnxruntime-node's CUDA provider library is installed and the probe model
 * loads and runs on it, otherwise CPU with the reason (the default npm
 * install has no CUDA provider: `onnxruntime-node-install=skip`,
 * docs/models.md).
 */

const CUDA_LIBRARY = 'libonnxruntime_providers_cuda.so';

export async function probeExecutionProvider(): Promise<ExecutionProviderInfo> {
  const cpu = (reason: string): ExecutionProviderInfo => ({
    name: 'cpu',
    device: cpus()[0]?.model.trim() || 'CPU',
    reason,
  });
  if (process.platform !== 'linux') return cpu(`CUDA is used on Linux only (${process.platform})`);
  if (!ort.listSupportedBackends().some((b) => b.name === 'cuda')) {
    return cpu('this onnxruntime-node build has no CUDA backend');
  }
  const binDir = path.dirname(
    createRequire(import.meta.url).resolve(
      `onnxruntime-node/bin/napi-v6/linux/${process.arch}/onnxruntime_binding.node`,
    ),
  );
  if (!existsSync(path.join(binDir, CUDA_LIBRARY))) {
    return cpu(`no CUDA provider library (${CUDA_LIBRARY} is not in ${binDir})`);
  }
  try {
    const session = await ort.InferenceSession.create(PROBE_MODEL, {
      executionProviders: [{ name: 'cuda', deviceId: 0 }],
    });
    const x = new ort.Tensor('float32', Float32Array.from([1, 2]), [2]);
    const { y } = await session.run({ x });
    await session.release();
    if (!y || (y.data as Float32Array)[1] !== 4)
      throw new Error('the probe model gave a wrong answer');
  } catch (error) {
    return cpu(
      `the CUDA provider did not run the probe model: ${firstLine((error as Error).message)}`,
    );
  }
  const gpu = await queryGpu();
  return {
    name: 'cuda',
    device: gpu?.name ?? 'CUDA device 0',
    ...(gpu ? { memory: gpu.memory } : {}),
  };
}

/** The first GPU's name and memory from nvidia-smi, or null when it cannot say. */
export async function queryGpu(): Promise<{
  name: string;
  memory: { usedBytes: number; totalBytes: number };
} | null> {
  try {
    const { stdout } = await promisify(execFile)(
      'nvidia-smi',
      ['--query-gpu=name,memory.used,memory.total', '--format=csv,noheader,nounits', '--id=0'],
      { timeout: 5000 },
    );
    return parseNvidiaSmi(stdout);
  } catch {
    return null;
  }
}

/** "NVIDIA H200, 1024, 143771" (MiB) → name and bytes (pure). */
export function parseNvidiaSmi(line: string) {
  const [name, used, total] = line
    .trim()
    .split('\n')[0]!
    .split(',')
    .map((s) => s.trim());
  const mib = 1024 * 1024;
  if (
    !name ||
    !Number.isFinite(Number(used)) ||
    !Number.isFinite(Number(total)) ||
    !used ||
    !total
  ) {
    return null;
  }
  return { name, memory: { usedBytes: Number(used) * mib, totalBytes: Number(total) * mib } };
}

// onnxruntime's own log lines carry terminal colours.
const firstLine = (text: string) => stripVTControlCharacters(text).split('\n')[0]!.slice(0, 300);
