import { sql, type Kysely } from 'kysely';

/**
 * Live renders (queued or running) are counted per creator and per project
 * each time a render is created or retried (the live-render limits, issue 9
 * item 8): partial indexes keep that count to the few live rows.
 */
export async function up(db: Kysely<unknown>) {
  await sql`create index renders_live_by_creator on renders(created_by)
      where status not in ('done', 'failed', 'cancelled')`.execute(db);
  await sql`create index renders_live_by_project on renders(project_id)
      where status not in ('done', 'failed', 'cancelled')`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop index renders_live_by_project`.execute(db);
  await sql`drop index renders_live_by_creator`.execute(db);
}
