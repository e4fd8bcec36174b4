import { mkdirSync } from 'node:fs';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Database } from './schema.ts';
import * as m0001 from './migrations/0001-initial.ts';
import * as m0002 from './migrations/0002-revisions.ts';
import * as m0003 from './migrations/0003-renders.ts';
import * as m0004 from './migrations/0004-render-summaries.ts';
import * as m0005 from './migrations/0005-invitations.ts';
import * as m0006 from './migrations/0006-live-render-indexes.ts';
import * as m0007 from './migrations/0007-share-links.ts';
import * as m0008 from './migrations/0008-comments-notifications.ts';
import * as m0009 from './migrations/0009-user-hints.ts';
import * as m0010 from './migrations/0010-api-tokens.ts';
import * as m0011 from './migrations/0011-webhooks.ts';
import { startPGliteThread } from './pglite-thread.ts';

export type Db = Kysely<Database>;

/** Every migration, in order. One set for PGlite and PostgreSQL alike. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-revisions': m0002,
  '0003-renders': m0003,
  '0004-render-summaries': m0004,
  '0005-invitations': m0005,
  '0006-live-render-indexes': m0006,
  '0007-share-links': m0007,
  '0008-comments-notifications': m0008,
  '0009-user-hints': m0009,
  '0010-api-tokens': m0010,
  '0011-webhooks': m0011,
};

const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

export interface DatabaseOptions {
  /** postgres://… uses PostgreSQL; otherwise PGlite stores its files in `pgliteDir`. */
  databaseUrl?: string | undefined;
  pgliteDir?: string | undefined;
  /** PostgreSQL schema to use (tests isolate themselves in their own schema). */
  schema?: string | undefined;
}

export interface DatabaseHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    if (options.schema) {
      const client = await pool.connect();
      try {
        await client.query(`create schema if not exists "${options.schema}"`);
      } finally {
        client.release();
      }
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (options.pgliteDir) mkdirSync(options.pgliteDir, { recursive: true });
  // PGlite runs on a worker thread so queries never block the event loop.
  const pglite = startPGliteThread(options.pgliteDir);
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

/**
 * Brings the schema up to date; throws with the failing migration's name.
 * With a PostgreSQL schema, Kysely's bookkeeping tables must be named in it:
 * otherwise it finds another schema's tables and skips creating its own.
 */
export async function migrateToLatest(db: Db, schema?: string) {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(
      `Database migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? error}`,
    );
  }
  return results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
}
