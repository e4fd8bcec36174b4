import * as Y from 'yjs';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

/**
 * Storage of project documents: a compacted snapshot per document plus an
 * append-only log of the updates received since. The `documents` and
 * `document_updates` tables belong to this module.
 *
 * Invariant: snapshot ∪ every log row = everything any instance ever
 * acknowledged. Rows are only deleted in the same transaction that writes a
 * snapshot containing them.
 */
export class CorruptDocumentError extends Error {
  constructor(name: string, cause: unknown) {
    super(
      `Stored document ${name} is corrupt and was not loaded: ${(cause as Error)?.message ?? cause}`,
    );
    this.name = 'CorruptDocumentError';
  }
}

export class MissingDocumentError extends Error {
  constructor(name: string) {
    super(`No stored document ${name}`);
    this.name = 'MissingDocumentError';
  }
}

/** Applies every stored blob to a fresh Y.Doc; any malformed blob makes the whole document corrupt. */
function mergeStored(name: string, blobs: Uint8Array[]): Uint8Array {
  try {
    const doc = new Y.Doc();
    for (const blob of blobs) {
      Y.decodeUpdate(blob); // throws on malformed bytes before anything is applied
      Y.applyUpdate(doc, blob);
    }
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  } catch (err) {
    throw new CorruptDocumentError(name, err);
  }
}

/** The stored snapshot, locked until the transaction ends (loads and compactions never interleave). */
const lockSnapshot = (trx: Transaction<Database>, name: string) =>
  trx
    .selectFrom('documents')
    .select('snapshot')
    .where('name', '=', name)
    .forUpdate()
    .executeTakeFirst();

export function createDocumentStore(db: Db, writer: string) {
  return {
    async createInitial(name: string, state: Uint8Array) {
      await db.insertInto('documents').values({ name, snapshot: state }).execute();
    },

    /**
     * The merged state of a document. When the log holds rows, they are folded
     * into the snapshot at once (rows of writers that died are compacted too).
     */
    async load(name: string): Promise<Uint8Array> {
      return db.transaction().execute(async (trx) => {
        const doc = await lockSnapshot(trx, name);
        if (!doc) throw new MissingDocumentError(name);
        const rows = await trx
          .selectFrom('document_updates')
          .select(['id', 'data'])
          .where('document', '=', name)
          .orderBy('id')
          .execute();
        const state = mergeStored(name, [doc.snapshot, ...rows.map((r) => r.data)]);
        const last = rows.at(-1);
        if (last) {
          await trx
            .updateTable('documents')
            .set({ snapshot: state, updated_at: new Date() })
            .where('name', '=', name)
            .execute();
          await trx
            .deleteFrom('document_updates')
            .where('document', '=', name)
            .where('id', '<=', last.id)
            .execute();
        }
        return state;
      });
    },

    /** Appends updates in one statement; returns the highest id written. */
    async append(name: string, updates: Uint8Array[]): Promise<number> {
      const rows = await db
        .insertInto('document_updates')
        .values(updates.map((data) => ({ document: name, writer, data })))
        .returning('id')
        .execute();
      return Math.max(...rows.map((r) => Number(r.id)));
    },

    /**
     * Folds `state` into the snapshot and drops this writer's rows up to
     * `upToId`, which `state` is known to contain. Other writers' rows stay:
     * this instance may not have received them yet.
     */
    async compact(name: string, state: Uint8Array, upToId: number | null) {
      await db.transaction().execute(async (trx) => {
        const doc = await lockSnapshot(trx, name);
        if (!doc) return; // the project was deleted meanwhile
        const merged = Y.mergeUpdates([doc.snapshot, state]);
        await trx
          .updateTable('documents')
          .set({ snapshot: merged, updated_at: new Date() })
          .where('name', '=', name)
          .execute();
        if (upToId !== null) {
          await trx
            .deleteFrom('document_updates')
            .where('document', '=', name)
            .where('writer', '=', writer)
            .where('id', '<=', String(upToId))
            .execute();
        }
      });
    },
  };
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;
