import { readdirSync, readFileSync } from 'node:fs';

/**
 * Resource accounting for one benchmark phase: wall time, CPU time of this
 * process and of every child it waited for (ffmpeg, espeak-ng), and the peak
 * resident memory of the whole process tree, sampled every 25 ms.
 */

const CLOCK_TICKS = 100; // USER_HZ on Linux

export interface PhaseResult {
  wallSec: number;
  cpuSec: number;
  peakRssMb: number;
  /** The processes at the peak: "name MB" each. */
  peakBreakdown: string[];
}

function childrenCpuSec(): number {
  // /proc/self/stat fields 16 and 17: cutime and cstime of waited-for children.
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}

function selfCpuSec(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** RSS of `root` and all its descendants, in MB, and per process. */
function treeRss(root: number): { total: number; processes: string[] } {
  const parents = new Map<number, number>();
  const rss = new Map<number, { name: string; mb: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(name), Number(fields[1]));
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      rss.set(Number(name), { name: comm, mb: (Number(fields[21]) * 4096) / 1024 / 1024 });
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const processes: string[] = [];
  for (const [pid, { name, mb }] of rss) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parents.get(p)) {
      if (p === root) {
        total += mb;
        processes.push(`${name} ${mb.toFixed(0)}`);
        break;
      }
    }
  }
  return { total, processes };
}

export async function measure<T>(work: () => Promise<T>): Promise<{ result: T } & PhaseResult> {
  const cpuBefore = selfCpuSec() + childrenCpuSec();
  let peak = treeRss(process.pid);
  const sample = () => {
    const now = treeRss(process.pid);
    if (now.total > peak.total) peak = now;
  };
  const sampler = setInterval(sample, 25);
  const started = performance.now();
  try {
    const result = await work();
    const wallSec = (performance.now() - started) / 1000;
    sample();
    return {
      result,
      wallSec,
      cpuSec: selfCpuSec() + childrenCpuSec() - cpuBefore,
      peakRssMb: peak.total,
      peakBreakdown: peak.processes,
    };
  } finally {
    clearInterval(sampler);
  }
}
