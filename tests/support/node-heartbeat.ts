import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import {
  renderNodesKey,
  type ModelStatus,
  type NodeCapabilities,
} from '../../shared/render/node-capabilities.ts';
import type { WebServer } from './web-server.ts';

/**
 * Heartbeats of render nodes written straight into the web server's Redis
 * hash, in the exact `NodeCapabilities` shape a node writes. Stands in for
 * the render node's own heartbeat publisher (issue 14, helper D1) until it
 * is merged: tests then start a real `RenderNode` with models installed and
 * read what it wrote instead. Also the way to show a GPU node on a machine
 * without one.
 */

export const sdTurbo = (patch: Partial<ModelStatus> = {}): ModelStatus => ({
  id: 'sd-turbo',
  kind: 'image',
  pipeline: 'sd-turbo',
  name: 'SD-Turbo',
  hash: 'b'.repeat(64),
  usable: true,
  loaded: true,
  nativeSize: 512,
  runs: 12,
  lastMs: 131,
  meanMs: 142.5,
  ...patch,
});

export const piperVoice = (
  id: string,
  language: string,
  speaker: string,
  patch: Partial<ModelStatus> = {},
): ModelStatus => ({
  id,
  kind: 'voice',
  pipeline: 'piper-vits',
  name: `Piper ${speaker}`,
  hash: 'c'.repeat(64),
  usable: true,
  loaded: false,
  language,
  speaker,
  runs: 0,
  ...patch,
});

/** A node's capabilities as a node reports them now; `patch` overrides any field. */
export function nodeCapabilities(
  nodeId: string,
  patch: Partial<NodeCapabilities> = {},
): NodeCapabilities {
  const now = new Date().toISOString();
  return {
    nodeId,
    host: hostname(),
    pid: process.pid,
    startedAt: now,
    seenAt: now,
    concurrency: 2,
    provider: { name: 'cpu', device: 'Test CPU', reason: 'CUDA libraries not found' },
    engines: {
      image: [
        { id: 'procedural', version: '1' },
        { id: 'onnx', version: '1.30.0' },
      ],
      voice: [
        { id: 'espeak-ng', version: '1.51' },
        { id: 'piper', version: '1' },
      ],
      music: [{ id: 'fluidsynth-gm', version: '2' }],
    },
    models: [],
    ...patch,
  };
}

/** Writes heartbeats into the web server's hash (and keeps writing them while the test runs). */
export class NodeHeartbeats {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(web: WebServer) {
    this.#redis = new Redis(web.env.REDIS_URL!);
    this.#key = renderNodesKey(web.env.REDIS_PREFIX!);
  }

  /** Writes one record now, as it is (a stale `seenAt` stays stale). */
  async write(node: NodeCapabilities) {
    await this.#redis.hset(this.#key, node.nodeId, JSON.stringify(node));
  }

  /** Writes a live record now and again every 5 s with a fresh `seenAt`, as a node does. */
  async beat(node: NodeCapabilities) {
    const write = () => this.write({ ...node, seenAt: new Date().toISOString() });
    await write();
    clearInterval(this.#timers.get(node.nodeId));
    this.#timers.set(
      node.nodeId,
      setInterval(() => void write(), 5_000),
    );
  }

  async remove(nodeId: string) {
    clearInterval(this.#timers.get(nodeId));
    this.#timers.delete(nodeId);
    await this.#redis.hdel(this.#key, nodeId);
  }

  async close() {
    for (const timer of this.#timers.values()) clearInterval(timer);
    this.#redis.disconnect();
  }
}
