import { newId } from '../../shared/ids.ts';
import {
  API_TOKEN_PREFIX,
  createApiTokenSchema,
  isApiScope,
  type ApiScope,
  type ApiTokenSummary,
  type CreatedApiToken,
} from '../../shared/api/api-tokens.ts';
import type { PublicUser } from '../../shared/api/accounts.ts';
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ApiTokensTable } from '../db/schema.ts';
import { ApiError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import { hashSecretToken, newSecretToken } from './secret-token.ts';

/** Who a personal API token speaks for, and what it may do. */
export interface ApiTokenCaller {
  tokenId: string;
  scopes: ApiScope[];
  user: PublicUser;
}

/** last_used_at is written at most this often per token: a busy token is not a write per request. */
export const LAST_USED_PRECISION_MS = 60_000;
/** Characters of the secret kept for display (`mnt_` and four more): enough to tell tokens apart. */
const SHOWN_PREFIX = API_TOKEN_PREFIX.length + 4;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Whether a bearer value is an API token (else it may be a session token). */
export const isApiTokenValue = (bearer: string) => bearer.startsWith(API_TOKEN_PREFIX);

/**
 * Personal API tokens (issue 16, ADR 0042): the `api_tokens` table belongs
 * here. The secret (`mnt_` + 32 random bytes) is answered once at creation;
 * only its SHA-256 is stored, like sessions' (secret-token.ts).
 */
export function createApiTokens(db: Db, clock: () => number = Date.now) {
  const summary = (
    row: Omit<Selectable<ApiTokensTable>, 'user_id' | 'token_hash'>,
  ): ApiTokenSummary => ({
    id: row.id,
    name: row.name,
    scopes: row.scopes.filter(isApiScope),
    prefix: row.prefix,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: iso(row.expires_at),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  });

  return {
    async create(userId: string, input: unknown): Promise<CreatedApiToken> {
      const { name, scopes, expiresInSeconds } = parseInput(createApiTokenSchema, input);
      const token = `${API_TOKEN_PREFIX}${newSecretToken()}`;
      const expiresAt = expiresInSeconds ? new Date(clock() + expiresInSeconds * 1000) : null;
      const id = newId();
      await db
        .insertInto('api_tokens')
        .values({
          id,
          user_id: userId,
          name,
          scopes,
          token_hash: hashSecretToken(token),
          prefix: token.slice(0, SHOWN_PREFIX),
          expires_at: expiresAt,
        })
        .execute();
      return { id, token, name, scopes, expiresAt: iso(expiresAt) };
    },

    /** The user's tokens, newest first, revoked ones included (never a secret). */
    async list(userId: string): Promise<ApiTokenSummary[]> {
      const rows = await db
        .selectFrom('api_tokens')
        .select([
          'id',
          'name',
          'scopes',
          'prefix',
          'created_at',
          'expires_at',
          'last_used_at',
          'revoked_at',
        ])
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(summary);
    },

    /** Revokes one of the user's tokens at once; another user's or an unknown id: 404. */
    async revoke(userId: string, tokenId: string): Promise<void> {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: new Date(clock()) })
        .where('id', '=', tokenId)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (result.numUpdatedRows > 0n) return;
      const exists = await db
        .selectFrom('api_tokens')
        .select('id')
        .where('id', '=', tokenId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      // Revoking twice is no error: the token is revoked either way.
      if (!exists) throw new ApiError('NOT_FOUND', 'errors.api.apiTokenNotFound');
    },

    /**
     * The caller behind a bearer API token, or null when unknown, revoked or
     * expired. Records its use, at most once a minute (the condition is in
     * the UPDATE, so instances racing write once).
     */
    async authenticate(token: string): Promise<ApiTokenCaller | null> {
      if (!isApiTokenValue(token) || token.length > 200) return null;
      const row = await db
        .selectFrom('api_tokens')
        .innerJoin('users', 'users.id', 'api_tokens.user_id')
        .select([
          'api_tokens.id as tokenId',
          'api_tokens.scopes',
          'api_tokens.expires_at',
          'api_tokens.revoked_at',
          'api_tokens.last_used_at',
          'users.id',
          'users.email',
          'users.name',
        ])
        .where('api_tokens.token_hash', '=', hashSecretToken(token))
        .executeTakeFirst();
      const now = clock();
      if (!row || row.revoked_at) return null;
      if (row.expires_at && new Date(row.expires_at).getTime() <= now) return null;
      if (!row.last_used_at || new Date(row.last_used_at).getTime() <= now - LAST_USED_PRECISION_MS)
        await recordUse(row.tokenId, now);
      return {
        tokenId: row.tokenId,
        scopes: row.scopes.filter(isApiScope),
        user: { id: row.id, email: row.email, name: row.name },
      };
    },
  };

  async function recordUse(tokenId: string, now: number) {
    const stale = new Date(now - LAST_USED_PRECISION_MS);
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: new Date(now) })
      .where('id', '=', tokenId)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', stale)]))
      .execute();
  }
}

export type ApiTokens = ReturnType<typeof createApiTokens>;
