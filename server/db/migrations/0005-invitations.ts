import { sql, type Kysely } from 'kysely';

/**
 * Invitations to a project (issue 9, item 9): a member is added only when
 * the invited person accepts. The link's token is never stored, only its
 * SHA-256. One pending invitation per project and e-mail: inviting again
 * refreshes it (new token, new expiry).
 */
const STATEMENTS = [
  `create table invitations (
      id text primary key,
      project_id text not null references projects(id) on delete cascade,
      email text not null,
      role text not null check (role in ('owner', 'editor', 'viewer')),
      token_hash text not null unique,
      invited_by text not null references users(id) on delete cascade,
      status text not null default 'pending'
        check (status in ('pending', 'accepted', 'declined', 'revoked')),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      accepted_by text references users(id) on delete set null,
      accepted_at timestamptz,
      declined_at timestamptz,
      revoked_at timestamptz
    )`,
  `create unique index invitations_one_pending on invitations(project_id, email)
      where status = 'pending'`,
  // "Invitations for you": pending ones addressed to an e-mail.
  `create index invitations_email on invitations(email) where status = 'pending'`,
];

export async function up(db: Kysely<unknown>) {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table invitations`.execute(db);
}
