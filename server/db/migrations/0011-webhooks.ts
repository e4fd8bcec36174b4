import { sql, type Kysely } from 'kysely';

/**
 * Webhooks and their deliveries (issue 16, ADR 0043). A webhook belongs to a
 * project; its `secret` is kept so deliveries can be signed (never shown
 * again after creation). A delivery is one event for one webhook: its id is
 * the `Montage-Delivery` header on every attempt, `attempt` counts the tries,
 * and `status` goes pending → sending → (retrying → sending …) → succeeded or
 * failed. The index on finished renders per creator serves usage (render
 * minutes per month).
 */
const STATEMENTS = [
  `create table webhooks (
      id text primary key,
      project_id text not null references projects(id) on delete cascade,
      url text not null,
      events text not null,
      secret text not null,
      enabled boolean not null default true,
      failure_count integer not null default 0,
      created_by text references users(id) on delete set null,
      created_at timestamptz not null default now(),
      disabled_at timestamptz,
      disabled_reason text
    )`,
  `create index webhooks_by_project on webhooks(project_id, created_at)`,
  `create table webhook_deliveries (
      id text primary key,
      webhook_id text not null references webhooks(id) on delete cascade,
      event_id text not null,
      event_type text not null,
      payload text not null,
      attempt integer not null default 0,
      status text not null default 'pending',
      http_status integer,
      duration_ms integer,
      answer_excerpt text,
      error text,
      next_attempt_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      delivered_at timestamptz
    )`,
  `create index webhook_deliveries_by_webhook on webhook_deliveries(webhook_id, created_at desc)`,
  `create index webhook_deliveries_unfinished on webhook_deliveries(status) where status in ('pending', 'sending', 'retrying')`,
  `create index renders_finished_by_creator on renders(created_by, finished_at) where status = 'done'`,
];

export async function up(db: Kysely<unknown>) {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop index renders_finished_by_creator`.execute(db);
  await sql`drop table webhook_deliveries`.execute(db);
  await sql`drop table webhooks`.execute(db);
}
