import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../db/test-databases.ts';
import { createApiTokens, LAST_USED_PRECISION_MS } from './api-tokens.ts';
import { hashSecretToken } from './secret-token.ts';

for (const backend of BACKENDS) {
  describe(`api tokens (${backend})`, () => {
    let database: TestDatabase;
    let now = Date.parse('2026-12-01T10:00:00Z');
    const tokens = () => createApiTokens(database.db, () => now);
    const lastUsed = async (id: string) =>
      (
        await database.db
          .selectFrom('api_tokens')
          .select('last_used_at')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).last_used_at;

    before(async () => {
      database = await openTestDatabase(backend);
      await database.db
        .insertInto('users')
        .values({
          id: 'u1',
          email: 'u1@example.test',
          name: 'U',
          password_hash: 'x',
          created_at: new Date(),
        })
        .execute();
    });
    after(() => database?.drop());

    test('only the hash is stored; the secret authenticates with its scopes', async () => {
      const created = await tokens().create('u1', { name: 'CI', scopes: ['projects:read'] });
      const row = await database.db
        .selectFrom('api_tokens')
        .selectAll()
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.token_hash, hashSecretToken(created.token));
      assert.ok(!JSON.stringify(row).includes(created.token));
      const caller = await tokens().authenticate(created.token);
      assert.deepEqual(caller?.scopes, ['projects:read']);
      assert.equal(caller?.user.id, 'u1');
      assert.equal(await tokens().authenticate(`${created.token}x`), null);
      assert.equal(await tokens().authenticate('not-a-token'), null);
    });

    test('last use is written at most once a minute', async () => {
      const created = await tokens().create('u1', { name: 'busy', scopes: ['projects:read'] });
      await tokens().authenticate(created.token);
      const first = await lastUsed(created.id);
      assert.equal(first?.getTime(), now);
      now += LAST_USED_PRECISION_MS - 1;
      await tokens().authenticate(created.token);
      assert.equal((await lastUsed(created.id))?.getTime(), first?.getTime());
      now += 1;
      await tokens().authenticate(created.token);
      assert.equal((await lastUsed(created.id))?.getTime(), now);
    });

    test('an expired token is refused from its expiry on', async () => {
      const created = await tokens().create('u1', {
        name: 'short',
        scopes: ['projects:read'],
        expiresInSeconds: 60,
      });
      now += 59_999;
      assert.ok(await tokens().authenticate(created.token));
      now += 1;
      assert.equal(await tokens().authenticate(created.token), null);
    });

    test('revoking is at once, only by the owner, and twice is no error', async () => {
      const created = await tokens().create('u1', { name: 'gone', scopes: ['share:write'] });
      await assert.rejects(tokens().revoke('someone-else', created.id), { status: 404 });
      await tokens().revoke('u1', created.id);
      await tokens().revoke('u1', created.id);
      assert.equal(await tokens().authenticate(created.token), null);
      const listed = await tokens().list('u1');
      assert.ok(listed.find((t) => t.id === created.id)?.revokedAt);
    });
  });
}
