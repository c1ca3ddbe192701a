import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, connect as tcpConnect, type Socket as TcpSocket } from 'node:net';
import { Redis } from 'ioredis';
import { createEventStore, createIntake, defineScripts, PEER_KEYS } from '@dais/server';
import { io } from 'socket.io-client';
import {
  ErrorCode,
  mergeQuestions,
  PROTOCOL_VERSION,
  QUESTION_STATUSES,
  type AckData,
  type ClientEventName,
  type JoinPayload,
  type Result,
  type Snapshot,
} from '@dais/shared';
import type { Client } from './clients';
import { eventRedisKeys } from './questions';

/**
 * Fault-test tools: clients that behave as a real client must when servers and Redis
 * fail (reconnect, join again, retry with the same request id), a TCP cut between a
 * client and its server, and reads of processes and Redis from outside.
 */

/** A fresh client-made request id (the protocol's `requestId`). */
export const requestId = () => `r_${randomBytes(12).toString('base64url')}`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Answers after which the same request is sent again: the server could not decide. */
const RETRYABLE = new Set<string>([ErrorCode.Unavailable, ErrorCode.NotJoined]);

type Question = Snapshot['questions'][number];

export interface FaultClientOptions {
  /** socket.io-client's own ack timeout and retries (it re-sends the same packet). */
  ackTimeout?: number;
  retries?: number;
  /** How long one attempt of `send` waits for its ack before trying again. */
  attemptTimeout?: number;
}

/**
 * A socket.io client that reconnects by itself, joins again after every connect (an
 * audience member with its token, so it stays the same participant) and keeps the
 * questions it was told about as the protocol says: the snapshot, then every
 * question:changed by rev and votes:changed where its rev is not older. Pushes that
 * arrive while a join is pending are applied on top of its snapshot.
 */
export function faultClient(url: string, join: JoinPayload, options: FaultClientOptions = {}) {
  const socket: Client = io(url, {
    transports: ['websocket'],
    auth: { protocol: PROTOCOL_VERSION },
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 1000,
    ...(options.ackTimeout !== undefined && { ackTimeout: options.ackTimeout }),
    ...(options.retries !== undefined && { retries: options.retries }),
  });
  let token: string | undefined;
  let questions: Record<string, Question> = {};
  let heldBack: (() => void)[] | null = null;
  let joins = 0;
  let resyncs = 0;
  let markJoined = () => {};
  let joined = new Promise<void>((resolve) => (markJoined = resolve));
  let closed = false;

  const deliver = (apply: () => void) => (heldBack ? heldBack.push(apply) : apply());
  const attemptTimeout = options.attemptTimeout ?? 5000;

  async function joinNow() {
    while (!closed && socket.connected) {
      const held: (() => void)[] = [];
      heldBack = held;
      const payload = join.role === 'audience' && token ? { ...join, token } : join;
      const result = await ackOf(socket, 'event:join', payload, attemptTimeout);
      if (heldBack !== held) return; // a newer join (a reconnect, a resync) decides
      heldBack = null;
      if (result?.ok) {
        token = result.data.participant?.token ?? token;
        questions = mergeQuestions({}, result.data.questions);
        for (const apply of held) apply();
        joins++;
        markJoined();
        return;
      }
      await sleep(200);
    }
  }

  socket.on('connect', () => void joinNow());
  // As the app's client does, at a random moment within withinMs (docs/PROTOCOL.md).
  socket.on('event:resync', ({ withinMs }) => {
    resyncs++;
    setTimeout(() => void joinNow(), Math.random() * withinMs);
  });
  socket.on('disconnect', () => {
    joined = new Promise<void>((resolve) => (markJoined = resolve));
  });
  socket.on('question:changed', ({ question }) =>
    deliver(() => (questions = mergeQuestions(questions, [question]))),
  );
  socket.on('votes:changed', ({ updates }) =>
    deliver(() => {
      for (const { id, votes, score, rev } of updates) {
        const known = questions[id];
        if (known && known.rev <= rev)
          questions = { ...questions, [id]: { ...known, votes, score, rev } };
      }
    }),
  );

  /**
   * Sends a request until the server decides it (any answer but UNAVAILABLE or
   * NOT_JOINED), the same payload each time, waiting for a join after a drop.
   * `attempts` counts the sends. Gives up after `deadlineMs`.
   */
  async function send<E extends ClientEventName>(event: E, payload: unknown, deadlineMs = 60_000) {
    const giveUp = Date.now() + deadlineMs;
    for (let attempts = 1; ; attempts++) {
      await Promise.race([joined, sleep(Math.max(0, giveUp - Date.now()))]);
      if (Date.now() >= giveUp)
        throw new Error(`${event} undecided after ${attempts - 1} attempts`);
      const sentAt = Date.now();
      const result = await ackOf(socket, event, payload, attemptTimeout);
      const answeredAt = Date.now();
      if (result && !RETRYABLE.has(result.ok ? '' : result.error)) {
        return { result, attempts, sentAt, answeredAt };
      }
      if (result && !result.ok && onRefusal) onRefusal(result.error, sentAt, answeredAt);
      await sleep(100);
    }
  }
  let onRefusal: ((error: string, sentAt: number, answeredAt: number) => void) | undefined;

  return {
    socket,
    send,
    /** Called with every retryable refusal `send` receives (and retries). */
    onRetryableRefusal: (listener: typeof onRefusal) => (onRefusal = listener),
    /** Resolves once the client has joined on its current connection. */
    joined: () => joined,
    /** How many joins succeeded (the first one and every one after a reconnect). */
    joins: () => joins,
    /** How many times the server asked this client to join again (event:resync). */
    resyncs: () => resyncs,
    questions: () => questions,
    close: () => {
      closed = true;
      socket.disconnect();
    },
  };
}
export type FaultClient = ReturnType<typeof faultClient>;

