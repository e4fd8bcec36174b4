import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
  return { registry, httpDuration };
}

export type Metrics = ReturnType<typeof createMetrics>;
