import { assign, setup } from 'xstate';
import type { RenderFailure, RenderProgress, RenderStage } from './render-events.ts';

/**
 * The lifecycle of a render job, shared by the render node (which drives it),
 * the server (which persists and relays it) and the UI (which shows it).
 *
 * Invariants:
 * - Active phases only move forward. Scenes render in parallel, so one
 *   scene's image may be reported after another's segment; the job stays in
 *   the furthest phase reached.
 * - `done` is final. `failed` and `cancelled` accept RETRY, which re-queues
 *   the job (it reuses every cached artifact).
 * - Late events after cancel, failure or completion change nothing.
 */

/** The states in which a node is working on the job, in order. */
const ACTIVE_PHASES = [
  'queued',
  'planning',
  'generating',
  'narrating',
  'encoding',
  'assembling',
  'publishing',
] as const;

/** The states a render never leaves by itself (only RETRY leaves failed or cancelled). */
export const TERMINAL_STATES = ['done', 'failed', 'cancelled'] as const;

export const RENDER_JOB_STATES = [...ACTIVE_PHASES, ...TERMINAL_STATES] as const;
export type RenderJobState = (typeof RENDER_JOB_STATES)[number];

type ActivePhase = (typeof ACTIVE_PHASES)[number];

const PHASE_OF_STAGE: Record<RenderStage, ActivePhase> = {
  plan: 'planning',
  image: 'generating',
  narration: 'narrating',
  segment: 'encoding',
  transition: 'encoding',
  audio: 'assembling',
  captions: 'assembling',
  assemble: 'assembling',
  publish: 'publishing',
};

/** The job state a pipeline stage belongs to. */
export const phaseOfStage = (stage: RenderStage): ActivePhase => PHASE_OF_STAGE[stage];

export const isTerminalState = (state: RenderJobState) =>
  (TERMINAL_STATES as readonly RenderJobState[]).includes(state);

export interface RenderJobOutput {
  videoHash: string;
  posterHash: string;
  durationSec: number;
}

export interface RenderJobContext {
  renderId: string;
  stage: RenderStage | null;
  sceneId: string | null;
  fraction: number;
  etaSec: number | null;
  failure: RenderFailure | null;
  output: RenderJobOutput | null;
  /** How many times a node started the job (retries and stalled-job recoveries count). */
  attempts: number;
}

export type RenderJobEvent =
  | { type: 'START' }
  | { type: 'PROGRESS'; progress: RenderProgress }
  | { type: 'DONE'; output: RenderJobOutput }
  | { type: 'FAIL'; failure: RenderFailure }
  | { type: 'CANCEL' }
  /** The node holding the job died; the queue hands it to another. */
  | { type: 'REQUEUE' }
  | { type: 'RETRY' };

const phaseIndex = (phase: ActivePhase) => ACTIVE_PHASES.indexOf(phase);

/** PROGRESS handlers for a phase: jump to the furthest later phase the event reaches, else stay. */
function progressFrom(phase: ActivePhase) {
  const later = ACTIVE_PHASES.slice(phaseIndex(phase) + 1).reverse();
  return [
    ...later.map((target) => ({
      guard: { type: 'reachesPhase' as const, params: { phase: target } },
      target,
      actions: 'recordProgress' as const,
    })),
    { actions: 'recordProgress' as const },
  ];
}

const whileActive = {
  FAIL: { target: 'failed', actions: 'recordFailure' },
  CANCEL: { target: 'cancelled' },
  REQUEUE: { target: 'queued', actions: 'resetProgress' },
} as const;

const whileRunning = {
  ...whileActive,
  DONE: { target: 'done', actions: 'recordOutput' },
} as const;

export const renderJobMachine = setup({
  types: {
    context: {} as RenderJobContext,
    events: {} as RenderJobEvent,
    input: {} as { renderId: string },
  },
  guards: {
    reachesPhase: ({ event }, params: { phase: ActivePhase }) =>
      event.type === 'PROGRESS' &&
      phaseIndex(phaseOfStage(event.progress.stage)) >= phaseIndex(params.phase),
  },
  actions: {
    recordProgress: assign(({ context, event }) => {
      if (event.type !== 'PROGRESS') return {};
      return {
        stage: event.progress.stage,
        sceneId: event.progress.sceneId,
        fraction: Math.max(context.fraction, event.progress.fraction),
        etaSec: event.progress.etaSec,
      };
    }),
    countAttempt: assign(({ context }) => ({ attempts: context.attempts + 1 })),
    recordFailure: assign(({ event }) =>
      event.type === 'FAIL' ? { failure: event.failure, etaSec: null } : {},
    ),
    recordOutput: assign(({ event }) =>
      event.type === 'DONE' ? { output: event.output, fraction: 1, etaSec: 0 } : {},
    ),
    resetProgress: assign({
      stage: null,
      sceneId: null,
      fraction: 0,
      etaSec: null,
      failure: null,
    }),
  },
}).createMachine({
  id: 'renderJob',
  initial: 'queued',
  context: ({ input }) => ({
    renderId: input.renderId,
    stage: null,
    sceneId: null,
    fraction: 0,
    etaSec: null,
    failure: null,
    output: null,
    attempts: 0,
  }),
  states: {
    queued: {
      on: {
        START: { target: 'planning', actions: 'countAttempt' },
        CANCEL: { target: 'cancelled' },
        // A plan that fails validation fails before any node reported a start.
        FAIL: { target: 'failed', actions: 'recordFailure' },
      },
    },
    planning: { on: { ...whileActive, PROGRESS: progressFrom('planning') } },
    generating: { on: { ...whileRunning, PROGRESS: progressFrom('generating') } },
    narrating: { on: { ...whileRunning, PROGRESS: progressFrom('narrating') } },
    encoding: { on: { ...whileRunning, PROGRESS: progressFrom('encoding') } },
    assembling: { on: { ...whileRunning, PROGRESS: progressFrom('assembling') } },
    publishing: { on: { ...whileRunning, PROGRESS: progressFrom('publishing') } },
    done: { type: 'final' },
    failed: { on: { RETRY: { target: 'queued', actions: 'resetProgress' } } },
    cancelled: { on: { RETRY: { target: 'queued', actions: 'resetProgress' } } },
  },
});
