import { stat } from 'node:fs/promises';
import type { Transaction } from 'kysely';
import { apiMessage } from '../../shared/api/api-messages.ts';
import { monthStart, nextMonthStart, type UsageRecord } from '../../shared/api/usage.ts';
import { parseJsonValue } from '../../shared/json-value.ts';
import { TERMINAL_STATES } from '../../shared/render/render-job-machine.ts';
import type { RenderOutput } from '../../shared/render/render-output.ts';
import { plannedDurationSec } from '../../shared/timeline-limits.ts';
import type { Timeline } from '../../shared/timeline.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { ApiError } from '../http/errors.ts';

export interface Quotas {
  renderMinutesPerMonth: number | null;
  storageBytesPerProject: number | null;
}

/** Where a hash's file is, whatever its extension (MediaStore.locate). */
export type LocateMedia = (hash: string) => Promise<string | null>;

type Reader = Db | Transaction<Database>;

const minutes = (sec: number) => Math.round((sec / 60) * 100) / 100;

/** Every media hash a render output names (video, poster, captions, audio, scenes' artifacts). */
export function outputHashes(output: RenderOutput): string[] {
  return [
    output.video.hash,
    output.poster.hash,
    output.captions.vtt.hash,
    output.captions.srt.hash,
    output.audio.hash,
    ...output.thumbnails.map((t) => t.thumbnail.hash),
    ...output.transitions.map((t) => t.hash),
    ...output.referenced,
  ];
}

/**
 * Usage and quotas (issue 16). Render minutes: per creator and calendar month
 * (UTC), the durations of their finished renders, plus the planned durations
 * of their live ones when a new render is checked (so renders queued at once
 * cannot slip past the quota together). Storage: per project, the bytes of
 * the distinct media files its finished renders and its committed music beds
 * refer to (an approximation documented in docs/api.md: a file shared by two
 * projects counts in each; uploads not yet committed do not count).
 */
export function createUsage(deps: { db: Db; quotas: Quotas; locate: LocateMedia }) {
  const { db, quotas } = deps;

  async function finishedSecThisMonth(reader: Reader, userId: string, now: Date) {
    const rows = await reader
      .selectFrom('renders')
      .select('summary')
      .where('created_by', '=', userId)
      .where('status', '=', 'done')
      .where('finished_at', '>=', monthStart(now))
      .execute();
    return rows.reduce((total, row) => {
      const summary = parseJsonValue<{ output: RenderOutput | null } | null>(row.summary);
      return total + (summary?.output?.durationSec ?? 0);
    }, 0);
  }

  async function liveSec(reader: Reader, userId: string) {
    const rows = await reader
      .selectFrom('renders')
      .innerJoin('revisions', 'revisions.id', 'renders.revision_id')
      .select('revisions.timeline')
      .where('renders.created_by', '=', userId)
      .where('renders.status', 'not in', TERMINAL_STATES)
      .execute();
    return rows.reduce(
      (total, row) => total + plannedDurationSec(parseJsonValue<Timeline>(row.timeline)),
      0,
    );
  }

  async function projectStorageBytes(projectId: string) {
    const [renders, revisions] = await Promise.all([
      db
        .selectFrom('renders')
        .select('summary')
        .where('project_id', '=', projectId)
        .where('status', '=', 'done')
        .execute(),
      db.selectFrom('revisions').select('timeline').where('project_id', '=', projectId).execute(),
    ]);
    const hashes = new Set<string>();
    for (const row of renders) {
      const output = parseJsonValue<{ output: RenderOutput | null } | null>(row.summary)?.output;
      if (output) for (const hash of outputHashes(output)) hashes.add(hash);
    }
    for (const row of revisions) {
      const asset = parseJsonValue<Timeline>(row.timeline).music?.asset;
      if (asset) hashes.add(asset);
    }
    let bytes = 0;
    for (const hash of hashes) {
      const file = await deps.locate(hash);
      if (file)
        bytes += await stat(file).then(
          (s) => s.size,
          () => 0,
        );
    }
    return bytes;
  }

  return {
    projectStorageBytes,

    /**
     * Refuses (402 QUOTA_EXCEEDED) a new render whose planned seconds would
     * take its creator past the monthly render minutes, or a render of a
     * project whose stored media already fills its storage quota. Called in
     * the render-creation transaction, under the creator's slot lock.
     */
    async refuseOverQuota(
      trx: Transaction<Database>,
      userId: string,
      projectId: string,
      plannedSec: number,
      now = new Date(),
    ) {
      const resetAt = nextMonthStart(now).toISOString();
      if (quotas.renderMinutesPerMonth !== null) {
        const usedSec =
          (await finishedSecThisMonth(trx, userId, now)) + (await liveSec(trx, userId));
        if ((usedSec + plannedSec) / 60 > quotas.renderMinutesPerMonth) {
          throw new ApiError(
            'QUOTA_EXCEEDED',
            apiMessage('errors.api.quotaExceeded', {
              used: minutes(usedSec),
              limit: quotas.renderMinutesPerMonth,
              requested: minutes(plannedSec),
              resetAt,
            }),
            {
              quota: 'renderMinutes',
              used: minutes(usedSec),
              requested: minutes(plannedSec),
              limit: quotas.renderMinutesPerMonth,
              resetAt,
            },
          );
        }
      }
      if (quotas.storageBytesPerProject !== null) {
        const used = await projectStorageBytes(projectId);
        if (used >= quotas.storageBytesPerProject) {
          throw new ApiError(
            'QUOTA_EXCEEDED',
            apiMessage('errors.api.storageQuotaExceeded', {
              used,
              limit: quotas.storageBytesPerProject,
            }),
            { quota: 'storage', used, limit: quotas.storageBytesPerProject, resetAt: null },
          );
        }
      }
    },

    /** GET /me/usage: this month's render minutes, and the storage of each project the user owns. */
    async of(userId: string, now = new Date()): Promise<UsageRecord> {
      const owned = await db
        .selectFrom('projects')
        .innerJoin('project_members', 'project_members.project_id', 'projects.id')
        .select(['projects.id', 'projects.title'])
        .where('project_members.user_id', '=', userId)
        .where('project_members.role', '=', 'owner')
        .orderBy('projects.title')
        .execute();
      return {
        renderMinutes: {
          used: minutes(await finishedSecThisMonth(db, userId, now)),
          limit: quotas.renderMinutesPerMonth,
          resetAt: nextMonthStart(now).toISOString(),
        },
        storage: {
          limit: quotas.storageBytesPerProject,
          projects: await Promise.all(
            owned.map(async (p) => ({
              id: p.id,
              title: p.title,
              used: await projectStorageBytes(p.id),
            })),
          ),
        },
      };
    },
  };
}

export type Usage = ReturnType<typeof createUsage>;
