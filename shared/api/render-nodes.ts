import type {
  EngineInfo,
  ExecutionProviderInfo,
  ModelStatus,
  NodeCapabilities,
} from '../render/node-capabilities.ts';

/**
 * `GET /api/v1/render-nodes` (docs/api.md): the live render nodes as the
 * models panel and the engine and voice pickers show them, and what a
 * project can ask for — the usable image models and the usable voices by
 * language, each with the nodes that have it. Built from the nodes'
 * heartbeats (shared/render/node-capabilities.ts); no secrets: host names,
 * devices and measured speeds only.
 */

export interface RenderNodeView {
  nodeId: string;
  host: string;
  startedAt: string;
  concurrency: number;
  provider: ExecutionProviderInfo;
  engines: { image: EngineInfo[]; voice: EngineInfo[]; music: EngineInfo[] };
  models: ModelStatus[];
}

/** A usable model of at least one live node, with where it runs. */
export interface AvailableModel {
  id: string;
  name: string;
  /** The live nodes that can run it, and the providers they run it on ('cuda' first). */
  nodes: string[];
  providers: ExecutionProviderInfo['name'][];
  language?: string;
  speaker?: string;
}

export interface RenderNodesAnswer {
  nodes: RenderNodeView[];
  imageModels: AvailableModel[];
  /** Usable voices by language ("fr_FR"), languages sorted, voices by name. */
  voices: { language: string; voices: AvailableModel[] }[];
}

const byName = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The answer for a list of live nodes (pure). Its JSON only changes when a
 * node, model or measurement does — never with the heartbeat's own time — so
 * an ETag over it lets a polling client get 304s between real changes.
 */
export function renderNodesAnswer(live: readonly NodeCapabilities[]): RenderNodesAnswer {
  const nodes = [...live]
    .sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0))
    .map((node): RenderNodeView => ({
      nodeId: node.nodeId,
      host: node.host,
      startedAt: node.startedAt,
      concurrency: node.concurrency,
      provider: node.provider,
      engines: node.engines,
      models: [...node.models].sort(byName),
    }));
  const available = new Map<string, AvailableModel & { kind: ModelStatus['kind'] }>();
  for (const node of nodes) {
    for (const model of node.models) {
      if (!model.usable) continue;
      let entry = available.get(model.id);
      if (!entry) {
        entry = {
          id: model.id,
          name: model.name,
          kind: model.kind,
          nodes: [],
          providers: [],
          ...(model.language ? { language: model.language } : {}),
          ...(model.speaker ? { speaker: model.speaker } : {}),
        };
        available.set(model.id, entry);
      }
      entry.nodes.push(node.nodeId);
      if (!entry.providers.includes(node.provider.name)) entry.providers.push(node.provider.name);
    }
  }
  const plain = ({ kind: _kind, ...model }: AvailableModel & { kind: string }): AvailableModel => ({
    ...model,
    // One stable order whatever order the nodes reported in.
    providers: [...model.providers].sort(),
  });
  const models = [...available.values()].sort(byName);
  const languages = new Map<string, AvailableModel[]>();
  for (const model of models) {
    if (model.kind !== 'voice') continue;
    const language = model.language ?? 'und';
    languages.set(language, [...(languages.get(language) ?? []), plain(model)]);
  }
  return {
    nodes,
    imageModels: models.filter((m) => m.kind === 'image').map(plain),
    voices: [...languages.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([language, voices]) => ({ language, voices })),
  };
}
