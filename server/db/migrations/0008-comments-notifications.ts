import { sql, type Kysely } from 'kysely';

/**
 * Review comments and notifications (issue 13). A comment's author is a
 * member (`author_user_id`) or a guest reviewer on a preview link
 * (`share_link_id`, no foreign key: share links live in their own module);
 * `author_name` keeps the name shown either way. Replies point at their
 * thread's first comment (one level). A user's language (`users.locale`)
 * is remembered for the e-mails sent to them.
 */
const STATEMENTS = [
  `create table comments (
      id text primary key,
      project_id text not null references projects(id) on delete cascade,
      scene_id text not null,
      parent_id text references comments(id) on delete cascade,
      render_id text references renders(id) on delete set null,
      at_sec double precision,
      author_user_id text references users(id) on delete set null,
      author_name text not null,
      share_link_id text,
      body text not null,
      mentions text not null default '[]',
      resolved_at timestamptz,
      resolved_by text references users(id) on delete set null,
      created_at timestamptz not null default now(),
      edited_at timestamptz
    )`,
  `create index comments_by_project on comments(project_id, created_at)`,
  `create index comments_by_parent on comments(parent_id) where parent_id is not null`,
  `create table notifications (
      id text primary key,
      user_id text not null references users(id) on delete cascade,
      kind text not null,
      project_id text references projects(id) on delete cascade,
      actor_id text references users(id) on delete set null,
      actor_name text,
      render_id text,
      scene_id text,
      comment_id text,
      excerpt text,
      created_at timestamptz not null default now(),
      read_at timestamptz
    )`,
  `create index notifications_by_user on notifications(user_id, created_at desc)`,
  `create index notifications_unread on notifications(user_id) where read_at is null`,
  `alter table users add column locale text`,
];

export async function up(db: Kysely<unknown>) {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`alter table users drop column locale`.execute(db);
  await sql`drop table notifications`.execute(db);
  await sql`drop table comments`.execute(db);
}
