import { sql, type Kysely } from 'kysely';

/**
 * Preview links (issue 13): anyone holding the link watches a project's
 * render and follows the project live, read-only, without an account. The
 * token is never stored, only its SHA-256. A revoked link keeps its row (it
 * answers 410, not 404) until its project goes.
 */
const STATEMENTS = [
  `create table share_links (
      id text primary key,
      project_id text not null references projects(id) on delete cascade,
      token_hash text not null unique,
      render_id text references renders(id) on delete cascade,
      allow_comments boolean not null default false,
      label text not null default '',
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      revoked_at timestamptz,
      views integer not null default 0,
      last_viewed_at timestamptz
    )`,
  `create index share_links_project on share_links(project_id, created_at)`,
];

export async function up(db: Kysely<unknown>) {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table share_links`.execute(db);
}
