import { isTerminalState } from '../../shared/render/render-job-machine.ts';
import type { RenderOutput } from '../../shared/render/render-output.ts';
import {
  createProgressTracker,
  type ProgressTracker,
} from '../../shared/render/render-progress.ts';
import type { PlannedUnit } from '../../shared/render/render-queue.ts';
import type { StageProgress } from '../../shared/render/render-events.ts';
import { newRelayState, type Relay, type RelayState } from './relay.ts';
import type { RenderRecord } from '../../shared/api/renders.ts';
import { summarise, type RenderDetail } from './render-summary.ts';
import type { Renders } from './renders.ts';

const PERSIST_INTERVAL_MS = 1000;

/** What this instance keeps in memory about a render in progress. */
export interface LiveRender extends RelayState {
  attempt: number;
  tracker: ProgressTracker;
  detail: RenderDetail;
  lastPersist: number;
}

/** The key of a progress unit in `RenderDetail.unitFractions`. */
export const unitKey = (unit: { stage: string; sceneId: string | null }) =>
  `${unit.stage}:${unit.sceneId ?? ''}`;

/** A unit's fraction only grows: a late, lower report (a retried job) never moves it back. */
export function recordUnitFraction(detail: RenderDetail, progress: StageProgress) {
  const key = unitKey(progress);
  detail.unitFractions[key] = Math.max(detail.unitFractions[key] ?? 0, progress.fraction);
}

/** Whether progress is written to the database now: at most once a second per render. */
export const persistDue = (lastPersist: number, now: number) =>
  now - lastPersist >= PERSIST_INTERVAL_MS;

/** The detail of a finished render: every unit complete, and its output. */
export function finishedDetail(
  stored: RenderDetail | null,
  live: RenderDetail | undefined,
  output: RenderOutput,
): RenderDetail {
  const units: PlannedUnit[] = stored?.units ?? live?.units ?? [];
  return {
    units,
    sceneIds: stored?.sceneIds ?? live?.sceneIds ?? [],
    unitFractions: Object.fromEntries(units.map((u) => [unitKey(u), 1])),
    output,
  };
}

/** The record with the in-memory detail (newer than the stored one between persists). */
export function withLiveDetail(record: RenderRecord, detail: RenderDetail): RenderRecord {
  const { stages, scenes } = summarise(detail);
  return {
    ...record,
    stages,
    scenes: record.scenes.map((s) => ({ ...s, fraction: scenes[s.id] ?? s.fraction })),
  };
}

function liveRender(renderId: string, attempt: number, detail: RenderDetail): LiveRender {
  return {
    attempt,
    tracker: createProgressTracker({ renderId, units: detail.units }),
    detail,
    lastPersist: 0,
    ...newRelayState(),
  };
}

/**
 * The renders in progress on this instance, and how their progress is
 * recorded: aggregated in memory, persisted at most once a second, relayed
 * at most four times a second.
 */
export function createLiveRenders(renders: Renders, relay: Relay) {
  const live = new Map<string, LiveRender>();

  /**
   * Progress for a render this instance has no tracker for (it restarted, or
   * missed `planned`): rebuild one from the stored detail, starting the job
   * if the start was missed too.
   */
  async function resume(renderId: string, attempt: number): Promise<LiveRender | null> {
    const stored = await renders.storedProgress(renderId);
    if (!stored || stored.attempt !== attempt || isTerminalState(stored.status)) return null;
    if (stored.status === 'queued') await renders.applyEvent(renderId, { type: 'START' });
    const units = stored.detail?.units ?? [];
    const state = liveRender(
      renderId,
      attempt,
      stored.detail ?? { units, sceneIds: [], unitFractions: {}, output: null },
    );
    for (const unit of units) {
      const fraction = state.detail.unitFractions[unitKey(unit)];
      if (fraction) state.tracker.update({ stage: unit.stage, sceneId: unit.sceneId, fraction });
    }
    live.set(renderId, state);
    return state;
  }

  return {
    get: (renderId: string) => live.get(renderId),

    /** A render the node has just planned: its units are known, progress starts. */
    async planned(renderId: string, attempt: number, units: PlannedUnit[], sceneIds: string[]) {
      const detail: RenderDetail = { units, sceneIds, unitFractions: {}, output: null };
      const state = liveRender(renderId, attempt, detail);
      live.set(renderId, state);
      await renders.applyEvent(renderId, { type: 'START' });
      relay.relay(
        await renders.applyEvent(
          renderId,
          {
            type: 'PROGRESS',
            progress: state.tracker.update({ stage: 'plan', sceneId: null, fraction: 1 }),
          },
          () => detail,
        ),
      );
    },

    /** One unit's progress: aggregated, persisted when due, relayed throttled. Old attempts are ignored. */
    async progress(renderId: string, attempt: number, progress: StageProgress) {
      const state = live.get(renderId) ?? (await resume(renderId, attempt));
      if (!state || state.attempt !== attempt) return; // an old attempt
      recordUnitFraction(state.detail, progress);
      const overall = state.tracker.update(progress);
      const now = Date.now();
      const persist = persistDue(state.lastPersist, now);
      if (persist) state.lastPersist = now;
      const record = await renders.applyEvent(
        renderId,
        { type: 'PROGRESS', progress: overall },
        persist ? () => state.detail : undefined,
      );
      // Keep the in-memory detail in what is relayed even between persists.
      if (record) relay.throttled(state, withLiveDetail(record, state.detail));
    },

    /**
     * Drops a render's live state, and its pending throttled relay: a stale
     * progress update sent after the final one would leave clients showing it.
     */
    forget(renderId: string) {
      const state = live.get(renderId);
      if (state) relay.cancelPending(state);
      live.delete(renderId);
    },

    close() {
      for (const state of live.values()) relay.cancelPending(state);
    },
  };
}

export type LiveRenders = ReturnType<typeof createLiveRenders>;
