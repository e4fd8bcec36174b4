import type { Transaction } from 'kysely';
import { newId } from '../../shared/ids.ts';
import { TERMINAL_STATES } from '../../shared/render/render-job-machine.ts';
import { initialRenderJob } from '../../shared/render/render-job-state.ts';
import type { PlanJobData } from '../../shared/render/render-queue.ts';
import {
  plannedDurationSec,
  timelineLimitIssues,
  type TimelineLimits,
} from '../../shared/timeline-limits.ts';
import type { LiveRenderLimits } from '../../shared/live-render-limits.ts';
import { createRenderSchema, type RenderRecord } from '../../shared/api/renders.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { ApiError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import type { Projects } from '../projects/projects.ts';
import { overLimits, type Revisions } from '../revisions/revisions.ts';
import { lockLiveSlots, refuseOverLiveLimit } from './live-slots.ts';
import type { RenderRows } from './render-rows.ts';
import { renderSummary, titlesOf } from './render-summary.ts';

interface CreateDeps {
  db: Db;
  projects: Projects;
  revisions: Revisions;
  rows: RenderRows;
  limits: TimelineLimits;
  liveLimits: LiveRenderLimits;
  /** Refuses a new render over its creator's or its project's quota (server/usage), in the transaction. */
  refuseOverQuota?: RefuseOverQuota;
}

export type RefuseOverQuota = (
  trx: Transaction<Database>,
  userId: string,
  projectId: string,
  plannedSec: number,
) => Promise<void>;

/**
 * Writes the render row, or answers an existing one of this revision and
 * settings: the live one (always), or the newest finished one unless `force`
 * asks for a fresh render (committing with nothing changed must not queue a
 * duplicate). Returns the row, whether it is new, whether it is a finished
 * render reused, and for a new one the plan job to queue, with the
 * revision's timeline already loaded here.
 */
export function createCreate(deps: CreateDeps) {
  const { db, projects, revisions, rows, limits, liveLimits } = deps;
  return async function create(
    userId: string,
    projectId: string,
    input: unknown,
  ): Promise<{
    record: RenderRecord;
    created: boolean;
    reused: boolean;
    plan: PlanJobData | null;
  }> {
    await projects.authorize(userId, projectId, 'edit');
    const { revisionId, preset, burnCaptions, force } = parseInput(createRenderSchema, input);
    const revision = await revisions.load(revisionId);
    if (!revision || revision.projectId !== projectId) {
      throw new ApiError('NOT_FOUND', 'errors.api.revisionNotInProject', {
        fields: { revisionId: 'Unknown revision' },
      });
    }
    // Revisions committed before a limit was set or lowered are held to it here.
    const breaches = timelineLimitIssues(revision.timeline, limits);
    if (breaches.length) throw overLimits(breaches);
    const id = newId();
    const job = initialRenderJob(id);
    const sameSettings = { revisionId, preset, burnCaptions };
    // Under the slot locks (one creation per person and project at a time), so a
    // render found finished or live here is the one answered: no duplicate slips in.
    const outcome = await db.transaction().execute(async (trx) => {
      await lockLiveSlots(trx, userId, projectId);
      // The live render of this revision and settings is answered again: it takes no new slot.
      const live = await existingRender(trx, sameSettings, 'live');
      if (live) return { id: live.id, created: false, reused: false };
      const done = force ? undefined : await existingRender(trx, sameSettings, 'done');
      if (done) return { id: done.id, created: false, reused: true };
      await refuseOverLiveLimit(trx, userId, projectId, liveLimits);
      // Before anything is written or queued: a render over quota leaves no trace.
      await deps.refuseOverQuota?.(trx, userId, projectId, plannedDurationSec(revision.timeline));
      const inserted = await trx
        .insertInto('renders')
        .values({
          id,
          project_id: projectId,
          revision_id: revisionId,
          preset,
          burn_captions: burnCaptions,
          status: job.state,
          job: JSON.stringify(job.context),
          summary: JSON.stringify(renderSummary(null, titlesOf(revision.timeline))),
          attempt: 1,
          created_by: userId,
        })
        .onConflict((oc) =>
          oc
            .columns(['revision_id', 'preset', 'burn_captions'])
            .where('status', 'not in', TERMINAL_STATES)
            .doNothing(),
        )
        .returning('id')
        .executeTakeFirst();
      return inserted ? { id, created: true, reused: false } : null;
    });
    // Only a conflicting insert (a live twin written outside these locks) leaves no row id here.
    const row = outcome
      ? await rows.load(outcome.id)
      : await rows
          .select()
          .where('renders.revision_id', '=', revisionId)
          .where('renders.preset', '=', preset)
          .where('renders.burn_captions', '=', burnCaptions)
          .where('renders.status', 'not in', TERMINAL_STATES)
          .executeTakeFirst();
    const created = outcome?.created ?? false;
    const plan: PlanJobData | null = created
      ? {
          renderId: id,
          attempt: 1,
          owner: userId,
          timeline: revision.timeline,
          preset,
          burnCaptions,
        }
      : null;
    return {
      record: rows.fullRecord(row!),
      created,
      reused: outcome?.reused ?? false,
      plan,
    };
  };
}

/**
 * The render of this revision and settings that is live (queued or running),
 * or the newest one that finished with an output.
 */
function existingRender(
  trx: Transaction<Database>,
  settings: { revisionId: string; preset: string; burnCaptions: boolean },
  which: 'live' | 'done',
) {
  const query = trx
    .selectFrom('renders')
    .select('id')
    .where('revision_id', '=', settings.revisionId)
    .where('preset', '=', settings.preset)
    .where('burn_captions', '=', settings.burnCaptions);
  return (
    which === 'live'
      ? query.where('status', 'not in', TERMINAL_STATES)
      : query.where('status', '=', 'done').orderBy('created_at', 'desc').limit(1)
  ).executeTakeFirst();
}
