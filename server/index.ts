import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { createServices } from './services.ts';

/**
 * The web process: Express + Remix + Hocuspocus at /collab on one port.
 * SIGTERM/SIGINT: stop accepting, flush every pending edit, close, exit.
 */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel, { instance: config.instanceId });
  const services = await createServices(config, logger);
  const build = process.env.MONTAGE_NO_UI === '1' ? null : await loadBuild();
  const app = createApp(services, build);
  const server = createServer(app);
  server.on('upgrade', (request, socket, head) => {
    if (!services.collab.handleUpgrade(request, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, url: `http://localhost:${port}` }, 'Montage web server listening');
  process.send?.({ type: 'listening', port });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: flushing documents');
    server.close();
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    try {
      await services.close();
      server.closeAllConnections();
    } catch (err) {
      logger.error({ err }, 'error during shutdown');
    }
    clearTimeout(force);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

async function loadBuild(): Promise<ServerBuild> {
  const file = path.resolve('build/index.js');
  try {
    return (await import(pathToFileURL(file).href)) as ServerBuild;
  } catch (err) {
    throw new Error(
      `The web UI is not built (${file}): run \`npm run build\` first. ${(err as Error).message}`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
