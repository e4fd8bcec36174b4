import { parseJsonValue } from '../../shared/json-value.ts';
import {
  isTerminalState,
  type RenderJobContext,
  type RenderJobEvent,
  type RenderJobState,
} from '../../shared/render/render-job-machine.ts';
import {
  applyRenderJobEvent,
  type RenderJobSnapshot,
} from '../../shared/render/render-job-state.ts';
import type { LiveRenderLimits } from '../../shared/live-render-limits.ts';
import type { RenderRecord } from '../../shared/api/renders.ts';
import type { Db } from '../db/database.ts';
import { lockLiveSlots, refuseOverLiveLimit } from './live-slots.ts';
import type { RenderRows } from './render-rows.ts';
import {
  renderSummary,
  titlesOf,
  titlesOfSummary,
  type RenderDetail,
  type RenderSummary,
} from './render-summary.ts';

/**
 * A render that has just ended: who queued it hears about a finish or a
 * failure, webhooks about any end. Told once, by the instance whose
 * transaction moved the render to its end (the row is locked: only one can).
 */
export interface RenderEnded {
  renderId: string;
  projectId: string;
  createdBy: string | null;
  status: 'done' | 'failed' | 'cancelled';
  /** The render as stored after the change. */
  record: RenderRecord | null;
}

/**
 * Applies a lifecycle event to a stored render through the machine and
 * saves the result; returns the record, or null when the event changed
 * nothing (late events after cancel, failure or completion).
 */
export function createApplyEvent(
  db: Db,
  rows: RenderRows,
  liveLimits: LiveRenderLimits,
  onEnded: (ended: RenderEnded) => void = () => {},
) {
  return async function applyEvent(
    renderId: string,
    event: RenderJobEvent,
    updateDetail?: (detail: RenderDetail | null) => RenderDetail | null,
  ): Promise<RenderRecord | null> {
    // Set inside the transaction that moved the render to its end (only one can: the row is locked).
    let ended: Omit<RenderEnded, 'record'> | null = null;
    const record = await db
      .transaction()
      .execute(async (trx) => {
        const row = await trx
          .selectFrom('renders')
          .select([
            'status',
            'job',
            'progress',
            'summary',
            'revision_id',
            'started_at',
            'created_by',
            'project_id',
          ])
          .where('id', '=', renderId)
          .forUpdate()
          .executeTakeFirst();
        if (!row) return null;
        const current: RenderJobSnapshot = {
          state: row.status as RenderJobState,
          context: parseJsonValue<RenderJobContext>(row.job),
        };
        const next = applyRenderJobEvent(current, event);
        // A finished render made live again (a retry) takes a slot like a new one.
        if (isTerminalState(current.state) && !isTerminalState(next.state)) {
          await lockLiveSlots(trx, row.created_by, row.project_id);
          await refuseOverLiveLimit(trx, row.created_by, row.project_id, liveLimits);
        }
        const detailBefore = parseJsonValue<RenderDetail | null>(row.progress);
        const unchanged =
          next.state === current.state &&
          JSON.stringify(next.context) === JSON.stringify(current.context);
        if (unchanged && !updateDetail) return null;
        // Detail only moves while the job is live (or to record its output when it finishes).
        const detail =
          updateDetail && (!isTerminalState(current.state) || event.type === 'RETRY')
            ? updateDetail(detailBefore)
            : detailBefore;
        const stored = parseJsonValue<RenderSummary | null>(row.summary);
        const titles = stored
          ? titlesOfSummary(stored)
          : titlesOf(
              (
                await trx
                  .selectFrom('revisions')
                  .select('timeline')
                  .where('id', '=', row.revision_id)
                  .executeTakeFirst()
              )?.timeline ?? null,
            );
        const now = new Date();
        await trx
          .updateTable('renders')
          .set({
            status: next.state,
            job: JSON.stringify(next.context),
            progress: detail ? JSON.stringify(detail) : null,
            summary: JSON.stringify(renderSummary(detail, titles)),
            updated_at: now,
            ...(event.type === 'START' && !row.started_at ? { started_at: now } : {}),
            ...(isTerminalState(next.state) && !isTerminalState(current.state)
              ? { finished_at: now }
              : {}),
            ...(event.type === 'RETRY' ? { finished_at: null } : {}),
          })
          .where('id', '=', renderId)
          .execute();
        if (
          (next.state === 'done' || next.state === 'failed' || next.state === 'cancelled') &&
          !isTerminalState(current.state)
        ) {
          ended = {
            renderId,
            projectId: row.project_id,
            createdBy: row.created_by,
            status: next.state,
          };
        }
        return true;
      })
      .then(async (changed) => (changed ? rows.fullRecord((await rows.load(renderId))!) : null));
    if (ended) onEnded({ ...(ended as Omit<RenderEnded, 'record'>), record });
    return record;
  };
}
