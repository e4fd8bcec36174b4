import type { ModelKind, PipelineId } from '../models/model-manifest.ts';

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
}

export interface NodeCapabilities {
  nodeId: string;
  host: string;
  pid: number;
  startedAt: string;
  /** ISO time of this heartbeat. */
  seenAt: string;
  /** Scene jobs this node runs at once. */
  concurrency: number;
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
