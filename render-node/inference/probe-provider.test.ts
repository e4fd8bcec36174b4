import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseNvidiaSmi, probeExecutionProvider } from './probe-provider.ts';

test('nvidia-smi memory is read in MiB and reported in bytes; unreadable output is null', () => {
  assert.deepEqual(parseNvidiaSmi('NVIDIA H200, 1024, 143771\n'), {
    name: 'NVIDIA H200',
    memory: { usedBytes: 1024 * 1024 * 1024, totalBytes: 143771 * 1024 * 1024 },
  });
  assert.equal(parseNvidiaSmi('No devices were found'), null);
  assert.equal(parseNvidiaSmi('NVIDIA H200, [N/A], 143771'), null);
});

test('without the CUDA provider library the probe chooses the CPU and says why', async (t) => {
  const provider = await probeExecutionProvider();
  if (provider.name === 'cuda') return t.skip('this machine has the CUDA provider');
  assert.match(provider.reason!, /CUDA/);
  assert.ok(provider.device.length > 0);
});
