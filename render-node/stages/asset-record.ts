import type { GeneratedAssetRecord } from '../../shared/render/asset-record.ts';
import type { GenerationDetails } from '../engines/image/engine.ts';

/**
 * The record stored beside a generated asset (issue 14, ADR 0041): what the
 * engine reported of the generation, completed with what only the stage
 * knows (the asset's hash and kind, the node, when). An engine that reports
 * nothing still gets a record naming it, with the time the stage measured.
 */
export function completeRecord(input: {
  hash: string;
  kind: GeneratedAssetRecord['kind'];
  engine: { id: string; version: string };
  details: GenerationDetails | void;
  /** What the stage knows of the request, for engines that report nothing. */
  fallback: Partial<GenerationDetails>;
  nodeId: string;
  measuredMs: number;
  now: Date;
}): GeneratedAssetRecord {
  const details: Partial<GenerationDetails> = input.details ?? {};
  return {
    ...input.fallback,
    ...details,
    hash: input.hash,
    kind: input.kind,
    engine: details.engine ?? input.engine,
    provider: details.provider ?? 'none',
    device: details.device ?? 'cpu',
    nodeId: input.nodeId,
    durationMs: Math.max(0, Math.round(details.durationMs ?? input.measuredMs)),
    createdAt: input.now.toISOString(),
  };
}

/** Runs `generate`, timing it, and returns its details with the measured milliseconds. */
export async function timed<T>(generate: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await generate();
  return { value, ms: performance.now() - started };
}
