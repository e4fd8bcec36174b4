import { after, afterEach, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { CollabClient } from './collab-client.ts';
import { RenderNode } from './render-node.ts';
import { WebServer } from './web-server.ts';

/**
 * The real Chromium of the machine (Debian's /usr/bin/chromium) for the
 * browser tests, headless and quiet: no background network, no updates.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
}

/** What a browser test runs against; read its fields inside tests, once `before` has run. */
export interface BrowserStage {
  readonly server: WebServer;
  readonly browser: Browser;
  /** The stage's render node: the one `renderNode: true` started, or the last `startNode()`. */
  readonly node: RenderNode;
  /** Starts a fresh render node on the stage's server and makes it the stage's node. */
  startNode(): Promise<RenderNode>;
}

/**
 * The set-up every browser test shares: in the enclosing `describe`, starts
 * a web server with the UI (its `env` on top of the test defaults), a
 * headless Chromium and, when asked, a render node before the first test,
 * and closes them all after the last, whether the tests passed or failed
 * (the render node before the web server it reports to).
 */
export function browserStage(
  options: { env?: Record<string, string>; renderNode?: boolean } = {},
): BrowserStage {
  let server: WebServer | undefined;
  let browser: Browser | undefined;
  let node: RenderNode | undefined;
  before(async () => {
    const starting = new WebServer({ ui: true, env: options.env ?? {} }).start();
    [server, browser] = await Promise.all([starting, launchBrowser()]);
    if (options.renderNode) await stage.startNode();
  });
  after(async () => {
    await browser?.close();
    await node?.kill();
    await server?.stop();
  });
  const started = <T>(what: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`browserStage: no ${what} (read it inside a test)`);
    return value;
  };
  const stage: BrowserStage = {
    get server() {
      return started('web server', server);
    },
    get browser() {
      return started('browser', browser);
    },
    get node() {
      return started('render node', node);
    },
    async startNode() {
      node = await new RenderNode(started('web server', server)).start();
      return node;
    },
  };
  return stage;
}

/**
 * A fresh browser context already signed in with a session token (cookie
 * `montage_session`). The editor's first-visit hint is dismissed on the
 * account first, as for a returning user, unless `hints` keeps it (the
 * first-run tests): a corner card must not sit over what other tests click.
 */
export async function signedInContext(
  browser: Browser,
  baseUrl: string,
  sessionToken: string,
  options: { locale?: string; hints?: boolean } = {},
): Promise<BrowserContext> {
  if (!options.hints) {
    await fetch(`${baseUrl}/api/v1/me/hints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sessionToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ hint: 'editor-start' }),
    }).catch(() => undefined);
  }
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: options.locale ?? 'en-US',
    viewport: { width: 1440, height: 900 },
  });
  await context.addCookies([
    { name: 'montage_session', value: sessionToken, url: baseUrl, httpOnly: true, sameSite: 'Lax' },
  ]);
  return context;
}

/** A context with no session (sign-up and sign-in flows). */
export function anonymousContext(
  browser: Browser,
  baseUrl: string,
  options: { locale?: string } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl,
    locale: options.locale ?? 'en-US',
    viewport: { width: 1440, height: 900 },
  });
}

/**
 * Polls `read` until `check` accepts its value (the value is returned), or
 * fails naming `what` and the last value seen. For conditions that arrive
 * over the network (sync, presence): tests wait for them, never for a time.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (check(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Browser console errors and uncaught exceptions, to fail tests on broken pages. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (message) => {
    // Failed requests are logged by Chromium too; the tests assert those responses themselves.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return errors;
}

/** A signed-in page on a live project, once the page is connected; with the page's errors. */
export async function openProjectPage(
  browser: Browser,
  baseUrl: string,
  sessionToken: string,
  projectId: string,
  options: { locale?: string } = {},
) {
  const context = await signedInContext(browser, baseUrl, sessionToken, options);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`/projects/${projectId}`);
  await page.getByTestId('live-project').waitFor();
  return { page, errors };
}

/**
 * What a test opens (browser contexts, collab clients) is closed after it, passed or failed: a
 * live client would keep retrying. Call inside a `describe`; add what each test opens.
 */
export function closedAfterEachTest() {
  const contexts = new Set<BrowserContext>();
  const clients = new Set<CollabClient>();
  afterEach(async () => {
    for (const client of clients) client.destroy();
    clients.clear();
    for (const context of contexts) await context.close().catch(() => {});
    contexts.clear();
  });
  return { contexts, clients };
}
