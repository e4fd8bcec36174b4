import type { Transaction } from 'kysely';
import { TERMINAL_STATES } from '../../shared/render/render-job-machine.ts';
import {
  liveRenderBreach,
  liveRenderBreachMessage,
  type LiveRenderLimits,
} from '../../shared/live-render-limits.ts';
import type { Database } from '../db/schema.ts';
import { ApiError } from '../http/errors.ts';

/**
 * The live-render slots of a person and a project (ADR 0018): taken inside
 * the transaction that makes a render live, so two never both take the last.
 */

/**
 * Locks the person's row, then the project's (always in that order: no
 * deadlock), until the transaction ends, so transactions that make a render
 * live for the same person or project run one after the other and two
 * never both take the last slot. Row locks behave alike on PGlite and
 * PostgreSQL; `FOR NO KEY UPDATE` leaves rows that merely reference the
 * person or project (sessions, revisions) free to be written.
 */
export async function lockLiveSlots(
  trx: Transaction<Database>,
  userId: string | null,
  projectId: string,
) {
  const lockRow = (table: 'users' | 'projects', id: string) =>
    trx.selectFrom(table).select('id').where('id', '=', id).forNoKeyUpdate().execute();
  if (userId) await lockRow('users', userId);
  await lockRow('projects', projectId);
}

/** After `lockLiveSlots`: refuses one more live render past a live-render limit (429 naming it). */
export async function refuseOverLiveLimit(
  trx: Transaction<Database>,
  userId: string | null,
  projectId: string,
  liveLimits: LiveRenderLimits,
) {
  const count = (where: 'created_by' | 'project_id', id: string | null) =>
    id === null
      ? Promise.resolve(0)
      : trx
          .selectFrom('renders')
          .select((eb) => eb.fn.countAll<string>().as('live'))
          .where(where, '=', id)
          .where('status', 'not in', TERMINAL_STATES)
          .executeTakeFirstOrThrow()
          .then((row) => Number(row.live));
  const live = {
    user: await count('created_by', userId),
    project: await count('project_id', projectId),
  };
  const breach = liveRenderBreach(live, liveLimits);
  if (breach) throw new ApiError('RATE_LIMITED', liveRenderBreachMessage(breach), { ...breach });
}
