import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, type WebServer } from './web-server.ts';

/** Starts the real render process (render-node/index.ts) against a web server's Redis prefix and media dir. */
export class RenderNode {
  readonly env: Record<string, string>;
  #child: ChildProcess | null = null;
  #output: string[] = [];

  constructor(web: WebServer, env: Record<string, string> = {}) {
    this.env = {
      REDIS_URL: web.env.REDIS_URL!,
      REDIS_PREFIX: web.env.REDIS_PREFIX!,
      DATA_DIR: web.dataDir,
      RENDER_NODE_ID: 'test-node',
      // Long enough that a loaded CI machine does not stall jobs; short enough for kill -9 tests.
      RENDER_LOCK_MS: '8000',
      ...env,
    };
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  get output() {
    return this.#output.join('');
  }

  async start(): Promise<this> {
    const child = fork(path.join(REPO_ROOT, 'render-node', 'index.ts'), [], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.#child = child;
    child.stdout?.on('data', (d) => this.#output.push(String(d)));
    child.stderr?.on('data', (d) => this.#output.push(String(d)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`render node did not start:\n${this.output}`)),
        30_000,
      );
      child.on('message', (m: { type?: string }) => {
        if (m?.type === 'ready') {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`render node exited with ${code}:\n${this.output}`));
      });
    });
    return this;
  }

  async kill(signal: NodeJS.Signals = 'SIGTERM') {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    this.#child = null;
  }
}
