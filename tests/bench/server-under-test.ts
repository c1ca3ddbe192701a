/**
 * One server, alone in its process, so its CPU and memory are its own: forked by the
 * benchmarks (fleet.ts holds the clients elsewhere) with --expose-gc, driven over IPC.
 *
 * - `dais`: the whole app (createApp, as server/src/main.ts runs it) on REDIS_URL,
 *   rate limits off (BENCH_LIMITS=counted: on, out of reach).
 * - `socket.io`: a plain Socket.IO server with every option at its default; a socket
 *   joins one room on `event:join`, as a Dais audience socket joins the public room.
 * - `socket.io-tuned`: the same with the io options Dais uses (server/src/app.ts).
 * - `socket.io-22-closures`, `socket.io-22-shared`: socket.io-tuned with 22 more event
 *   listeners per socket, as many as Dais has: closures made per socket as Dais' handle()
 *   makes them, or one function per event shared by every socket.
 * - `ws`: a plain `ws` WebSocketServer; a broadcast is the ordinary loop over its clients.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { WebSocketServer } from 'ws';
import { connectRedis, createApp, DEFAULT_LIMITS, silentLogger, type Limits } from '@dais/server';
import { clock } from '../load/connection';
import { SERVER_KINDS, type FromServer, type ServerKind, type ToServer } from './processes';

/** Runs the servers in this process; the parent talks to it through process.send. */
async function main(kind: ServerKind) {
  const tell = (message: FromServer) => process.send!(message);
  const http = createServer();
  let connections: () => number;
  let broadcast: (frame: string) => number = () => 0;
  let close: () => Promise<void>;

  if (kind === 'dais') {
    const redis = connectRedis({ url: process.env.REDIS_URL! });
    const app = await createApp({ redis, logger: silentLogger, config: { limits: benchLimits() } });
    const url = await app.listen(0, '127.0.0.1');
    connections = () => app.io.engine.clientsCount;
    close = async () => {
      await app.close();
      redis.disconnect();
    };
    tell({ type: 'listening', url });
  } else if (kind === 'ws') {
    const wss = new WebSocketServer({ server: http });
    connections = () => wss.clients.size;
    broadcast = (frame) => {
      // One Buffer for every client, as ws' own broadcast example sends what it received.
      const data = Buffer.from(frame);
      for (const client of wss.clients) client.send(data, { binary: false });
      return wss.clients.size;
    };
    close = () => new Promise((r) => wss.close(() => http.close(() => r())));
  } else {
    const io =
      kind === 'socket.io'
        ? new Server(http)
        : new Server(http, {
            serveClient: false,
            transports: ['websocket'],
            perMessageDeflate: false,
            httpCompression: false,
          });
    if (kind !== 'socket.io') {
      io.engine.on('connection', (raw: { request: unknown }) => {
        raw.request = null;
      });
    }
    io.on('connection', (socket) => {
      socket.on('event:join', (_payload: unknown, ack: (reply: unknown) => void) => {
        void socket.join('public');
        ack({ ok: true, data: {} });
      });
      if (kind === 'socket.io-22-closures')
        for (const event of EVENTS) handleLikeDais(socket, event);
      if (kind === 'socket.io-22-shared')
        for (const event of EVENTS) socket.on(event, SHARED[event]!);
    });
    connections = () => io.engine.clientsCount;
    broadcast = (frame) => {
      const [name, payload] = JSON.parse(frame.slice(2)) as [string, unknown];
      io.to('public').emit(name, payload);
      return io.sockets.adapter.rooms.get('public')?.size ?? 0;
    };
    close = () => new Promise((r) => io.close(() => r()));
  }
  if (kind !== 'dais') {
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    tell({ type: 'listening', url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` });
  }

  process.on('message', async (message: ToServer) => {
    if (message.type === 'measure') {
      tell({ type: 'measured', ...(await settledMemory()), connections: connections() });
    } else if (message.type === 'broadcast') {
      const at = clock();
      tell({ type: 'broadcasted', at, clients: broadcast(message.frame) });
    } else {
      await close();
      process.exit(0);
    }
  });
}

/**
 * The benchmarks measure capacity, and their load comes from one address, which the
 * flood guards (security/limits.ts) would refuse long before the server is busy: off,
 * or with BENCH_LIMITS=counted every limit checked as usual but raised out of reach,
 * so their cost is measured and nothing is refused.
 */
function benchLimits(): Partial<Limits> | false {
  if (process.env.BENCH_LIMITS !== 'counted') return false;
  return Object.fromEntries(
    Object.entries(DEFAULT_LIMITS).map(([name, limit]) => [
      name,
      typeof limit === 'number' ? 0 : { ...limit, points: 1e9 },
    ]),
  );
}

/** As many client events as Dais registers a handler for on every socket. */
const EVENTS = Array.from({ length: 22 }, (_, i) => `event:${i}`);

/**
 * A listener per socket and event, made as realtime/handle.ts makes it: a closure over
 * the event and the handler, held in a const (so tsx, which transforms with esbuild's
 * keepNames, defines a `name` property on each one).
 */
function handleLikeDais(socket: Socket, event: string) {
  const handler = async (payload: unknown) => ({ event, id: socket.id, payload });
  const listener = async (raw: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? ack : () => {};
    reply(await handler(raw));
  };
  socket.on(event, listener);
}

/** One listener per event for every socket: Node's EventEmitter calls it with `this` = the socket. */
const SHARED: Record<string, (this: Socket, raw: unknown, ack?: unknown) => Promise<void>> =
  Object.fromEntries(
    EVENTS.map((event) => [
      event,
      async function (this: Socket, raw: unknown, ack?: unknown) {
        const reply = typeof ack === 'function' ? ack : () => {};
        reply(await Promise.resolve({ event, id: this.id, payload: raw }));
      },
    ]),
  );

/** Memory after full collections, once the heap stops shrinking. */
async function settledMemory() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('start the server with --expose-gc');
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 200));
  }
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, external, arrayBuffers };
}

const kind = process.argv[2] as ServerKind;
if (!SERVER_KINDS.includes(kind)) throw new Error(`server kind: one of ${SERVER_KINDS.join(', ')}`);
await main(kind);
