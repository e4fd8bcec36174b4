import type { ModelKind, PipelineId } from '../models/model-manifest.ts';
import { PIPELINES } from '../models/pipelines.ts';

/**
 * What a render node can do, as it reports it on its heartbeat (issue 14):
 * its engines, the models it has (usable or why not), the execution provider
 * it runs them on, and measured speeds. A node writes its record to the
 * Redis hash `renderNodesKey(prefix)` (field = node id, value = JSON of
 * `NodeCapabilities`) every `NODE_HEARTBEAT_MS`; readers treat a record
 * older than `NODE_STALE_MS` as a node that is gone. The web process reads
 * it for the models panel, the pickers, `/readyz` and routing decisions;
 * nothing in it is trusted as user input (it comes from our own nodes).
 */

export const NODE_HEARTBEAT_MS = 5_000;
export const NODE_STALE_MS = 20_000;

export const renderNodesKey = (prefix: string) => `${prefix}:render-nodes`;

export interface ExecutionProviderInfo {
  /** 'cuda' when the CUDA provider loaded and ran the probe model; otherwise 'cpu'. */
  name: 'cuda' | 'cpu';
  /** The GPU's name, or the CPU model. */
  device: string;
  /** Why the node is on CPU (no CUDA libraries, probe failed…), logged at start too. */
  reason?: string;
  /** GPU memory (bytes) when known. */
  memory?: { usedBytes: number; totalBytes: number };
}

export interface ModelStatus {
  id: string;
  kind: ModelKind;
  pipeline: PipelineId;
  name: string;
  /** Hash identifying the installed files (sha256 over the manifest's file hashes). */
  hash: string;
  usable: boolean;
  /** Why the model cannot be used (missing file, bad hash, wrong graph signature), naming the file. */
  problem?: string;
  /** Sessions are loaded (first use loads them, later uses reuse them). */
  loaded: boolean;
  /** Voices: language ("fr_FR") and speaker; images: native size. */
  language?: string;
  speaker?: string;
  nativeSize?: number;
  /** Measured inference: runs so far, last and mean milliseconds per image or per sentence. */
  runs: number;
  lastMs?: number;
  meanMs?: number;
}

export interface EngineInfo {
  /** 'procedural', 'onnx' (images); 'espeak-ng', 'piper' (voices); 'fluidsynth-gm' (music). */
  id: string;
  version: string;
  /** The engine key jobs name it by (shared/render/render-queue.ts `engineKey`); absent: its id. */
  key?: string;
  /** The installed model a model-backed engine runs (its id). */
  model?: string;
}

/**
 * The version of a model-backed engine: its pipeline's code version
 * (shared/models/pipelines.ts) and the model files' hash
 * ("sd-turbo/1:<hash>"), so cache keys change when either the code or the
 * weights do.
 */
export const modelEngineVersion = (pipeline: PipelineId, hash: string) =>
  `${PIPELINES[pipeline].version}:${hash}`;

export interface NodeCapabilities {
  nodeId: string;
  host: string;
  pid: number;
  startedAt: string;
  /** ISO time of this heartbeat. */
  seenAt: string;
  /** Scene jobs this node runs at once. */
  concurrency: number;
  /**
   * Render jobs (plan, scene, assemble, image) running on this node now, and
   * finished since it started (issue 15: `/metrics` shows jobs per node).
   * Absent in heartbeats of nodes older than the field: read as 0.
   */
  jobs?: { active: number; completed: number; failed: number };
  provider: ExecutionProviderInfo;
  engines: { image: EngineInfo[]; voice: EngineInfo[]; music: EngineInfo[] };
  models: ModelStatus[];
}

/** A node is live while its last heartbeat is recent. */
export const isNodeLive = (node: Pick<NodeCapabilities, 'seenAt'>, now = Date.now()) =>
  now - Date.parse(node.seenAt) < NODE_STALE_MS;

/** The usable models of the live nodes, by id: what a render can ask for. */
export function liveModels(nodes: NodeCapabilities[], now = Date.now()): Map<string, ModelStatus> {
  const models = new Map<string, ModelStatus>();
  for (const node of nodes) {
    if (!isNodeLive(node, now)) continue;
    for (const model of node.models) if (model.usable) models.set(model.id, model);
  }
  return models;
}

/**
 * The model-backed engines (those with a `model`) some live node has, by
 * engine key: what a plan may send jobs for. Two nodes with the same key and
 * different versions (other weights) are a configuration error the plan
 * cannot solve; the newest heartbeat wins and the other node refuses the job.
 */
export function liveModelEngines(
  nodes: NodeCapabilities[],
  now = Date.now(),
): Map<string, EngineInfo & { key: string; model: string }> {
  const engines = new Map<string, EngineInfo & { key: string; model: string }>();
  const newestFirst = [...nodes].sort((a, b) => Date.parse(b.seenAt) - Date.parse(a.seenAt));
  for (const node of newestFirst) {
    if (!isNodeLive(node, now)) continue;
    for (const engine of [...node.engines.image, ...node.engines.voice]) {
      if (engine.model === undefined || engine.key === undefined) continue;
      if (!engines.has(engine.key))
        engines.set(engine.key, { ...engine, key: engine.key, model: engine.model });
    }
  }
  return engines;
}

/** Parses the heartbeat hash's values, skipping any that are not JSON (never trusted further). */
export function parseNodeRecords(values: Iterable<string>): NodeCapabilities[] {
  const nodes: NodeCapabilities[] = [];
  for (const value of values) {
    try {
      const node = JSON.parse(value) as NodeCapabilities;
      if (node && typeof node.seenAt === 'string' && node.engines) nodes.push(node);
    } catch {
      // A half-written or foreign value: that node is simply not counted.
    }
  }
  return nodes;
}
