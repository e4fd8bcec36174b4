/**
 * `npm run media:gc`: removes media artifacts that no revision, render or live
 * document references and that nothing touched within the grace period
 * (default one hour; `--grace-minutes N`). Uses the same environment as the
 * web server (DATA_DIR, DATABASE_URL, MEDIA_DIR).
 */
import { parseArgs } from 'node:util';
import { MediaStore } from '../shared/node/media-store.ts';
import { loadConfig } from '../server/config.ts';
import { migrateToLatest, openDatabase } from '../server/db/database.ts';
import { collectGarbage } from '../server/media/collect-garbage.ts';

const { values } = parseArgs({ options: { 'grace-minutes': { type: 'string', default: '60' } } });
const graceMinutes = Number(values['grace-minutes']);
if (!Number.isFinite(graceMinutes) || graceMinutes < 0) {
  console.error('--grace-minutes must be a number of minutes (0 or more)');
  process.exit(2);
}
const config = loadConfig({ REDIS_URL: 'redis://unused', ...process.env });
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  pgliteDir: config.pgliteDir,
  schema: config.databaseSchema,
});
try {
  await migrateToLatest(database.db, config.databaseSchema);
  const report = await collectGarbage(
    database.db,
    new MediaStore(config.mediaDir, { owner: 'media-gc' }),
    {
      graceMs: graceMinutes * 60_000,
    },
  );
  console.log(JSON.stringify(report));
} finally {
  await database.close();
}
