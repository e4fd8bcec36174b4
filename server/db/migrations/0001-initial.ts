import { sql, type Kysely } from 'kysely';

const STATEMENTS = [
  `create table users (
      id text primary key,
      email text not null unique,
      name text not null,
      password_hash text not null,
      created_at timestamptz not null default now()
    )`,
  `create table sessions (
      id text primary key,
      user_id text not null references users(id) on delete cascade,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz
    )`,
  `create index sessions_user on sessions(user_id)`,
  `create table projects (
      id text primary key,
      title text not null,
      owner_id text not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
  `create table project_members (
      project_id text not null references projects(id) on delete cascade,
      user_id text not null references users(id) on delete cascade,
      role text not null check (role in ('owner', 'editor', 'viewer')),
      added_at timestamptz not null default now(),
      primary key (project_id, user_id)
    )`,
  `create index project_members_user on project_members(user_id)`,
  `create table documents (
      name text primary key references projects(id) on delete cascade,
      snapshot bytea not null,
      updated_at timestamptz not null default now()
    )`,
  `create table document_updates (
      id bigint generated always as identity primary key,
      document text not null references projects(id) on delete cascade,
      writer text not null,
      data bytea not null,
      created_at timestamptz not null default now()
    )`,
  `create index document_updates_document on document_updates(document, id)`,
];

export async function up(db: Kysely<unknown>) {
  // One statement per query: PGlite's extended protocol takes a single command.
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
export async function down(db: Kysely<unknown>) {
  await sql`drop table document_updates, documents, project_members, projects, sessions, users`.execute(
    db,
  );
}
