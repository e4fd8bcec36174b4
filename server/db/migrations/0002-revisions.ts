import { sql, type Kysely } from 'kysely';

const STATEMENTS = [
  `create table revisions (
      id text primary key,
      project_id text not null references projects(id) on delete cascade,
      number integer not null,
      parent_id text,
      author_id text references users(id) on delete set null,
      message text not null,
      timeline jsonb not null,
      doc_state bytea not null,
      created_at timestamptz not null default now(),
      unique (project_id, number)
    )`,
  `create index revisions_project on revisions(project_id, number desc)`,
];

export async function up(db: Kysely<unknown>) {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table revisions`.execute(db);
}
