import { useEffect, useState } from 'react';
import type { RenderNodesAnswer } from '../../../shared/api/render-nodes.ts';
import { apiCall } from '../../lib/api.ts';

/** Heartbeats come every 5 s (shared/render/node-capabilities.ts): asking more often finds nothing new. */
export const RENDER_NODES_POLL_MS = 5_000;

export type RenderNodesState =
  | { kind: 'loading' }
  | { kind: 'ready'; answer: RenderNodesAnswer }
  /** The last good answer stays shown while a poll fails. */
  | { kind: 'error'; answer: RenderNodesAnswer | null };

/**
 * The live render nodes, polled while `active` (a panel or picker is open):
 * `GET /api/v1/render-nodes` every 5 s. The answer carries an ETag and
 * `Cache-Control: no-cache`, so the browser revalidates and the server
 * answers 304 until a node, a model or a measure changes (ADR 0040).
 */
export function useRenderNodes(active: boolean): RenderNodesState {
  const [state, setState] = useState<RenderNodesState>({ kind: 'loading' });
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const result = await apiCall<RenderNodesAnswer>('GET', '/render-nodes');
      if (stopped) return;
      setState((previous) =>
        result.ok
          ? sameAnswer(previous, result.data)
            ? previous
            : { kind: 'ready', answer: result.data }
          : { kind: 'error', answer: 'answer' in previous ? previous.answer : null },
      );
      timer = setTimeout(() => void poll(), RENDER_NODES_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active]);
  return state;
}

/** A 304 revalidation gives the same JSON: keep the state (no re-render). */
const sameAnswer = (previous: RenderNodesState, next: RenderNodesAnswer) =>
  previous.kind === 'ready' && JSON.stringify(previous.answer) === JSON.stringify(next);

/** The answer to show, if any (a failed poll keeps the last one). */
export const answerOf = (state: RenderNodesState): RenderNodesAnswer | null =>
  state.kind === 'loading' ? null : state.answer;
