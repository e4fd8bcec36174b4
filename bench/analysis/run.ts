/**
 * Benchmark (not a test): analysis time of a generated 100,000-word story in
 * Node. Target: ≤ 500 ms for the analysis itself, NLP library loaded.
 *
 *   node bench/analysis/run.ts [words]
 *
 * Wall time is what a user waits; CPU time (this process, all threads) is
 * steadier when other processes share the machine.
 */
import { cpus, loadavg } from 'node:os';
import {
  analyzeScriptSync,
  loadAnalyzer,
  type ScriptAnalysis,
} from '../../shared/analysis/index.ts';
import { generateStory } from './generate-story.ts';

const words = Number(process.argv[2] ?? 100_000);
const text = generateStory(words);
const runs = 7;

const loadStart = performance.now();
// As analyzeScript does: only the library of the script's language.
const analyzer = await loadAnalyzer({ languages: ['en'] });
const loadMs = performance.now() - loadStart;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function timed(analyze: () => ScriptAnalysis) {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const result = analyze();
  const wall = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  return { result, wall, cpu: (used.user + used.system) / 1000 };
}

function measure(label: string, analyze: () => ScriptAnalysis): number {
  const first = timed(analyze); // also compiles the vocabulary tables and warms the JIT
  const walls: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { wall, cpu } = timed(analyze);
    walls.push(wall);
    cpuTimes.push(cpu);
  }
  const r = first.result;
  console.log(
    `${label}: median ${median(walls).toFixed(0)} ms wall (${median(cpuTimes).toFixed(0)} ms CPU), ` +
      `min ${Math.min(...walls).toFixed(0)} ms, first run ${first.wall.toFixed(0)} ms — ` +
      `${r.scenes.length} scenes, ${r.cast.length} characters, ${r.stats.words} words`,
  );
  return median(walls);
}

console.log(
  `Node ${process.version}, ${cpus().length} CPU(s) ${cpus()[0]?.model ?? ''}, load average ${loadavg()[0]!.toFixed(1)}`,
);
console.log(
  `input: ${text.length} characters; NLP library loaded in ${loadMs.toFixed(0)} ms (once per process)`,
);
const withNlp = measure('analysis with NLP   ', () => analyzer.analyze(text));
measure('analysis without NLP', () => analyzeScriptSync(text));
console.log(withNlp <= 500 ? 'target met (≤ 500 ms)' : 'TARGET MISSED (> 500 ms)');
