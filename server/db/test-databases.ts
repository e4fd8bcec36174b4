import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './database.ts';

/**
 * The two database backends every database test runs against: an in-memory
 * PGlite and the machine's PostgreSQL (TEST_DATABASE_URL, default the local
 * `test` database) in a schema of its own, dropped afterwards.
 */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const BACKENDS = ['pglite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

export interface TestDatabase extends DatabaseHandle {
  /** Connection settings to open the same database from another process. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function openTestDatabase(
  backend: Backend,
  pgliteDir?: string,
): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const handle = await openDatabase({ pgliteDir });
    await migrateToLatest(handle.db);
    return {
      ...handle,
      env: pgliteDir ? { PGLITE_DIR: pgliteDir } : {},
      drop: () => handle.close(),
    };
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const handle = await openDatabase({ databaseUrl: TEST_DATABASE_URL, schema });
  await migrateToLatest(handle.db, schema);
  return {
    ...handle,
    env: { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema },
    drop: async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(handle.db);
      await handle.close();
    },
  };
}
