import { sql, type Kysely } from 'kysely';

const STATEMENTS = [
  `create table renders (
      id text primary key,
      project_id text not null references projects(id) on delete cascade,
      revision_id text not null references revisions(id) on delete cascade,
      preset text not null,
      burn_captions boolean not null default false,
      status text not null,
      job jsonb not null,
      attempt integer not null default 0,
      progress jsonb,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      updated_at timestamptz not null default now()
    )`,
  `create index renders_project on renders(project_id, created_at desc)`,
  // At most one live render per revision and settings: a second submission returns it.
  `create unique index renders_one_active on renders(revision_id, preset, burn_captions)
      where status not in ('done', 'failed', 'cancelled')`,
];

export async function up(db: Kysely<unknown>) {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table renders`.execute(db);
}
