/**
 * Health latency while a 1 MB script is analysed (issue 15, item 3): the
 * real web server (PostgreSQL, so the embedded database's own thread is not
 * what is measured), `/healthz` polled every 10 ms during several analyses
 * of a ~1 MB script. Target: p99 ≤ 50 ms.
 *
 *   node bench/analysis/health-during.ts [--analyses 3]
 */
import { parseArgs } from 'node:util';
import { generateStory } from './generate-story.ts';
import { api, signUp, WebServer } from '../../tests/support/web-server.ts';
import { postgresSchema } from '../../tests/support/postgres.ts';

const { values } = parseArgs({ options: { analyses: { type: 'string', default: '3' } } });
const analyses = Number(values.analyses);

const schema = await postgresSchema();
const server = await new WebServer({ env: schema.env }).start();
try {
  const user = await signUp(server.url, 'Bench');
  // About 170,000 words is about 1 MB; trimmed under the route's 1 MB limit.
  let text = generateStory(170_000);
  while (Buffer.byteLength(text) > 1_000_000) text = text.slice(0, text.length - 2000);

  const latencies: number[] = [];
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const started = performance.now();
      const res = await fetch(`${server.url}/healthz`);
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const times: number[] = [];
  for (let i = 0; i < analyses; i++) {
    const started = performance.now();
    const res = await api(server.url, 'POST', '/api/v1/analysis/scenes', {
      token: user.token,
      body: { text },
    });
    if (res.status !== 200) throw new Error(`analysis answered ${res.status}`);
    times.push(performance.now() - started);
  }
  polling = false;
  await poll;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  console.log(
    JSON.stringify(
      {
        scriptBytes: Buffer.byteLength(text),
        analyses,
        analysisMs: times.map((t) => Math.round(t)),
        healthChecks: latencies.length,
        healthP50Ms: Math.round(at(0.5) * 10) / 10,
        healthP99Ms: Math.round(at(0.99) * 10) / 10,
        healthMaxMs: Math.round(latencies.at(-1)! * 10) / 10,
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
  await schema.drop();
}
