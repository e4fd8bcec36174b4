import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import {
  addScene,
  deleteScene,
  listScenes,
  moveScene,
  readTimeline,
  sceneText,
  setSceneTitle,
} from '../../shared/project-doc.ts';
import { seededRandom } from '../../shared/seeded-random.ts';
import { createDocumentStore } from '../../server/collab/document-store.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/database.ts';
import { api, signUp, WebServer } from '../support/web-server.ts';
import { connectClient, waitFor, type CollabClient } from '../support/collab-client.ts';
import { postgresSchema } from '../support/postgres.ts';

/**
 * Convergence fuzz against the real server: 3–6 providers do random scene
 * operations with random disconnects; at the end every replica, and the
 * document reloaded from storage, must be equal, with no duplicated scene.
 * FUZZ_SEEDS=5000 runs more seeds; FUZZ_SEED=123 replays one.
 */
const SEEDS = process.env.FUZZ_SEED
  ? [Number(process.env.FUZZ_SEED)]
  : Array.from({ length: Number(process.env.FUZZ_SEEDS ?? 50) }, (_, i) => i + 1);
const STEPS = Number(process.env.FUZZ_STEPS ?? 40);

/** Reconnects a provider's socket once its previous close has completed. */
async function reconnect(client: CollabClient) {
  await waitFor(() => client.socket.status === 'disconnected', 'socket closed');
  void client.socket.connect();
}

const snapshotOf = (doc: Y.Doc) => JSON.stringify(readTimeline(doc));

describe('collab convergence fuzz', () => {
  let pg: Awaited<ReturnType<typeof postgresSchema>>;
  let server: WebServer;
  let db: DatabaseHandle;
  let owner: Awaited<ReturnType<typeof signUp>>;

  before(async () => {
    pg = await postgresSchema();
    server = await new WebServer({
      env: { ...pg.env, COLLAB_CONNECTIONS_PER_MINUTE: '100000' },
    }).start();
    db = await openDatabase({ databaseUrl: pg.env.DATABASE_URL, schema: pg.env.DATABASE_SCHEMA });
    owner = await signUp(server.url, 'Fuzzer');
  });
  after(async () => {
    await db?.close();
    await server?.stop();
    await pg?.drop();
  });

  for (const seed of SEEDS) {
    test(`seed ${seed}`, async () => {
      const rand = seededRandom(seed);
      const pick = <T>(items: T[]) => items[Math.floor(rand() * items.length)];
      const ops: string[] = [];
      const clients: CollabClient[] = [];
      try {
        const res = await api(server.url, 'POST', '/api/v1/projects', {
          token: owner.token,
          body: { title: `Fuzz ${seed}` },
        });
        const projectId = res.body.project.id as string;
        const count = 3 + Math.floor(rand() * 4);
        for (let i = 0; i < count; i++)
          clients.push(await connectClient(server.url, owner.token, projectId));
        await waitFor(() => clients.every((c) => c.provider.isSynced), 'initial sync');
        const offline = new Set<number>();

        for (let step = 0; step < STEPS; step++) {
          const index = Math.floor(rand() * clients.length);
          const { doc, socket } = clients[index]!;
          const scenes = listScenes(doc);
          const scene = pick(scenes);
          const r = rand();
          if (r < 0.25 || !scene) {
            const at = Math.floor(rand() * (scenes.length + 1));
            const id = addScene(doc, { title: `s${step}`, narration: 'abc' }, at);
            ops.push(`c${index} add ${id}@${at}`);
          } else if (r < 0.35) {
            deleteScene(doc, scene.id);
            ops.push(`c${index} delete ${scene.id}`);
          } else if (r < 0.5) {
            setSceneTitle(doc, scene.id, `t${step}`);
            ops.push(`c${index} retitle ${scene.id}`);
          } else if (r < 0.7) {
            const to = Math.floor(rand() * scenes.length);
            moveScene(doc, scene.id, to);
            ops.push(`c${index} move ${scene.id}->${to}`);
          } else if (r < 0.9) {
            const text = sceneText(doc, scene.id, 'narration')!;
            const at = Math.floor(rand() * (text.length + 1));
            if (rand() < 0.7 || text.length === 0) text.insert(at, `x${step}`);
            else text.delete(Math.min(at, text.length - 1), 1);
            ops.push(`c${index} text ${scene.id}@${at}`);
          } else if (offline.has(index)) {
            offline.delete(index);
            await reconnect(clients[index]!);
            ops.push(`c${index} reconnect`);
          } else {
            offline.add(index);
            socket.disconnect();
            ops.push(`c${index} disconnect`);
          }
          if (rand() < 0.3) await new Promise((r) => setTimeout(r, Math.floor(rand() * 15)));
        }

        for (const index of offline) await reconnect(clients[index]!);
        await Promise.all(clients.map((c) => c.settled()));
        await waitFor(
          () => new Set(clients.map((c) => snapshotOf(c.doc))).size === 1,
          'replicas converge',
        );

        const final = clients[0]!.doc;
        const ids = listScenes(final).map((s) => s.id);
        assert.equal(new Set(ids).size, ids.length, 'no scene appears twice');
        const expected = snapshotOf(final);

        for (const c of clients) c.destroy();
        clients.length = 0;
        const store = createDocumentStore(db.db, 'fuzz-check');
        await waitFor(async () => {
          const stored = new Y.Doc();
          Y.applyUpdate(stored, await store.load(projectId));
          return snapshotOf(stored) === expected;
        }, 'stored document equals the replicas');
      } catch (err) {
        (err as Error).message =
          `FUZZ FAILURE seed=${seed} (replay: FUZZ_SEED=${seed})\nops:\n  ${ops.join('\n  ')}\n${(err as Error).message}`;
        throw err;
      } finally {
        for (const c of clients) c.destroy();
      }
    });
  }
});
