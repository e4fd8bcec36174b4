import { getInitialSnapshot, transition } from 'xstate';
import {
  renderJobMachine,
  type RenderJobContext,
  type RenderJobEvent,
  type RenderJobState,
} from './render-job-machine.ts';

/**
 * One step of the render-job machine as a pure function over stored state:
 * the server keeps `{ state, context }` in its database and applies each
 * event through the machine, so the lifecycle rules live in one place.
 */
export interface RenderJobSnapshot {
  state: RenderJobState;
  context: RenderJobContext;
}

export function initialRenderJob(renderId: string): RenderJobSnapshot {
  const initial = getInitialSnapshot(renderJobMachine, { renderId });
  return { state: initial.value as RenderJobState, context: initial.context };
}

export function applyRenderJobEvent(
  current: RenderJobSnapshot,
  event: RenderJobEvent,
): RenderJobSnapshot {
  const snapshot = renderJobMachine.resolveState({
    value: current.state,
    context: current.context,
  });
  const [next] = transition(renderJobMachine, snapshot, event);
  return { state: next.value as RenderJobState, context: next.context };
}
