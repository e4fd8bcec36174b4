import * as ort from 'onnxruntime-node';
import type { ExecutionProviderInfo } from '../../shared/render/node-capabilities.ts';
import { scanModelsDir, type VerifiedModel } from '../models/registry.ts';
import type { InstalledModel, SessionSource } from './contract.ts';
import type { HostReply, HostRequest } from './host-messages.ts';
import { IMAGE_PIPELINES, VOICE_PIPELINES } from './pipelines.ts';
import { probeExecutionProvider, queryGpu } from './probe-provider.ts';

/**
 * The inference host: the one process of a render node that loads
 * onnxruntime-node (forked by inference-host.ts; a native crash here costs
 * the host, never the node). At start it probes the execution provider and
 * verifies MODELS_DIR, then runs requests one at a time — one device, one
 * inference at a time — loading each graph's session once and reusing it.
 */

const GPU_MEMORY_POLL_MS = 5000;

const modelsDir = process.env.MONTAGE_MODELS_DIR;
if (!modelsDir || !process.send) {
  console.error('host-process.ts is started by inference-host.ts (fork, MONTAGE_MODELS_DIR)');
  process.exit(2);
}
const send = (reply: HostReply) => process.send!(reply);
const log = (level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown> = {}) =>
  send({ type: 'log', level, msg, fields });

const provider: ExecutionProviderInfo = await probeExecutionProvider();
log(provider.name === 'cuda' ? 'info' : 'warn', `inference on ${provider.name}`, { ...provider });
// A model this build has no code for is as unusable as a broken one: no job may be routed to it.
const verified: VerifiedModel[] = (await scanModelsDir(modelsDir)).map((v) =>
  v.model && !pipelineFor(v.model.manifest)
    ? {
        status: {
          ...v.status,
          usable: false,
          problem: `model "${v.status.id}": this node has no code for pipeline "${v.status.pipeline}"`,
        },
      }
    : v,
);
for (const { status } of verified) {
  if (!status.usable) log('warn', 'model unusable', { model: status.id, problem: status.problem });
}
const installed = new Map<string, InstalledModel>(
  verified.flatMap((v) => (v.model ? [[v.model.manifest.id, v.model] as const] : [])),
);

const sessions = new Map<string, Promise<ort.InferenceSession>>();
const sessionSource: SessionSource = {
  session(model, role) {
    const key = `${model.manifest.id}#${role}`;
    let session = sessions.get(key);
    if (!session) {
      const file = model.manifest.files.find((f) => f.role === role);
      if (!file) throw new Error(`model "${model.manifest.id}" has no file for role "${role}"`);
      session = ort.InferenceSession.create(`${model.dir}/${file.path}`, {
        executionProviders: provider.name === 'cuda' ? ['cuda', 'cpu'] : ['cpu'],
      });
      session.catch(() => sessions.delete(key));
      sessions.set(key, session);
    }
    return session;
  },
};

const aborts = new Map<number, AbortController>();
let turn: Promise<unknown> = Promise.resolve();

process.on('message', (message: HostRequest) => {
  if (message.type === 'abort') {
    aborts.get(message.id)?.abort(new Error('aborted'));
    return;
  }
  const controller = new AbortController();
  aborts.set(message.id, controller);
  // One inference at a time on the device: each request waits for the one before it.
  turn = turn.then(() => run(message, controller.signal)).finally(() => aborts.delete(message.id));
});
// The node went away: nothing is left to answer.
process.on('disconnect', () => process.exit(0));

function pipelineFor(manifest: InstalledModel['manifest']) {
  return manifest.kind === 'image'
    ? IMAGE_PIPELINES[manifest.pipeline]
    : VOICE_PIPELINES[manifest.pipeline];
}

async function run(message: Extract<HostRequest, { type: 'run' }>, signal: AbortSignal) {
  if (signal.aborted) return; // the client already rejected it
  try {
    const model = installed.get(message.modelId);
    if (!model) throw new Error(`model "${message.modelId}" is not installed or not usable here`);
    const started = performance.now();
    let result;
    if (message.task === 'image') {
      const pipeline = IMAGE_PIPELINES[model.manifest.pipeline];
      if (!pipeline || model.manifest.kind !== 'image') {
        throw new Error(
          `model "${model.manifest.id}" (${model.manifest.pipeline}) cannot make images on this node`,
        );
      }
      result = await pipeline(model, sessionSource, message.request, signal);
    } else {
      const pipeline = VOICE_PIPELINES[model.manifest.pipeline];
      if (!pipeline || model.manifest.kind !== 'voice') {
        throw new Error(
          `model "${model.manifest.id}" (${model.manifest.pipeline}) cannot speak on this node`,
        );
      }
      result = await pipeline(model, sessionSource, message.request, signal);
    }
    if (!signal.aborted)
      send({ type: 'done', id: message.id, result, ms: performance.now() - started });
  } catch (error) {
    if (!signal.aborted)
      send({ type: 'failed', id: message.id, message: (error as Error).message });
  }
}

// GPU memory changes as sessions load and run: the node's `provider` follows it.
if (provider.name === 'cuda') {
  setInterval(() => {
    void queryGpu().then((gpu) => gpu && send({ type: 'memory', memory: gpu.memory }));
  }, GPU_MEMORY_POLL_MS).unref();
}

send({ type: 'ready', provider, models: verified.map((v) => v.status) });
