import { sql, type Kysely } from 'kysely';

/**
 * Personal API tokens (issue 16, ADR 0042): a named secret with scopes that
 * authenticates `Authorization: Bearer mnt_…` on the API. Only the secret's
 * SHA-256 is stored; `prefix` is its first characters, to tell tokens apart
 * in a list. Revoked rows stay (revoked_at) so a listing can say so.
 */
export async function up(db: Kysely<unknown>) {
  await sql`create table api_tokens (
      id text primary key,
      user_id text not null references users(id) on delete cascade,
      name text not null,
      scopes text[] not null,
      token_hash text not null unique,
      prefix text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);
  await sql`create index api_tokens_user on api_tokens (user_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table api_tokens`.execute(db);
}
