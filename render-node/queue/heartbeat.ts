import { cpus, hostname } from 'node:os';
import type { Redis } from 'ioredis';
import {
  NODE_HEARTBEAT_MS,
  renderNodesKey,
  type ExecutionProviderInfo,
  type NodeCapabilities,
} from '../../shared/render/node-capabilities.ts';
import { engineInfos } from '../engines/load-engines.ts';
import type { InferenceClient } from '../inference/contract.ts';
import type { RenderEngines } from '../render-context.ts';

export interface HeartbeatOptions {
  commands: Redis;
  prefix: string;
  nodeId: string;
  engines: RenderEngines;
  inference?: InferenceClient | undefined;
  concurrency: number;
  intervalMs?: number;
  /** Runs after each beat (the node looks for new capability queues then). */
  onBeat?: () => Promise<void>;
  log: (level: 'warn', message: string, fields?: Record<string, unknown>) => void;
}

/** With no inference host the node runs no model: its "provider" is the CPU, for the panel. */
const noInference = (): ExecutionProviderInfo => ({
  name: 'cpu',
  device: cpus()[0]?.model ?? 'cpu',
  reason: 'no models installed',
});

/** This node's record as the heartbeat writes it (pure but for the clock and the client's state). */
export function nodeCapabilities(
  options: Pick<HeartbeatOptions, 'nodeId' | 'engines' | 'inference' | 'concurrency'>,
  startedAt: string,
  now = new Date(),
): NodeCapabilities {
  return {
    nodeId: options.nodeId,
    host: hostname(),
    pid: process.pid,
    startedAt,
    seenAt: now.toISOString(),
    concurrency: options.concurrency,
    provider: options.inference?.provider ?? noInference(),
    engines: engineInfos(options.engines),
    models: options.inference?.models() ?? [],
  };
}

/**
 * Writes this node's capabilities to `renderNodesKey` now and every
 * `NODE_HEARTBEAT_MS`; readers drop a record older than `NODE_STALE_MS`
 * (a node killed without a goodbye), and `stop()` removes it at once.
 */
export async function startHeartbeat(options: HeartbeatOptions) {
  const key = renderNodesKey(options.prefix);
  const startedAt = new Date().toISOString();
  const beat = async () => {
    await options.commands.hset(
      key,
      options.nodeId,
      JSON.stringify(nodeCapabilities(options, startedAt)),
    );
    await options.onBeat?.();
  };
  await beat();
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = beat().catch((error: Error) =>
      options.log('warn', 'heartbeat failed', { error: error.message }),
    );
  }, options.intervalMs ?? NODE_HEARTBEAT_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await options.commands.hdel(key, options.nodeId);
    },
  };
}
