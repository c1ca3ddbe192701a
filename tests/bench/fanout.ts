/**
 * `pnpm --silent bench:fanout [--connections 10000] [--approvals 60] [--interval-ms 500]
 *  [--event-size 0] [--servers dais,socket.io-tuned,ws] [--json]`
 *
 * One approval to every connected audience socket, against the same broadcast from a
 * plain Socket.IO server and a plain `ws` server, in one run. Each server runs alone
 * in its process (server-under-test.ts) and its CPU is read from /proc; the clients
 * (fleet-worker.ts, the same light clients for every server) run in other processes.
 *
 * Dais: a moderator socket approves `approvals` pending questions, one every
 * `interval-ms`; every audience socket timestamps the `question:changed` it gets.
 * Baselines: the parent asks the server to broadcast the very frame Dais sent (its
 * question id changed, so each has the size of its Dais twin), at the same pace, to as
 * many sockets.
 *
 * Figures per server: time until the last socket had each broadcast (p50, p99, max
 * over the broadcasts; from the moderator's send for Dais, from the start of the
 * broadcast loop for the baselines), messages delivered per CPU-second of the server
 * process over the broadcast phase, and its idle CPU with the sockets connected.
 * Not a test: it reports, it asserts nothing.
 */
import { parseArgs } from 'node:util';
import type { ServerToClientEvents } from '@dais/shared';
import { disconnectAll, join } from '../harness/clients';
import { clock } from '../load/connection';
import { stats } from '../load/report';
import { audienceFleet, fillEvent, openEvent, pendingQuestions } from './fill';
import { bars, lines } from './charts';
import { cpuSeconds, finish, machine, privateRedis, round, sleep } from './kit';
import { SERVER_KINDS, startFleet, startServer, type ServerKind } from './processes';

