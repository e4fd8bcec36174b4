import { sql, type Kysely } from 'kysely';

/**
 * Hints a person dismissed for good (issue 12, item 8): one row per person
 * and hint, on the account, so "don't show again" holds in every browser.
 */
export async function up(db: Kysely<unknown>) {
  await sql`create table dismissed_hints (
      user_id text not null references users(id) on delete cascade,
      hint text not null,
      dismissed_at timestamptz not null default now(),
      primary key (user_id, hint)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table dismissed_hints`.execute(db);
}
