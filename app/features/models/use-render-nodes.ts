import { useEffect, useSyncExternalStore } from 'react';
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
 * One poll of `GET /api/v1/render-nodes` for the whole page, running while
 * at least one component wants it (the models panel, the settings dialog,
 * the cast voices): every 5 s. The answer carries an ETag and
 * `Cache-Control: no-cache`, so the browser revalidates and the server
 * answers 304 until a node, a model or a measure changes (ADR 0040).
 */
const poller = {
  state: { kind: 'loading' } as RenderNodesState,
  listeners: new Set<() => void>(),
  users: 0,
  timer: undefined as ReturnType<typeof setTimeout> | undefined,
  /** Bumped on stop: a poll answered after it is dropped. */
  run: 0,
};

function setState(next: RenderNodesState) {
  poller.state = next;
  for (const listener of poller.listeners) listener();
}

async function poll(run: number) {
  const result = await apiCall<RenderNodesAnswer>('GET', '/render-nodes');
  if (run !== poller.run) return;
  const previous = poller.state;
  if (!result.ok) {
    setState({ kind: 'error', answer: 'answer' in previous ? previous.answer : null });
  } else if (
    // A 304 revalidation gives the same JSON: keep the state (no re-render).
    previous.kind !== 'ready' ||
    JSON.stringify(previous.answer) !== JSON.stringify(result.data)
  ) {
    setState({ kind: 'ready', answer: result.data });
  }
  poller.timer = setTimeout(() => void poll(run), RENDER_NODES_POLL_MS);
}

function start() {
  poller.users += 1;
  if (poller.users === 1) void poll(poller.run);
  return () => {
    poller.users -= 1;
    if (poller.users > 0) return;
    poller.run += 1;
    clearTimeout(poller.timer);
  };
}

const subscribe = (listener: () => void) => {
  poller.listeners.add(listener);
  return () => poller.listeners.delete(listener);
};
const LOADING: RenderNodesState = { kind: 'loading' };

/** The live render nodes, polled while `active` (and while anything else on the page wants them). */
export function useRenderNodes(active: boolean): RenderNodesState {
  useEffect(() => (active ? start() : undefined), [active]);
  return useSyncExternalStore(
    subscribe,
    () => poller.state,
    () => LOADING,
  );
}

/** The answer to show, if any (a failed poll keeps the last one). */
export const answerOf = (state: RenderNodesState): RenderNodesAnswer | null =>
  state.kind === 'loading' ? null : state.answer;
