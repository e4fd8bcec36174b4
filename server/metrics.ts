import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { NodeCapabilities } from '../shared/render/node-capabilities.ts';

/** Prometheus metrics of the web process, served at /metrics. */
export function createMetrics(
  collect: () => {
    connections: number;
    documents: number;
    updateLogLagMs: number;
    updateLogPending: number;
    storeFailures: { permanent: number; transient: number };
    documentsUnstorable: number;
  },
  /** The live render nodes' heartbeats (server/render-nodes), read at each scrape. */
  renderNodes: () => Promise<NodeCapabilities[]> = async () => [],
) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'montage_' });
  const httpDuration = new Histogram({
    name: 'montage_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  gauge(
    'montage_collab_connections',
    'Open collaboration connections',
    () => collect().connections,
  );
  gauge(
    'montage_collab_documents_loaded',
    'Project documents loaded in memory',
    () => collect().documents,
  );
  gauge(
    'montage_update_log_lag_seconds',
    'Age of the oldest update not yet written to the update log',
    () => collect().updateLogLagMs / 1000,
  );
  gauge(
    'montage_update_log_pending_updates',
    'Updates waiting to be written to the update log',
    () => collect().updateLogPending,
  );
  // Document store failures (server/collab/store-failure.ts): permanent ones are not retried.
  new Counter({
    name: 'montage_document_store_failures_total',
    help: 'Failed stores of project documents, by kind (permanent: not retried)',
    labelNames: ['kind'] as const,
    registers: [registry],
    collect() {
      const failures = collect().storeFailures;
      this.reset();
      this.inc({ kind: 'permanent' }, failures.permanent);
      this.inc({ kind: 'transient' }, failures.transient);
    },
  });
  gauge(
    'montage_documents_unstorable',
    'Documents whose last store failed permanently (their edits stay in the update log)',
    () => collect().documentsUnstorable,
  );
  renderNodeGauges(registry, renderNodes);
  return { registry, httpDuration };
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * Per render node and model (issue 14): how many nodes run on each provider,
 * GPU memory, and inference runs and times per model, from the heartbeats.
 * One read of the heartbeats serves every gauge of a scrape.
 */
function renderNodeGauges(registry: Registry, renderNodes: () => Promise<NodeCapabilities[]>) {
  let scrape: Promise<NodeCapabilities[]> | null = null;
  /** The first gauge collected in a scrape reads; the others of the same tick reuse it. */
  const nodes = () => {
    if (!scrape) {
      scrape = renderNodes().catch(() => []);
      setImmediate(() => (scrape = null));
    }
    return scrape;
  };
  const labelled = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    fill: (gauge: Gauge<L>, live: NodeCapabilities[]) => void,
  ) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const live = await nodes();
        this.reset();
        fill(this, live);
      },
    });
  labelled(
    'montage_render_nodes',
    'Live render nodes by execution provider',
    ['provider'],
    (g, live) => {
      for (const provider of ['cuda', 'cpu'] as const) {
        g.set({ provider }, live.filter((n) => n.provider.name === provider).length);
      }
    },
  );
  labelled(
    'montage_render_node_gpu_memory_used_bytes',
    'GPU memory in use on a render node',
    ['node'],
    (g, live) => {
      for (const n of live)
        if (n.provider.memory) g.set({ node: n.nodeId }, n.provider.memory.usedBytes);
    },
  );
  labelled(
    'montage_render_node_gpu_memory_total_bytes',
    'GPU memory of a render node',
    ['node'],
    (g, live) => {
      for (const n of live)
        if (n.provider.memory) g.set({ node: n.nodeId }, n.provider.memory.totalBytes);
    },
  );
  const perModel = (
    name: string,
    help: string,
    read: (model: NodeCapabilities['models'][number]) => number | undefined,
  ) =>
    labelled(name, help, ['node', 'model'], (g, live) => {
      for (const n of live) {
        for (const model of n.models) {
          const value = read(model);
          if (value !== undefined) g.set({ node: n.nodeId, model: model.id }, value);
        }
      }
    });
  perModel(
    'montage_render_node_inference_runs',
    'Inference runs of a model on a node since it started',
    (m) => m.runs,
  );
  perModel(
    'montage_render_node_inference_mean_ms',
    'Mean inference time of a model on a node (ms per image or sentence)',
    (m) => m.meanMs,
  );
  perModel(
    'montage_render_node_inference_last_ms',
    'Last inference time of a model on a node (ms)',
    (m) => m.lastMs,
  );
}
