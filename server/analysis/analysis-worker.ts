import { parentPort } from 'node:worker_threads';
import {
  analyzeScript,
  AnalysisInputError,
  type AnalyzeOptions,
} from '../../shared/analysis/index.ts';
import type { AnalysisReply, AnalysisTask } from './analysis-pool.ts';

/**
 * One analysis thread of the pool (analysis-pool.ts): analyses the scripts it
 * is sent, one at a time, so the web process's event loop never runs the
 * analyser (issue 15, item 3).
 */
parentPort!.on('message', async (task: AnalysisTask) => {
  let reply: AnalysisReply;
  try {
    const analysis = await analyzeScript(task.text as string, task.options as AnalyzeOptions);
    reply = task.serialize
      ? { id: task.id, ok: true, json: JSON.stringify(analysis) }
      : { id: task.id, ok: true, analysis };
  } catch (err) {
    reply =
      err instanceof AnalysisInputError
        ? {
            id: task.id,
            ok: false,
            input: { field: err.field, message: err.message, refusal: err.refusal },
          }
        : { id: task.id, ok: false, crash: (err as Error).message ?? String(err) };
  }
  parentPort!.postMessage(reply);
});
