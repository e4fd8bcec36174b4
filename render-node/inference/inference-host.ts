import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { abortReason } from '../../shared/node/process-slots.ts';
import type { ExecutionProviderInfo, ModelStatus } from '../../shared/render/node-capabilities.ts';
import type {
  ImagePipelineRequest,
  ImagePipelineResult,
  InferenceClient,
  VoicePipelineRequest,
  VoicePipelineResult,
} from './contract.ts';
import type { HostReply, HostRequest } from './host-messages.ts';

/**
 * The render node's side of the inference host: forks host-process.ts (the
 * only process that loads onnxruntime-node, so the node's event loop and
 * BullMQ's lock renewal stay free while a model runs, and a native crash
 * costs the host only), sends it requests with ids and collects answers.
 * An aborted request rejects at once and its late answer is dropped. A host
 * that dies rejects what it was running with a clear error and is started
 * again on the next request. Latency per model is measured here, so it
 * survives a restart of the host.
 */

export type HostLog = (
  level: 'info' | 'warn' | 'error',
  msg: string,
  fields?: Record<string, unknown>,
) => void;

export interface InferenceHostOptions {
  modelsDir: string;
  log: HostLog;
}

const HOST_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'host-process.ts');

interface Pending {
  modelId: string;
  resolve: (value: ImagePipelineResult | VoicePipelineResult) => void;
  reject: (error: unknown) => void;
}

interface Measured {
  runs: number;
  totalMs: number;
  lastMs: number;
}

interface Host {
  child: ChildProcess;
  ready: Promise<void>;
}

/** Starts the host and waits until it has probed the provider and verified MODELS_DIR. */
export async function startInferenceHost(options: InferenceHostOptions): Promise<InferenceClient> {
  const modelsDir = path.resolve(options.modelsDir);
  const { log } = options;
  let provider: ExecutionProviderInfo = { name: 'cpu', device: 'unknown' };
  let statuses: ModelStatus[] = [];
  const measured = new Map<string, Measured>();
  const loaded = new Set<string>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let host: Host | null = null;
  let closed = false;

  function start(): Host {
    const child = fork(HOST_SCRIPT, [], {
      serialization: 'advanced',
      env: { ...process.env, MONTAGE_MODELS_DIR: modelsDir },
      // The host runs TypeScript as the node does, without the parent's flags (node --test, inspect).
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = new Promise<void>((resolve, reject) => {
      child.on('message', (reply: HostReply) => {
        if (reply.type === 'ready') {
          provider = reply.provider;
          statuses = reply.models;
          loaded.clear();
          resolve();
        } else handle(reply);
      });
      child.once('exit', (code, signal) => {
        const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
        reject(new Error(`inference host ${how} before it was ready`));
        if (host?.child === child) host = null;
        for (const [id, request] of pending) {
          pending.delete(id);
          request.reject(
            new Error(`inference host ${how} while running model "${request.modelId}"`),
          );
        }
        if (!closed)
          log('warn', 'inference host stopped; it restarts on the next request', { how });
      });
    });
    ready.catch(() => undefined); // observed by whoever awaits it
    return { child, ready };
  }

  function handle(reply: Exclude<HostReply, { type: 'ready' }>) {
    if (reply.type === 'log') return log(reply.level, reply.msg, reply.fields);
    if (reply.type === 'memory') {
      provider = { ...provider, memory: reply.memory };
      return;
    }
    const request = pending.get(reply.id);
    if (!request) return; // aborted: the client has rejected it already
    pending.delete(reply.id);
    if (reply.type === 'failed') return request.reject(new Error(reply.message));
    const m = measured.get(request.modelId) ?? { runs: 0, totalMs: 0, lastMs: 0 };
    m.runs += 1;
    m.totalMs += reply.ms;
    m.lastMs = reply.ms;
    measured.set(request.modelId, m);
    loaded.add(request.modelId);
    request.resolve(reply.result);
  }

  async function running(): Promise<Host> {
    if (closed) throw new Error('inference host is closed');
    host ??= start();
    await host.ready;
    return host;
  }

  async function send<T>(
    task: 'image' | 'voice',
    modelId: string,
    request: ImagePipelineRequest | VoicePipelineRequest,
    signal: AbortSignal,
  ): Promise<T> {
    if (signal.aborted) throw abortReason(signal);
    const { child } = await running();
    const status = statuses.find((s) => s.id === modelId);
    if (!status) throw new Error(`model "${modelId}" is not installed on this node`);
    if (!status.usable) throw new Error(`model "${modelId}" is unusable: ${status.problem}`);
    if (status.kind !== task) throw new Error(`model "${modelId}" is a ${status.kind} model`);
    if (signal.aborted) throw abortReason(signal);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        if (!pending.delete(id)) return;
        if (child.connected) child.send({ type: 'abort', id } satisfies HostRequest);
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const settle =
        <V>(fn: (value: V) => void) =>
        (value: V) => {
          signal.removeEventListener('abort', onAbort);
          fn(value);
        };
      pending.set(id, {
        modelId,
        resolve: settle(resolve as (v: unknown) => void),
        reject: settle(reject),
      });
      child.send({ type: 'run', id, task, modelId, request } as HostRequest);
    });
  }

  await running();

  return {
    get provider() {
      return provider;
    },
    models() {
      return statuses.map((status) => {
        const m = measured.get(status.id);
        return {
          ...status,
          loaded: loaded.has(status.id),
          ...(m ? { runs: m.runs, lastMs: m.lastMs, meanMs: m.totalMs / m.runs } : {}),
        };
      });
    },
    generateImage: (modelId, request, signal) => send('image', modelId, request, signal),
    synthesizeSpeech: (modelId, request, signal) => send('voice', modelId, request, signal),
    async close() {
      closed = true;
      const child = host?.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
