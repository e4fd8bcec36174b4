import { useCallback, useEffect, useState } from 'react';
import type { ScriptAnalysis } from '../../../shared/analysis/types.ts';

/** Typing pauses this long before a preview is requested. */
export const PREVIEW_DEBOUNCE_MS = 300;

/** The request body of POST /api/v1/analysis/scenes. */
export interface AnalysisRequest {
  text: string;
  stylePreset: string;
  targetScenes?: number | string;
}

/** Why a preview failed: the API's error (code, message, fields) or the network. */
export interface PreviewError {
  code: string;
  message: string;
  fields: Record<string, string>;
}

interface PreviewResult {
  key: string;
  analysis: ScriptAnalysis | null;
  error: PreviewError | null;
}

export interface AnalysisPreview {
  /** The latest breakdown received (it may be for an earlier text while `loading`). */
  analysis: ScriptAnalysis | null;
  /** The breakdown of exactly the current request, or null. */
  current: ScriptAnalysis | null;
  /** The error for the current request, or null. */
  error: PreviewError | null;
  /** A request for the current input is waiting or on its way. */
  loading: boolean;
  /** Asks again for the current input (after a network error, for instance). */
  retry(): void;
  /** Forgets every breakdown (after an import). */
  reset(): void;
}

async function requestAnalysis(body: string, signal: AbortSignal) {
  let res: Response;
  try {
    res = await fetch('/api/v1/analysis/scenes', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body,
      signal,
    });
  } catch (err) {
    if (signal.aborted) throw err;
    return { error: { code: 'NETWORK', message: (err as Error).message, fields: {} } };
  }
  const payload = (await res.json().catch(() => null)) as
    | ScriptAnalysis
    | { error?: { code?: string; message?: string; details?: { fields?: unknown } } }
    | null;
  if (res.ok && payload && 'version' in payload) return { analysis: payload };
  const error = payload && 'error' in payload ? payload.error : undefined;
  const fields = error?.details?.fields;
  return {
    error: {
      code: error?.code ?? (res.ok ? 'INTERNAL' : `HTTP_${res.status}`),
      message: error?.message ?? res.statusText,
      fields: (fields && typeof fields === 'object' ? fields : {}) as Record<string, string>,
    },
  };
}

/**
 * The live preview of the import dialog: the breakdown of the request that
 * `build` makes (it sees the latest breakdown, e.g. to leave out options that
 * do not apply to the script's format), asked for once typing pauses
 * (PREVIEW_DEBOUNCE_MS); a newer input aborts the request on its way, so a
 * stale answer never replaces a fresh one. Nothing is requested while
 * `enabled` is false or `build` returns null.
 */
export function useAnalysisPreview(
  build: (latest: ScriptAnalysis | null) => AnalysisRequest | null,
  enabled: boolean,
): AnalysisPreview {
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [latest, setLatest] = useState<ScriptAnalysis | null>(null);
  const request = build(latest);
  const key = request ? JSON.stringify(request) : null;
  const resultKey = result?.key ?? null;

  useEffect(() => {
    if (!enabled || key === null || key === resultKey) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      requestAnalysis(key, controller.signal).then(
        (answer) => {
          if (controller.signal.aborted) return;
          setResult({ key, analysis: answer.analysis ?? null, error: answer.error ?? null });
          if (answer.analysis) setLatest(answer.analysis);
        },
        () => {
          // Aborted: a newer input (or closing the dialog) replaced this request.
        },
      );
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [enabled, key, resultKey]);

  const retry = useCallback(() => setResult(null), []);
  const reset = useCallback(() => {
    setResult(null);
    setLatest(null);
  }, []);
  const settled = key !== null && result?.key === key;
  return {
    analysis: latest,
    current: settled ? result.analysis : null,
    error: settled ? result.error : null,
    loading: enabled && key !== null && !settled,
    retry,
    reset,
  };
}
