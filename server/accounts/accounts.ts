import { newId } from '../../shared/ids.ts';
import { loginSchema, signupFields, type PublicUser } from '../../shared/api/accounts.ts';
import { keyedIssueParams } from '../../shared/api/field-errors.ts';
import type { Db } from '../db/database.ts';
import { ApiError, fieldRefusal } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import type { RateLimits } from '../http/rate-limit.ts';
import { hashSecretToken, newSecretToken } from './secret-token.ts';
import {
  DUMMY_HASH,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PASSWORD_MESSAGES,
  passwordWeaknessReason,
  verifyPassword,
} from './passwords.ts';

export interface SessionInfo {
  sessionId: string;
  user: PublicUser;
}

// The password is judged with the whole form: the user's own name and email count as guessable.
export const signupSchema = signupFields.superRefine(({ email, name, password }, ctx) => {
  const reason = passwordWeaknessReason(password, [name, email]);
  if (!reason) return;
  ctx.addIssue({
    code: 'custom',
    path: ['password'],
    message: PASSWORD_MESSAGES[reason],
    params: keyedIssueParams(`errors.password.${reason}`, {
      min: MIN_PASSWORD_LENGTH,
      max: MAX_PASSWORD_LENGTH,
    }),
  });
});

/** The rate limits sign-in and sign-up spend (rules in config.authLimits). */
export type AuthLimit = 'signInByAddress' | 'signInByAccount' | 'signUpByAddress';

/** Who is asking: the client address, from clientAddress() (server/http/client-address.ts). */
export interface Caller {
  address: string;
}

/**
 * Accounts and sessions: the `users` and `sessions` tables belong to this module.
 * Sign-in and sign-up spend their rate limits here, in the domain function,
 * before any scrypt: every way in (API, Remix action, however its URL is
 * spelled) goes through the same check.
 */
export function createAccounts(
  db: Db,
  options: { sessionTtlDays: number; limits: RateLimits<AuthLimit> },
) {
  const { limits } = options;
  // The per-account key is a hash: Redis never holds e-mail addresses.
  const accountKey = (email: string) => hashSecretToken(email);

  async function startSession(userId: string) {
    const token = newSecretToken();
    const sessionId = newId();
    const expiresAt = new Date(Date.now() + options.sessionTtlDays * 86_400_000);
    await db
      .insertInto('sessions')
      .values({
        id: sessionId,
        user_id: userId,
        token_hash: hashSecretToken(token),
        expires_at: expiresAt,
      })
      .execute();
    return { token, sessionId, expiresAt };
  }

  return {
    async signup(input: unknown, caller: Caller) {
      await limits.consume('signUpByAddress', caller.address);
      const { email, name, password } = parseInput(signupSchema, input);
      const id = newId();
      const passwordHash = await hashPassword(password);
      const inserted = await db
        .insertInto('users')
        .values({ id, email, name, password_hash: passwordHash })
        .onConflict((oc) => oc.column('email').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) {
        throw fieldRefusal('EMAIL_TAKEN', 'errors.api.emailTaken', 'email', 'errors.email.taken');
      }
      const session = await startSession(id);
      return { ...session, user: { id, email, name } };
    },

    /**
     * Every attempt spends one from the address and one from the account
     * (known or not, so a 429 reveals nothing); a success gives the
     * account its attempts back.
     */
    async login(input: unknown, caller: Caller) {
      await limits.consume('signInByAddress', caller.address);
      const { email, password } = parseInput(loginSchema, input);
      await limits.consume('signInByAccount', accountKey(email));
      const user = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirst();
      // Verify against a dummy hash for unknown emails: same time, same message.
      const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
      if (!user || !ok) throw new ApiError('INVALID_CREDENTIALS', 'errors.api.invalidCredentials');
      await limits.reset('signInByAccount', accountKey(email));
      const session = await startSession(user.id);
      return { ...session, user: { id: user.id, email: user.email, name: user.name } };
    },

    /** The live session behind a token, or null when unknown, expired or revoked. */
    async authenticate(token: string): Promise<SessionInfo | null> {
      if (!token || token.length > 200) return null;
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'sessions.id as sessionId',
          'users.id',
          'users.email',
          'users.name',
          'sessions.expires_at',
          'sessions.revoked_at',
        ])
        .where('sessions.token_hash', '=', hashSecretToken(token))
        .executeTakeFirst();
      if (!row || row.revoked_at || new Date(row.expires_at).getTime() <= Date.now()) return null;
      return { sessionId: row.sessionId, user: { id: row.id, email: row.email, name: row.name } };
    },

    async isSessionLive(sessionId: string): Promise<boolean> {
      const row = await db
        .selectFrom('sessions')
        .select(['expires_at', 'revoked_at'])
        .where('id', '=', sessionId)
        .executeTakeFirst();
      return !!row && !row.revoked_at && new Date(row.expires_at).getTime() > Date.now();
    },

    async revokeSession(sessionId: string) {
      await db
        .updateTable('sessions')
        .set({ revoked_at: new Date() })
        .where('id', '=', sessionId)
        .where('revoked_at', 'is', null)
        .execute();
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
