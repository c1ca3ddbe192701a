/**
 * The benchmarks' processes, seen from the parent: a server under test alone in its
 * process (server-under-test.ts), and a fleet of light clients spread over forked
 * processes (fleet-worker.ts). Both speak over IPC with the messages typed here.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readLimits, sourceAddresses, workerCount } from '../load/network';

export const SERVER_KINDS = [
  'dais',
  'socket.io',
  'socket.io-tuned',
  'socket.io-22-closures',
  'socket.io-22-shared',
  'ws',
] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export type ToServer =
  | { type: 'measure' }
  /** Baselines only: send `frame` (a Socket.IO frame `42[name,payload]`) to every client. */
  | { type: 'broadcast'; frame: string }
  | { type: 'stop' };

export interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  connections: number;
}

export type FromServer =
  | { type: 'listening'; url: string }
  | ({ type: 'measured' } & Memory)
  /** When the broadcast loop started (clock() ms) and how many clients it addressed. */
  | { type: 'broadcasted'; at: number; clients: number };

/** Children run TypeScript as the parent does (tsx's loader is in execArgv). */
const execArgv = (...extra: string[]) => [...process.execArgv, ...extra];

/** Waits for the first message of a type from a child (or its exit, which is an error). */
function next<M extends { type: string }, T extends M['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<M, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: M) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as Extract<M, { type: T }>);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`process ${child.pid} exited (${code}) before '${type}'`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Starts a server under test in its own process (with --expose-gc) and waits until it listens. */
export async function startServer(kind: ServerKind, env: Record<string, string> = {}) {
  const child = fork(fileURLToPath(new URL('./server-under-test.ts', import.meta.url)), [kind], {
    execArgv: execArgv('--expose-gc'),
    env: { ...process.env, ...env },
    serialization: 'advanced',
  });
  const { url } = await next<FromServer, 'listening'>(child, 'listening');
  const ask = <T extends FromServer['type']>(message: ToServer, answer: T) => {
    const reply = next<FromServer, T>(child, answer);
    child.send(message);
    return reply;
  };
  return {
    kind,
    url,
    pid: child.pid!,
    /** Memory after full garbage collections, and the connections it holds. */
    measure: async (): Promise<Memory> => {
      const { type: _type, ...memory } = await ask({ type: 'measure' }, 'measured');
      return memory;
    },
    broadcast: (frame: string) => ask({ type: 'broadcast', frame }, 'broadcasted'),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ type: 'stop' } satisfies ToServer);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
export type ServerUnderTest = Awaited<ReturnType<typeof startServer>>;

/** What a fleet process needs: its share of the connections and how to speak. */
export interface FleetConfig {
  index: number;
  processes: number;
  url: string;
  /** Local addresses to connect from (empty: the system's choice). */
  sources: string[];
  /** All connections of the fleet; this process opens those `placement()` gives it. */
  connections: number;
  /** 'socket.io': Engine.IO v4 + Socket.IO v5 spoken by hand, then `event:join`; 'ws': connect only. */
  protocol: 'socket.io' | 'ws';
  /** The Socket.IO handshake's auth and the `event:join` payload (socket.io only). */
  auth?: unknown;
  join?: unknown;
  /** A received frame containing this is a broadcast to time; its key is its first `"id":"…"`. */
  marker: string;
}

export type ToFleet =
  | { type: 'start'; config: FleetConfig }
  /** Send every receipt recorded so far and forget them. */
  | { type: 'collect' }
  | { type: 'close' };

export type FromFleet =
  | { type: 'ready'; joined: number; failed: number; errors: Record<string, number> }
  /** Broadcast key → when each of this process's connections received it (clock() ms). */
  | {
      type: 'receipts';
      receipts: Record<string, number[]>;
      bytes: Record<string, number>;
      /** Connections of this process that closed after joining, so far. */
      dropped: number;
    }
  | { type: 'closed' };

export interface FleetOptions {
  url: string;
  connections: number;
  protocol: FleetConfig['protocol'];
  auth?: unknown;
  join?: unknown;
  marker: string;
  /** Fleet processes (default: as the load tool chooses, one per core at least). */
  processes?: number;
}

/**
 * Opens `connections` light clients (plain `ws` sockets) over forked processes and
 * resolves once every one has joined or failed. The same clients serve every server
 * kind, so only the server differs between runs. Spread over processes and source
 * addresses as the load tool does (tests/load/network.ts).
 */
export async function startFleet(options: FleetOptions) {
  const limits = readLimits();
  const processes = workerCount(options.connections, limits, options.processes ?? null);
  const [sources = []] = sourceAddresses([options.url], options.connections, limits, 'auto');
  const children = Array.from({ length: processes }, (_, index) => {
    const child = fork(fileURLToPath(new URL('./fleet-worker.ts', import.meta.url)), [], {
      execArgv: execArgv(),
      serialization: 'advanced',
    });
    const config: FleetConfig = { ...options, index, processes, sources };
    child.send({ type: 'start', config } satisfies ToFleet);
    return child;
  });
  const ready = await Promise.all(children.map((c) => next<FromFleet, 'ready'>(c, 'ready')));
  const errors: Record<string, number> = {};
  for (const r of ready) {
    for (const [key, n] of Object.entries(r.errors)) errors[key] = (errors[key] ?? 0) + n;
  }
  return {
    pids: children.map((c) => c.pid!),
    joined: ready.reduce((n, r) => n + r.joined, 0),
    failed: ready.reduce((n, r) => n + r.failed, 0),
    errors,
    /**
     * Every receipt since the last call, merged over the processes, by broadcast key; the
     * broadcasts' mean frame size; how many connections the server dropped.
     */
    async collect() {
      const parts = await Promise.all(
        children.map((c) => {
          const reply = next<FromFleet, 'receipts'>(c, 'receipts');
          c.send({ type: 'collect' } satisfies ToFleet);
          return reply;
        }),
      );
      const receipts = new Map<string, number[]>();
      const sizes: number[] = [];
      let dropped = 0;
      for (const part of parts) {
        dropped += part.dropped;
        for (const [key, times] of Object.entries(part.receipts)) {
          receipts.set(key, [...(receipts.get(key) ?? []), ...times]);
        }
        sizes.push(...Object.values(part.bytes));
      }
      const frameBytes = Math.round(sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length));
      return { receipts, frameBytes, dropped };
    },
    async close() {
      await Promise.all(
        children.map((c) => {
          if (c.exitCode !== null) return;
          const exited = new Promise((r) => c.once('exit', r));
          c.send({ type: 'close' } satisfies ToFleet);
          return exited;
        }),
      );
    },
  };
}
export type Fleet = Awaited<ReturnType<typeof startFleet>>;