/** One emit's ack, or undefined when none came within `timeoutMs` (or the socket dropped). */
async function ackOf<E extends ClientEventName>(
  socket: Client,
  event: E,
  payload: unknown,
  timeoutMs: number,
): Promise<Result<AckData<E>> | undefined> {
  const untyped = socket.timeout(timeoutMs) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<Result<AckData<E>>>;
  };
  try {
    return await untyped.emitWithAck(event, payload);
  } catch {
    return undefined;
  }
}

/** Resolves once `condition` holds (checked every 100 ms); fails with `describe()` after `ms`. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  describe: () => string,
  ms = 20_000,
) {
  const giveUp = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > giveUp) throw new Error(`did not happen within ${ms / 1000} s: ${describe()}`);
    await sleep(100);
  }
}

/** A join's snapshot questions by id, from a client that connects once and leaves. */
export async function freshQuestions(url: string, join: JoinPayload) {
  const client = faultClient(url, join);
  try {
    await client.joined();
    return client.questions();
  } finally {
    client.close();
  }
}

/** Every question hash of an event, read from Redis by SCAN, and the status sets. */
export async function storedQuestions(redis: Redis, code: string) {
  const keys = eventRedisKeys(code);
  const hashKeys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', keys.question('*'), 'COUNT', 1000);
    hashKeys.push(...found);
    cursor = next;
  } while (cursor !== '0');
  const hashes = await Promise.all(hashKeys.map((key) => redis.hgetall(key)));
  const statusOf = new Map<string, string[]>();
  for (const status of QUESTION_STATUSES) {
    for (const id of await redis.zrange(keys.status(status), 0, -1)) {
      statusOf.set(id, [...(statusOf.get(id) ?? []), status]);
    }
  }
  return { hashes, statusOf };
}

/** The pid of the redis-server behind `redis` (INFO server). */
export async function redisPid(redis: Redis): Promise<number> {
  const info = await redis.info('server');
  return Number(/process_id:(\d+)/.exec(info)![1]);
}

/** A process's resident memory in bytes (VmRSS in /proc, Linux). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/**
 * A TCP relay in front of a server: clients connect to `url`. `cut()` drops every
 * connection and refuses new ones (a network cut, as the client sees it) until
 * `restore()`.
 */
export async function cuttableLink(targetPort: number) {
  const open = new Set<TcpSocket>();
  let cut = false;
  const relay = createServer((inbound) => {
    if (cut) return inbound.destroy();
    const outbound = tcpConnect(targetPort, '127.0.0.1');
    for (const [from, to] of [
      [inbound, outbound],
      [outbound, inbound],
    ] as const) {
      open.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        open.delete(from);
        to.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const { port } = relay.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    cut: () => {
      cut = true;
      for (const socket of open) socket.destroy();
    },
    restore: () => {
      cut = false;
    },
    close: () => {
      for (const socket of open) socket.destroy();
      return new Promise<void>((resolve) => relay.close(() => resolve()));
    },
  };
}

/**
 * A server process's footprint in Redis when it was killed between storing and
 * publishing: it beat once (its deadline `staleMs` away), then approved `approveId`
 * and took the question `ask` through the real store and intake, and published
 * nothing (server/src/realtime/peers.ts).
 */
export async function diedBeforePublishing(
  redisUrl: string,
  code: string,
  { approveId, ask, staleMs }: { approveId: string; ask: string; staleMs: number },
) {
  const admin = new Redis(redisUrl);
  try {
    defineScripts(admin);
    await admin.beatPeers(PEER_KEYS.deadlines, PEER_KEYS.beats, 'killed-process', staleMs);
    const store = createEventStore(admin);
    const actor = { id: 'ghost', name: 'Ghost' };
    await store.transition(code, approveId, 'approve', { actor, undoable: true, now: Date.now() });
    await createIntake(store).submit(
      code,
      { text: ask, authorId: 'someone', authorName: null },
      Date.now(),
    );
  } finally {
    admin.disconnect();
  }
}

/** Questions by id in id order, so two maps compare as JSON. */
export function sortedById(byId: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(byId).sort(([a], [b]) => a.localeCompare(b)));
}
