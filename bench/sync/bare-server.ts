import { Server } from '@hocuspocus/server';

/** A bare Hocuspocus server (no auth, no persistence): the baseline of bench/sync. */
const server = new Server({ port: 0, quiet: true, stopOnSignals: true, address: '127.0.0.1' });
await server.listen();
process.send?.({ type: 'listening', port: server.address.port });
