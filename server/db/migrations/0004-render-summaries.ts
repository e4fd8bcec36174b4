import { sql, type Kysely } from 'kysely';

/**
 * What the renders list shows of a render (scene titles and fractions, stage
 * fractions, the output), kept up to date by every lifecycle event, so the
 * list reads stored fields only: no revision timeline, no progress detail.
 * Null for renders written before this migration (filled on their next event).
 */
export async function up(db: Kysely<unknown>) {
  await sql`alter table renders add column summary jsonb`.execute(db);
  // The list pages by (created_at, id) within a project.
  await sql`create index renders_project_page on renders(project_id, created_at desc, id desc)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>) {
  await sql`drop index renders_project_page`.execute(db);
  await sql`alter table renders drop column summary`.execute(db);
}
