import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { BACKENDS, openTestDatabase } from './test-databases.ts';

for (const backend of BACKENDS) {
  test(`${backend}: migrations apply and binary data round-trips`, async () => {
    const t = await openTestDatabase(backend);
    try {
      await t.db
        .insertInto('users')
        .values({ id: 'u1', email: 'a@b.c', name: 'A', password_hash: 'x' })
        .execute();
      await t.db.insertInto('projects').values({ id: 'p1', title: 'P', owner_id: 'u1' }).execute();
      const bytes = new Uint8Array([0, 1, 2, 250, 255]);
      await t.db
        .insertInto('document_updates')
        .values({ document: 'p1', writer: 'w', data: bytes })
        .execute();
      const row = await t.db.selectFrom('document_updates').selectAll().executeTakeFirstOrThrow();
      assert.deepEqual(new Uint8Array(row.data), bytes);
      assert.equal(Number(row.id), 1);
    } finally {
      await t.drop();
    }
  });

  test(`${backend}: a failed transaction leaves nothing behind`, async () => {
    const t = await openTestDatabase(backend);
    try {
      await assert.rejects(
        t.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('users')
            .values({ id: 'u1', email: 'a@b.c', name: 'A', password_hash: 'x' })
            .execute();
          await sql`select 1/0`.execute(trx);
        }),
      );
      const count = await t.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 0);
    } finally {
      await t.drop();
    }
  });
}
