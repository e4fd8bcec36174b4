import { newId } from '../../shared/ids.ts';
import { TERMINAL_STATES } from '../../shared/render/render-job-machine.ts';
import { initialRenderJob } from '../../shared/render/render-job-state.ts';
import type { PlanJobData } from '../../shared/render/render-queue.ts';
import { timelineLimitIssues, type TimelineLimits } from '../../shared/timeline-limits.ts';
import type { LiveRenderLimits } from '../../shared/live-render-limits.ts';
import { createRenderSchema, type RenderRecord } from '../../shared/api/renders.ts';
import type { Db } from '../db/database.ts';
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
}

/**
 * Writes the render row (or finds the live one for this revision and
 * preset); returns it, whether it is new, and for a new one the plan job
 * to queue, with the revision's timeline already loaded here.
 */
export function createCreate(deps: CreateDeps) {
  const { db, projects, revisions, rows, limits, liveLimits } = deps;
  return async function create(
    userId: string,
    projectId: string,
    input: unknown,
  ): Promise<{ record: RenderRecord; created: boolean; plan: PlanJobData | null }> {
    await projects.authorize(userId, projectId, 'edit');
    const { revisionId, preset, burnCaptions } = parseInput(createRenderSchema, input);
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
    const created = await db.transaction().execute(async (trx) => {
      await lockLiveSlots(trx, userId, projectId);
      // The live render of this revision and settings is answered again: it takes no new slot.
      const existing = await trx
        .selectFrom('renders')
        .select('id')
        .where('revision_id', '=', revisionId)
        .where('preset', '=', preset)
        .where('burn_captions', '=', burnCaptions)
        .where('status', 'not in', TERMINAL_STATES)
        .executeTakeFirst();
      if (existing) return null;
      await refuseOverLiveLimit(trx, userId, projectId, liveLimits);
      return trx
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
    });
    const row = created
      ? await rows.load(id)
      : await rows
          .select()
          .where('renders.revision_id', '=', revisionId)
          .where('renders.preset', '=', preset)
          .where('renders.burn_captions', '=', burnCaptions)
          .where('renders.status', 'not in', TERMINAL_STATES)
          .executeTakeFirst();
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
    return { record: rows.fullRecord(row!), created: !!created, plan };
  };
}
