import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TEST_DATABASE_URL } from '../../server/db/test-databases.ts';
import { WebServer } from './web-server.ts';

/** A fresh PostgreSQL schema for servers under test; `drop()` removes it. */
export async function postgresSchema() {
  const schema = `itest_${randomBytes(6).toString('hex')}`;
  return {
    env: { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema },
    /** A client whose queries run in this schema (tests that inspect or break the database). */
    async connect() {
      const client = new pg.Client({
        connectionString: TEST_DATABASE_URL,
        options: `-c search_path=${schema}`,
      });
      await client.connect();
      return client;
    },
    async drop() {
      const client = new pg.Client(TEST_DATABASE_URL);
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * The real web server on a fresh PostgreSQL schema, with a client of that
 * schema for tests that inspect or break the database; `stop()` removes all.
 */
export async function serverOnPostgres() {
  const pgSchema = await postgresSchema();
  const server = await new WebServer({ env: pgSchema.env }).start();
  const sql = await pgSchema.connect();
  return {
    server,
    sql,
    async stop() {
      await sql.end();
      await server.stop();
      await pgSchema.drop();
    },
  };
}
