import { apiMessage } from '../../shared/api/api-messages.ts';
import { dismissHintSchema, isHintId, type HintId } from '../../shared/api/hints.ts';
import type { Db } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';

/** Hints dismissed for good, per account: the `dismissed_hints` table belongs here. */
export function createHints(db: Db) {
  async function dismissed(userId: string): Promise<HintId[]> {
    const rows = await db
      .selectFrom('dismissed_hints')
      .select('hint')
      .where('user_id', '=', userId)
      .orderBy('hint')
      .execute();
    // A hint retired from the UI may still have rows: only current ones are answered.
    return rows.map((r) => r.hint).filter(isHintId);
  }

  return {
    dismissed,

    /** Dismisses a hint for good (again: no change); answers every hint now dismissed. */
    async dismiss(userId: string, input: unknown): Promise<HintId[]> {
      const { hint } = parseInput(dismissHintSchema, input);
      if (!isHintId(hint)) {
        throw new ApiError(
          'VALIDATION_FAILED',
          apiMessage('errors.api.unknownHint', { id: hint }),
          {
            fields: { hint: `Unknown hint “${hint}”` },
          },
        );
      }
      await db
        .insertInto('dismissed_hints')
        .values({ user_id: userId, hint })
        .onConflict((oc) => oc.columns(['user_id', 'hint']).doNothing())
        .execute();
      return dismissed(userId);
    },
  };
}

export type Hints = ReturnType<typeof createHints>;
