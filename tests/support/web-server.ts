import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Starts the real web process (server/index.ts) for integration and browser
 * tests: its own data dir (PGlite) or a PostgreSQL schema, the test Redis with
 * a private key prefix, a free port. `kill()` sends any signal; `restart()`
 * starts it again on the same data.
 */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface WebServerOptions {
  env?: Record<string, string>;
  /** Share data/secret/prefix with another server (multi-instance tests). */
  shareWith?: WebServer;
  ui?: boolean;
}

export class WebServer {
  readonly dataDir: string;
  readonly env: Record<string, string>;
  port = 0;
  #child: ChildProcess | null = null;
  #output: string[] = [];
  readonly #ui: boolean;

  constructor(options: WebServerOptions = {}) {
    const shared = options.shareWith;
    this.dataDir = shared?.dataDir ?? mkdtempSync(path.join(tmpdir(), 'montage-test-'));
    this.#ui = options.ui ?? false;
    this.env = {
      DATA_DIR: this.dataDir,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: shared?.env.REDIS_PREFIX ?? `montage-test-${randomBytes(4).toString('hex')}`,
      MONTAGE_SECRET: shared?.env.MONTAGE_SECRET ?? randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      PORT: '0',
      HOST: '127.0.0.1',
      // Tests sign up and sign in many users from 127.0.0.1: generous per-address
      // limits (the per-account one keeps its default; tests/security sets small ones).
      AUTH_LIMIT_SIGN_IN_BY_ADDRESS: '10000/60',
      AUTH_LIMIT_SIGN_UP_BY_ADDRESS: '10000/60',
      // Tests invite many members as one owner (tests/support/members.ts);
      // tests/security/invitations.test.ts sets a small limit.
      INVITATIONS_PER_HOUR: '1000',
      // Tests queue many renders no node takes: generous live-render limits
      // (tests/security/render-limits.test.ts sets small ones).
      MAX_LIVE_RENDERS_PER_USER: '1000',
      MAX_LIVE_RENDERS_PER_PROJECT: '1000',
      // Tests make many API requests as one user or from 127.0.0.1: a generous API
      // limit (tests/integration/api-tokens.test.ts sets a small one).
      API_RATE_LIMIT: '100000/60',
      ...(shared ? pick(shared.env, ['DATABASE_URL', 'DATABASE_SCHEMA', 'PGLITE_DIR']) : {}),
      ...options.env,
    };
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The server process id (for RSS readings in benchmarks). */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  get output() {
    return this.#output.join('');
  }

  async start(): Promise<this> {
    const child = fork(path.join(REPO_ROOT, 'server', 'index.ts'), [], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.env, ...(this.#ui ? {} : { MONTAGE_NO_UI: '1' }) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.#child = child;
    child.stdout?.on('data', (d) => this.#output.push(String(d)));
    child.stderr?.on('data', (d) => this.#output.push(String(d)));
    this.port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`web server did not start:\n${this.output}`)),
        60_000,
      );
      child.on('message', (m: { type?: string; port?: number }) => {
        if (m?.type === 'listening' && m.port) {
          clearTimeout(timer);
          resolve(m.port);
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`web server exited with ${code}:\n${this.output}`));
      });
    });
    // Keep the same port across restarts so reconnecting clients find it.
    this.env.PORT = String(this.port);
    return this;
  }

  /** Sends a signal and waits for the process to exit. */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null)
      return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill(signal);
    const code = await exited;
    this.#child = null;
    return code;
  }

  async restart(): Promise<this> {
    await this.kill('SIGTERM');
    return this.start();
  }

  async stop(options: { keepData?: boolean } = {}) {
    await this.kill('SIGTERM');
    if (!options.keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function pick(env: Record<string, string>, keys: string[]) {
  return Object.fromEntries(keys.filter((k) => env[k] !== undefined).map((k) => [k, env[k]!]));
}

/** A tiny typed client for API tests: JSON in, `{ status, body, headers }` out. */
export async function api(
  base: string,
  method: string,
  urlPath: string,
  options: {
    token?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) {
    body = options.rawBody;
    headers['content-type'] ??= 'application/json';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${base}${urlPath}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  // Tests read many response shapes; they assert on fields, so `any` is the honest type here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: json as Record<string, any>, headers: res.headers };
}

let userCounter = 0;
/** Signs up a fresh user; returns its token and id. */
export async function signUp(base: string, name = 'User') {
  const email = `${name.toLowerCase().replace(/\W/g, '')}-${Date.now()}-${userCounter++}@example.test`;
  const res = await api(base, 'POST', '/api/v1/auth/signup', {
    body: { email, name, password: 'a sturdy passphrase' },
  });
  if (res.status !== 201) throw new Error(`signup failed: ${JSON.stringify(res.body)}`);
  return { token: res.body.token as string, id: res.body.user.id as string, email, name };
}

/** Creates a project as the holder of `token`; returns its id. */
export async function createProject(base: string, token: string, title = 'Project') {
  const res = await api(base, 'POST', '/api/v1/projects', { token, body: { title } });
  if (res.status !== 201) throw new Error(`project creation failed: ${JSON.stringify(res.body)}`);
  return res.body.project.id as string;
}
