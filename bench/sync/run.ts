/**
 * bench/sync: N providers edit one project at R edits/s, through the full
 * Montage server and through a bare Hocuspocus server, in one run. Prints
 * p50/p99 edit-to-peer latency (every peer, every edit) and server RSS.
 *
 *   node bench/sync/run.ts [--providers 50] [--rate 100] [--seconds 10] [--database pglite|postgres]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { api, signUp, WebServer, REPO_ROOT } from '../../tests/support/web-server.ts';
import { postgresSchema } from '../../tests/support/postgres.ts';

const { values } = parseArgs({
  options: {
    providers: { type: 'string', default: '50' },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '10' },
    database: { type: 'string', default: 'pglite' },
  },
});
const PROVIDERS = Number(values.providers);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);

const now = () => performance.timeOrigin + performance.now();

function rssMb(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function runAgainst(
  label: string,
  wsUrl: string,
  documentName: string,
  token: () => Promise<string>,
  pid: number,
) {
  const latencies: number[] = [];
  const peers: { doc: Y.Doc; provider: HocuspocusProvider; socket: HocuspocusProviderWebsocket }[] =
    [];
  for (let i = 0; i < PROVIDERS; i++) {
    const doc = new Y.Doc();
    const socket = new HocuspocusProviderWebsocket({ url: wsUrl });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: documentName,
      document: doc,
      token,
    });
    provider.attach();
    const marks = doc.getMap<number>('bench');
    marks.observe((event) => {
      if (event.transaction.local) return;
      const t = now();
      for (const key of event.keysChanged) {
        const sent = marks.get(key);
        if (typeof sent === 'number') latencies.push(t - sent);
      }
    });
    peers.push({ doc, provider, socket });
  }
  const deadline = Date.now() + 30_000;
  while (!peers.every((p) => p.provider.isSynced)) {
    if (Date.now() > deadline) throw new Error(`${label}: providers did not sync`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const rssBefore = rssMb(pid);
  const total = RATE * SECONDS;
  const start = Date.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const peer = peers[i % PROVIDERS]!;
    peer.doc.getMap<number>('bench').set(`e${i}`, now());
  }
  const expected = total * (PROVIDERS - 1);
  const settle = Date.now() + 10_000;
  while (latencies.length < expected && Date.now() < settle)
    await new Promise((r) => setTimeout(r, 50));
  const rssAfter = rssMb(pid);
  for (const p of peers) {
    p.provider.destroy();
    p.socket.destroy();
  }
  const sorted = latencies.sort((a, b) => a - b);
  return {
    label,
    delivered: `${sorted.length}/${expected}`,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
    rssMb: rssAfter.rss,
    peakRssMb: rssAfter.peak,
    rssBeforeMb: rssBefore.rss,
  };
}

async function startBare(): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(path.join(REPO_ROOT, 'bench/sync/bare-server.ts'), [], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.on('message', (m: { port?: number }) => m.port && resolve(m.port));
    child.on('exit', (code) => reject(new Error(`bare server exited ${code}`)));
  });
  return { child, port };
}

const pg = values.database === 'postgres' ? await postgresSchema() : null;
const montage = await new WebServer({
  env: { COLLAB_CONNECTIONS_PER_MINUTE: '100000', LOG_LEVEL: 'error', ...(pg?.env ?? {}) },
}).start();
const results = [];
try {
  const user = await signUp(montage.url, 'Bench');
  const project = await api(montage.url, 'POST', '/api/v1/projects', {
    token: user.token,
    body: { title: 'Bench' },
  });
  const projectId = project.body.project.id as string;
  const token = async () =>
    (
      await api(montage.url, 'POST', `/api/v1/projects/${projectId}/collab-token`, {
        token: user.token,
      })
    ).body.token as string;
  const pid = montage.pid!;
  results.push(
    await runAgainst('montage', `ws://127.0.0.1:${montage.port}/collab`, projectId, token, pid),
  );
} finally {
  await montage.stop();
  await pg?.drop();
}
const bare = await startBare();
try {
  results.push(
    await runAgainst(
      'bare hocuspocus',
      `ws://127.0.0.1:${bare.port}`,
      'bench',
      async () => 'none',
      bare.child.pid!,
    ),
  );
} finally {
  bare.child.kill('SIGTERM');
}
console.log(
  `bench/sync: ${PROVIDERS} providers, ${RATE} edits/s for ${SECONDS} s, Montage on ${values.database} (latency over every peer of every edit)`,
);
console.table(
  results.map((r) => ({
    server: r.label,
    delivered: r.delivered,
    'p50 ms': r.p50.toFixed(2),
    'p99 ms': r.p99.toFixed(2),
    'max ms': r.max.toFixed(1),
    'RSS MB': r.rssMb.toFixed(0),
    'peak RSS MB': r.peakRssMb.toFixed(0),
  })),
);
const [m, b] = results;
if (m && b) console.log(`p99 ratio montage/bare: ${(m.p99 / b.p99).toFixed(2)}×`);