const { values: options } = parseArgs({
  options: {
    connections: { type: 'string', default: '10000' },
    approvals: { type: 'string', default: '60' },
    'interval-ms': { type: 'string', default: '500' },
    'idle-seconds': { type: 'string', default: '5' },
    'event-size': { type: 'string', default: '0' },
    servers: { type: 'string', default: 'dais,socket.io-tuned,ws' },
    out: { type: 'string' },
    chart: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const CONNECTIONS = Number(options.connections);
const APPROVALS = Number(options.approvals);
const INTERVAL_MS = Number(options['interval-ms']);
const IDLE_SECONDS = Number(options['idle-seconds']);
const EVENT_SIZE = Number(options['event-size']);
const SERVERS = options.servers.split(',') as ServerKind[];
for (const kind of SERVERS) {
  if (!SERVER_KINDS.includes(kind)) throw new Error(`--servers: one of ${SERVER_KINDS.join(', ')}`);
}
if (SERVERS[0] !== 'dais')
  throw new Error('--servers starts with dais: the baselines send its frame');
/** What marks an approval's broadcast in a received frame. */
const MARKER = '"change":"approved"';

type Changed = Parameters<ServerToClientEvents['question:changed']>[0];

const machineAtStart = machine();
const redis = await privateRedis('fanout');
const results = [];
/** What Dais sent the audience for each approval, which the baselines send too. */
const daisFrames: Changed[] = [];

try {
  for (const kind of SERVERS) results.push(await measure(kind));
} finally {
  disconnectAll();
  await redis.stop();
}

async function measure(kind: ServerKind) {
  const server = await startServer(kind, { REDIS_URL: redis.url });
  try {
    let sendOne: (i: number) => Promise<{ key: string; start: number; ack?: number }>;
    let fleetOptions;
    let event: { size: number; public: number } | undefined;
    if (kind === 'dais') {
      const { event: created, moderator } = await openEvent(server.url, 'Fan-out benchmark');
      // The questions to approve come first: in a big event, most new questions would be
      // near-duplicates of the filling's and merge instead of staying pending.
      const ids = await pendingQuestions(server.url, created.code, APPROVALS);
      const filled = await fillEvent(server.url, created, moderator, EVENT_SIZE);
      event = { size: filled.questions, public: filled.public };
      // What the audience gets of an approval (the public view), for the baselines to send.
      const observer = await join(server.url, { code: created.code, role: 'audience' });
      observer.socket.on('question:changed', (changed) => {
        if (changed.change === 'approved') daisFrames.push(changed);
      });
      sendOne = async (i) => {
        const start = clock();
        const ack = await moderator
          .timeout(30_000)
          .emitWithAck('question:approve', { questionId: ids[i]!, expected: 'pending' });
        if (!ack.ok) throw new Error(`approve: ${ack.error}`);
        return { key: ids[i]!, start, ack: clock() };
      };
      fleetOptions = audienceFleet(created.code);
    } else {
      sendOne = async (i) => {
        const frame = daisFrames[i % daisFrames.length]!;
        // An id as long as Dais' own, so the frames are the same size.
        const key = `${frame.question.id.slice(0, -6)}${String(i).padStart(6, '0')}`;
        const sent = await server.broadcast(
          `42${JSON.stringify(['question:changed', { ...frame, question: { ...frame.question, id: key } }])}`,
        );
        return { key, start: sent.at };
      };
      fleetOptions =
        kind === 'ws' ? { protocol: 'ws' as const } : { protocol: 'socket.io' as const, join: {} };
    }

    const connectStart = clock();
    const fleet = await startFleet({
      url: server.url,
      connections: CONNECTIONS,
      marker: MARKER,
      ...fleetOptions,
    });
    const connectSeconds = (clock() - connectStart) / 1000;
    await sleep(2000); // let the joins' garbage and timers settle

    const idleBefore = cpuSeconds(server.pid);
    await sleep(IDLE_SECONDS * 1000);
    const idleCpuPerSecond = (cpuSeconds(server.pid) - idleBefore) / IDLE_SECONDS;

    const pids = { server: server.pid, redis: redis.pid, fleet: fleet.pids };
    const cpuOf = () => ({
      server: cpuSeconds(pids.server),
      redis: cpuSeconds(pids.redis),
      fleet: pids.fleet.reduce((sum, pid) => sum + cpuSeconds(pid), 0),
    });
    const before = cpuOf();
    const windowStart = clock();
    const sent = [];
    for (let i = 0; i < APPROVALS; i++) {
      const slot = windowStart + i * INTERVAL_MS;
      if (clock() < slot) await sleep(slot - clock());
      sent.push(await sendOne(i));
    }
    await sleep(INTERVAL_MS);
    const after = cpuOf();
    const windowSeconds = (clock() - windowStart) / 1000;
    const { receipts, frameBytes, dropped } = await fleet.collect();
    await fleet.close();

    const toLast: number[] = [];
    const toLastFromAck: number[] = [];
    const toMedian: number[] = [];
    let delivered = 0;
    for (const { key, start, ack } of sent) {
      const times = (receipts.get(key) ?? []).sort((a, b) => a - b);
      delivered += times.length;
      if (times.length === 0) continue;
      toLast.push(times.at(-1)! - start);
      if (ack !== undefined) toLastFromAck.push(times.at(-1)! - ack);
      toMedian.push(times[Math.floor(times.length / 2)]! - start);
    }
    const serverCpu = after.server - before.server;
    return {
      server: kind,
      event,
      connections: { asked: CONNECTIONS, joined: fleet.joined, failed: fleet.failed, dropped },
      connectErrors: fleet.errors,
      connectSeconds: round(connectSeconds),
      frameBytes,
      broadcasts: APPROVALS,
      intervalMs: INTERVAL_MS,
      delivered,
      missing: APPROVALS * fleet.joined - delivered,
      timeToLastMs: stats(toLast),
      timeToLastFromAckMs: stats(toLastFromAck),
      timeToMedianMs: stats(toMedian),
      /** Per broadcast, in order: ms until the last socket had it. */
      perBroadcastMs: toLast.map((ms) => round(ms)),
      windowSeconds: round(windowSeconds, 2),
      cpuSeconds: {
        server: round(serverCpu, 2),
        redis: round(after.redis - before.redis, 2),
        fleet: round(after.fleet - before.fleet, 2),
      },
      messagesPerServerCpuSecond: Math.round(delivered / serverCpu),
      idleServerCpuPercent: round(idleCpuPerSecond * 100),
    };
  } finally {
    disconnectAll();
    await server.stop();
  }
}

const ws = results.find((r) => r.server === 'ws');
const figures = {
  results: results.map((r) => ({
    ...r,
    vsWs: ws ? round(r.messagesPerServerCpuSecond / ws.messagesPerServerCpuSecond, 2) : null,
  })),
};
await finish(
  'fanout',
  machineAtStart,
  figures,
  options,
  ({ results }) => {
    for (const r of results) {
      const t = r.timeToLastMs;
      console.log(
        [
          `${r.server.padEnd(16)} ${r.connections.joined}/${r.connections.asked} joined in ${r.connectSeconds} s${r.event ? ` (event of ${r.event.size} questions, ${r.event.public} public)` : ''}; ${r.frameBytes} B frames`,
          `  time to the last socket  p50 ${t?.p50} ms  p99 ${t?.p99} ms  max ${t?.max} ms over ${r.broadcasts} broadcasts${r.timeToLastFromAckMs ? ` (from the approval's ack: p99 ${r.timeToLastFromAckMs.p99} ms)` : ''}; median socket p50 ${r.timeToMedianMs?.p50} ms`,
          `  delivered ${r.delivered} (${r.missing} missing, ${r.connections.dropped} dropped); server CPU ${r.cpuSeconds.server} s over ${r.windowSeconds} s → ${r.messagesPerServerCpuSecond} messages per CPU-second${r.vsWs !== null ? ` (${Math.round(r.vsWs * 100)}% of ws)` : ''}`,
          `  idle server CPU ${r.idleServerCpuPercent}% with the sockets connected; Redis CPU ${r.cpuSeconds.redis} s; clients' CPU ${r.cpuSeconds.fleet} s`,
        ].join('\n'),
      );
    }
  },
  ({ results }) => ({
    title: `One broadcast to ${CONNECTIONS} sockets: Dais, plain Socket.IO, plain ws`,
    panels: [
      lines(
        'Time until the last socket had it (each broadcast)',
        'broadcast',
        'ms',
        results.flatMap((r) =>
          r.perBroadcastMs.map((value, x) => ({ x, series: r.server, value })),
        ),
      ),
      bars(
        'Messages delivered per CPU-second of the server process',
        'messages per CPU-second',
        results.map((r) => ({
          label: r.server,
          series: 'messages/CPU-s',
          value: r.messagesPerServerCpuSecond,
        })),
      ),
    ],
  }),
);
process.exit(0);
