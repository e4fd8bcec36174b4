import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { renderNodesAnswer, type RenderNodesAnswer } from '../../shared/api/render-nodes.ts';
import { MODEL_KINDS, PIPELINE_IDS } from '../../shared/models/model-manifest.ts';
import {
  isNodeLive,
  renderNodesKey,
  type NodeCapabilities,
} from '../../shared/render/node-capabilities.ts';

/**
 * The render nodes as their heartbeats describe them (ADR 0040): each node
 * writes its `NodeCapabilities` into the Redis hash `renderNodesKey(prefix)`
 * every few seconds; this module reads the hash for the models panel and the
 * pickers (`GET /api/v1/render-nodes`), `/readyz` and `/metrics`. A record
 * older than NODE_STALE_MS is a node that is gone: left out. A record long
 * gone (PRUNE_AFTER_MS) is deleted, so nodes that never come back do not
 * pile up. A record that does not read as capabilities is left out too: one
 * broken node never hides the others.
 */

/** A record this old belongs to a node that will not come back (restarts get new pids/ids). */
export const PRUNE_AFTER_MS = 60 * 60_000;

const engineSchema = z.object({ id: z.string(), version: z.string() });
const modelSchema = z.object({
  id: z.string(),
  kind: z.enum(MODEL_KINDS),
  pipeline: z.enum(PIPELINE_IDS),
  name: z.string(),
  hash: z.string(),
  usable: z.boolean(),
  problem: z.string().optional(),
  loaded: z.boolean(),
  language: z.string().optional(),
  speaker: z.string().optional(),
  nativeSize: z.number().optional(),
  runs: z.number(),
  lastMs: z.number().optional(),
  meanMs: z.number().optional(),
});
/** The shape of shared/render/node-capabilities.ts, checked when read (the hash is shared state). */
const nodeCapabilitiesSchema = z.object({
  nodeId: z.string().min(1),
  host: z.string(),
  pid: z.number(),
  startedAt: z.string(),
  seenAt: z.string().refine((value) => Number.isFinite(Date.parse(value)), 'must be a time'),
  concurrency: z.number(),
  provider: z.object({
    name: z.enum(['cuda', 'cpu']),
    device: z.string(),
    reason: z.string().optional(),
    memory: z.object({ usedBytes: z.number(), totalBytes: z.number() }).optional(),
  }),
  engines: z.object({
    image: z.array(engineSchema),
    voice: z.array(engineSchema),
    music: z.array(engineSchema),
  }),
  models: z.array(modelSchema),
}) satisfies z.ZodType<NodeCapabilities>;

export interface NodeRecords {
  /** Live nodes, by id. */
  live: NodeCapabilities[];
  /** Fields of records gone for longer than PRUNE_AFTER_MS. */
  expired: string[];
  /** Fields whose value is not a node's capabilities. */
  unreadable: string[];
}

/** Sorts the hash's records into live, long-expired and unreadable ones (pure). */
export function readNodeRecords(hash: Record<string, string>, now = Date.now()): NodeRecords {
  const records: NodeRecords = { live: [], expired: [], unreadable: [] };
  for (const [field, value] of Object.entries(hash)) {
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      records.unreadable.push(field);
      continue;
    }
    const parsed = nodeCapabilitiesSchema.safeParse(json);
    if (!parsed.success) {
      records.unreadable.push(field);
      continue;
    }
    const node = parsed.data;
    if (isNodeLive(node, now)) records.live.push(node);
    else if (now - Date.parse(node.seenAt) >= PRUNE_AFTER_MS) records.expired.push(field);
  }
  records.live.sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0));
  return records;
}

/** A strong ETag for an answer: the same nodes, models and measures give the same tag. */
export const answerEtag = (answer: RenderNodesAnswer) =>
  `"${createHash('sha256').update(JSON.stringify(answer)).digest('base64url').slice(0, 27)}"`;

export function createRenderNodes(redis: Redis, prefix: string, clock = () => Date.now()) {
  const key = renderNodesKey(prefix);

  /** The live nodes' capabilities; deletes records of nodes gone for an hour. */
  async function live(): Promise<NodeCapabilities[]> {
    const records = readNodeRecords(await redis.hgetall(key), clock());
    if (records.expired.length) await redis.hdel(key, ...records.expired);
    return records.live;
  }

  return {
    live,
    /** The answer of `GET /api/v1/render-nodes` and its ETag. */
    async answer(): Promise<{ answer: RenderNodesAnswer; etag: string }> {
      const answer = renderNodesAnswer(await live());
      return { answer, etag: answerEtag(answer) };
    },
    /** What `/readyz` lists for operators: which nodes, when each was last heard, on what. */
    async readiness() {
      return (await live()).map((node) => ({
        id: node.nodeId,
        seenAt: node.seenAt,
        provider: node.provider.name,
      }));
    },
  };
}

export type RenderNodes = ReturnType<typeof createRenderNodes>;
