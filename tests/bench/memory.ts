/**
 * `pnpm --silent bench:memory [--connections 10000] [--servers ws,socket.io,socket.io-tuned,dais]
 *  [--event-size 0] [--json]`
 *
 * Memory per idle audience connection, side by side in one run: a plain `ws` server
 * (the floor), a plain Socket.IO server with every default, the same with the io
 * options Dais uses (server/src/app.ts: websocket only, no compression, the upgrade
 * request dropped), and Dais itself (createApp; each socket joined to an event as the
 * audience, so it sits in the public room and its participant's room). Also on
 * request: `socket.io-22-closures` and `socket.io-22-shared` (server-under-test.ts),
 * what 22 listeners per socket cost made per socket or shared.
 *
 * Each server runs alone in its process, started with --expose-gc. After a warm-up
 * round (1,000 connections opened and closed), its RSS is read after full collections,
 * and again once all the connections have joined and sat idle for a few seconds:
 * (RSS after − RSS before) / connections.
 * The clients are fleet-worker.ts' light `ws` clients in other processes.
 * Not a test: it reports, it asserts nothing.
 */
import { parseArgs } from 'node:util';
import { disconnectAll } from '../harness/clients';
import { audienceFleet, fillEvent, openEvent } from './fill';
import { bars } from './charts';
import { finish, machine, privateRedis, round, sleep } from './kit';
import { SERVER_KINDS, startFleet, startServer, type Memory, type ServerKind } from './processes';

const { values: options } = parseArgs({
  options: {
    connections: { type: 'string', default: '10000' },
    servers: { type: 'string', default: 'ws,socket.io,socket.io-tuned,dais' },
    'event-size': { type: 'string', default: '0' },
    'idle-seconds': { type: 'string', default: '5' },
    out: { type: 'string' },
    chart: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const CONNECTIONS = Number(options.connections);
const SERVERS = options.servers.split(',') as ServerKind[];
for (const kind of SERVERS) {
  if (!SERVER_KINDS.includes(kind)) throw new Error(`--servers: one of ${SERVER_KINDS.join(', ')}`);
}
const EVENT_SIZE = Number(options['event-size']);
const IDLE_SECONDS = Number(options['idle-seconds']);

const machineAtStart = machine();
const redis = await privateRedis('memory');
const results = [];
try {
  for (const kind of SERVERS) results.push(await measure(kind));
} finally {
  await redis.stop();
}

async function measure(kind: ServerKind) {
  const server = await startServer(kind, { REDIS_URL: redis.url });
  try {
    let fleetOptions;
    let event: { size: number; public: number } | undefined;
    if (kind === 'dais') {
      const { event: created, moderator } = await openEvent(server.url, 'Memory benchmark');
      const filled = await fillEvent(server.url, created, moderator, EVENT_SIZE);
      event = { size: filled.questions, public: filled.public };
      disconnectAll();
      fleetOptions = audienceFleet(created.code);
    } else {
      fleetOptions =
        kind === 'ws' ? { protocol: 'ws' as const } : { protocol: 'socket.io' as const, join: {} };
    }
    const connect = (connections: number) =>
      startFleet({ url: server.url, connections, marker: '\u0000never', ...fleetOptions });
    // A first round warms the code paths up (and lets go of start-up garbage) before the baseline.
    await (await connect(Math.min(1000, CONNECTIONS))).close();
    await sleep(2000);
    const before = await server.measure();
    const fleet = await connect(CONNECTIONS);
    await sleep(IDLE_SECONDS * 1000);
    const connected = await server.measure();
    await fleet.close();
    await sleep(2000);
    const closed = await server.measure();
    const per = (field: keyof Memory) =>
      Math.round((connected[field] - before[field]) / Math.max(1, connected.connections));
    return {
      server: kind,
      event,
      connections: {
        asked: CONNECTIONS,
        joined: fleet.joined,
        heldByServer: connected.connections,
      },
      connectErrors: fleet.errors,
      bytesPerConnection: {
        rss: per('rss'),
        heapUsed: per('heapUsed'),
        external: per('external'),
        arrayBuffers: per('arrayBuffers'),
      },
      mb: {
        before: round(before.rss / 2 ** 20),
        connected: round(connected.rss / 2 ** 20),
        afterClose: round(closed.rss / 2 ** 20),
        heapAfterClose: round(closed.heapUsed / 2 ** 20),
        heapBefore: round(before.heapUsed / 2 ** 20),
      },
    };
  } finally {
    disconnectAll();
    await server.stop();
  }
}

await finish(
  'memory',
  machineAtStart,
  { results },
  options,
  ({ results }) => {
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    for (const r of results) {
      const b = r.bytesPerConnection;
      console.log(
        `${r.server.padEnd(16)} ${r.connections.heldByServer} idle connections: RSS ${kb(b.rss)} each (heap ${kb(b.heapUsed)}, external ${kb(b.external)}); RSS ${r.mb.before} → ${r.mb.connected} MB, ${r.mb.afterClose} MB after they closed${r.event ? `; event of ${r.event.size} questions` : ''}`,
      );
    }
  },
  ({ results }) => ({
    title: `Memory per idle connection, ${CONNECTIONS} connections`,
    panels: [
      bars(
        'Per connection, after full garbage collections',
        'KB',
        results.flatMap((r) => [
          { label: r.server, series: 'RSS', value: r.bytesPerConnection.rss / 1024 },
          { label: r.server, series: 'V8 heap', value: r.bytesPerConnection.heapUsed / 1024 },
        ]),
        { value: 12, label: 'target 12 KB RSS' },
      ),
    ],
  }),
);
process.exit(0);
