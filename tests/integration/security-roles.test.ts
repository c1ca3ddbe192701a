import { createHash, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLIENT_EVENTS, ErrorCode, type ClientEventName, type JoinPayload } from '@dais/shared';
import type { Logger } from '@dais/server';
import {
  type Client,
  type CreatedEventWithKeys,
  connect,
  createEvent,
  disconnectAll,
  expectOk,
  join,
  request,
} from '../harness/clients';
import { startRedis, startServer, useDais } from '../harness/dais';
import {
  CLIENT_EVENT_NAMES,
  expectedRefusal,
  samplePayloads,
  type SampleIds,
  type Sender,
} from '../harness/payloads';
import { redisFingerprint } from '../harness/redis-state';

const dais = useDais();
afterAll(disconnectAll);

/** A well-formed key that belongs to nobody. */
const strangerKey = () => randomBytes(16).toString('base64url');

/**
 * Everyone who may try a privileged event, and how they got their socket. Joins
 * that must fail are checked to fail with BAD_KEY and to leave the socket as it was.
 */
const SENDERS: {
  name: string;
  sender: Sender;
  open: (event: CreatedEventWithKeys, other: CreatedEventWithKeys) => Promise<Client>;
}[] = [
  { name: 'a socket that never joined', sender: 'unjoined', open: () => connect(dais.url) },
  {
    name: 'a socket refused with a wrong moderator key',
    sender: 'unjoined',
    open: ({ code }) => refusedJoin({ code, role: 'moderator', key: strangerKey() }),
  },
  {
    name: 'a socket refused with a wrong stage key',
    sender: 'unjoined',
    open: ({ code }) => refusedJoin({ code, role: 'stage', key: strangerKey() }),
  },
  {
    name: "a socket refused with another event's moderator key",
    sender: 'unjoined',
    open: ({ code }, other) => refusedJoin({ code, role: 'moderator', key: other.moderatorKey }),
  },
  {
    name: 'a socket refused with the stage key as moderator key',
    sender: 'unjoined',
    open: ({ code, stageKey }) => refusedJoin({ code, role: 'moderator', key: stageKey }),
  },
  {
    name: 'the audience',
    sender: 'audience',
    open: async ({ code }) => (await join(dais.url, { code, role: 'audience' })).socket,
  },
  {
    name: 'the audience after a refused moderator key',
    sender: 'audience',
    open: async ({ code, stageKey }) => {
      const { socket } = await join(dais.url, { code, role: 'audience' });
      await expectRefused(
        socket,
        'event:join',
        { code, role: 'moderator', key: stageKey },
        'BAD_KEY',
      );
      return socket;
    },
  },
  {
    name: 'the stage (its own key)',
    sender: 'stage',
    open: async ({ code, stageKey }) =>
      (await join(dais.url, { code, role: 'stage', key: stageKey })).socket,
  },
  {
    name: 'a moderator',
    sender: 'moderator',
    open: async ({ code, moderatorKey }) =>
      // A reader (present: false): a presence refresh would write to Redis mid-comparison.
      (await join(dais.url, { code, role: 'moderator', key: moderatorKey, present: false })).socket,
  },
];

let event: CreatedEventWithKeys;
let other: CreatedEventWithKeys;
let ids: SampleIds;
const sockets = new Map<string, Client>();

beforeAll(async () => {
  [event, other] = await Promise.all([createEvent(dais.url), createEvent(dais.url, 'Other')]);
  const { socket: asker } = await join(dais.url, { code: event.code, role: 'audience' });
  const ask = (text: string) => expectOk(asker, 'question:submit', { text });
  const [first, second] = [
    await ask('Will the new school year start later?'),
    await ask('How do refugee children get vaccines?'),
  ];
  ids = { code: event.code, questionId: first.question.id, otherId: second.question.id };
  for (const { name, open } of SENDERS) sockets.set(name, await open(event, other));
});

/** A fresh socket whose join must be refused as BAD_KEY; it stays un-joined. */
async function refusedJoin(payload: JoinPayload): Promise<Client> {
  const socket = await connect(dais.url);
  await expectRefused(socket, 'event:join', payload, 'BAD_KEY');
  return socket;
}

/** The request is refused with `error`, Redis is exactly as before, the socket still up. */
async function expectRefused(socket: Client, name: string, payload: unknown, error: string) {
  const before = await redisFingerprint(dais.server.redis);
  const result = await request(socket, name as ClientEventName, payload);
  expect(result).toMatchObject({ ok: false, error });
  expect(await redisFingerprint(dais.server.redis)).toEqual(before);
  expect(socket.connected).toBe(true);
}

/** Events the contract keeps from at least one role: every one is tried below. */
const RESTRICTED = CLIENT_EVENT_NAMES.filter((name) => CLIENT_EVENTS[name].roles !== 'any');

/** Every (sender, event) pair the contract forbids, with the refusal the server owes. */
const ATTEMPTS = SENDERS.flatMap(({ name, sender }) =>
  RESTRICTED.flatMap((event) => {
    const owed = expectedRefusal(event, sender, undefined);
    return owed === ErrorCode.NotJoined || owed === ErrorCode.Forbidden
      ? [{ who: name, event, owed }]
      : [];
  }),
);

describe('roles on every event', () => {
  it('tries every restricted event of the contract, as every kind of outsider', () => {
    expect(RESTRICTED.length).toBeGreaterThan(0);
    expect(new Set(ATTEMPTS.map((a) => a.event))).toEqual(new Set(RESTRICTED));
    for (const { name, sender } of SENDERS) {
      if (sender === 'unjoined') {
        expect(ATTEMPTS.filter((a) => a.who === name).map((a) => a.event)).toEqual(RESTRICTED);
      }
    }
  });

  it.each(ATTEMPTS)('$event from $who is refused as $owed', async ({ who, event: name, owed }) => {
    const payload = samplePayloads(ids)[name];
    // The payload is valid: only the role can be the reason for the refusal.
    expect(CLIENT_EVENTS[name].payload.safeParse(payload).success).toBe(true);
    await expectRefused(sockets.get(who)!, name, payload, owed);
  });

  it("leaves an event alone when another event's moderator names its questions", async () => {
    const outsider = (
      await join(dais.url, {
        code: other.code,
        role: 'moderator',
        key: other.moderatorKey,
        present: false,
      })
    ).socket;
    const eventKeys = async () =>
      Object.entries(await redisFingerprint(dais.server.redis)).filter(([key]) =>
        key.includes(`{ev:${event.code}}`),
      );
    const before = await eventKeys();
    for (const name of RESTRICTED) {
      if (!(CLIENT_EVENTS[name].roles as readonly string[]).includes('moderator')) continue;
      const result = await request(outsider, name, samplePayloads(ids)[name]);
      // Moderating their own event (stage:next, configure…) is allowed; this event's questions are not found there.
      if (!result.ok) expect(result.error).not.toBe(ErrorCode.Internal);
    }
    expect(await eventKeys()).toEqual(before);
  });

  // Run last: the samples change the event. Proves the refusals above came from the roles.
  it('lets the same payloads through to the handlers for the roles the contract allows', async () => {
    const bySender = (sender: Sender) =>
      sockets.get(SENDERS.find((s) => s.sender === sender)!.name)!;
    for (const name of RESTRICTED) {
      const allowed = CLIENT_EVENTS[name].roles as readonly Sender[];
      const result = await request(bySender(allowed[0]!), name, samplePayloads(ids)[name]);
      if (!result.ok) {
        expect([ErrorCode.NotJoined, ErrorCode.Forbidden, ErrorCode.InvalidPayload]).not.toContain(
          result.error,
        );
        expect(result.error).not.toBe(ErrorCode.Internal);
      }
    }
  });
});

describe('keys in logs', () => {
  it('never logs a moderator or stage key, its hash, or a participant token', async () => {
    const logged: string[] = [];
    const logger: Logger = {
      info: (message) => logged.push(message),
      error: (message, error) =>
        logged.push(`${message} ${inspect(error, { depth: null, showHidden: true })}`),
    };
    // Libraries print straight to the console; read that too.
    const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      vi
        .spyOn(console, method)
        .mockImplementation(
          (...args: unknown[]) => void logged.push(inspect(args, { depth: null })),
        ),
    );
    let redis = await startRedis();
    const server = await startServer(redis.url, { logger });
    try {
      const created = await createEvent(server.url);
      const elsewhere = await createEvent(server.url, 'Elsewhere');
      const { code, moderatorKey, stageKey } = created;
      const secrets = [moderatorKey, stageKey, elsewhere.moderatorKey, elsewhere.stageKey];
      const tryJoin = async (payload: JoinPayload) => {
        const socket = await connect(server.url);
        const result = await request(socket, 'event:join', payload);
        socket.disconnect();
        return result;
      };
      const joins: JoinPayload[] = [
        { code, role: 'moderator', key: moderatorKey, name: 'Mei' },
        { code, role: 'stage', key: stageKey },
        { code, role: 'moderator', key: stageKey },
        { code, role: 'stage', key: moderatorKey },
        { code, role: 'moderator', key: elsewhere.moderatorKey },
        { code: elsewhere.code, role: 'moderator', key: moderatorKey },
      ];
      const audience = await tryJoin({ code, role: 'audience' });
      if (audience.ok) secrets.push(audience.data.participant!.token);
      const outcomes = [];
      for (const payload of joins) outcomes.push((await tryJoin(payload)).ok);
      expect(outcomes).toEqual([true, true, false, false, false, false]);
      const exportWith = (key: string) =>
        fetch(`${server.url}/api/events/${code}/export?format=json`, {
          headers: { authorization: `Bearer ${key}` },
        });
      await exportWith(moderatorKey);
      await exportWith(stageKey);

      // A join that fails on the server (broken settings in Redis) is logged as INTERNAL.
      const meta = `dais:{ev:${code}}:meta`;
      const policy = await server.redis.hget(meta, 'policy');
      await server.redis.hset(meta, 'policy', '{broken');
      for (const payload of joins.slice(0, 3)) {
        expect(await tryJoin(payload)).toMatchObject({ ok: false, error: ErrorCode.Internal });
      }
      await exportWith(moderatorKey);
      if (policy === null) await server.redis.hdel(meta, 'policy');
      else await server.redis.hset(meta, 'policy', policy);

      // Joins and exports while Redis is away, and after it is back.
      await redis.stop();
      for (const payload of joins.slice(0, 3)) {
        expect(await tryJoin(payload)).toMatchObject({ ok: false, error: ErrorCode.Unavailable });
      }
      await exportWith(moderatorKey);
      redis = await startRedis(redis.dir, redis.port);
      await vi.waitFor(async () => expect((await tryJoin(joins[0]!)).ok).toBe(true), {
        timeout: 10_000,
        interval: 100,
      });

      // The log did record the failures, so the check below reads real output.
      expect(logged.some((line) => line.includes('event:join failed'))).toBe(true);
      expect(logged.some((line) => line.includes('unreachable'))).toBe(true);
      const text = logged.join('\n');
      for (const secret of secrets) {
        for (const form of [secret, createHash('sha256').update(secret).digest('hex')]) {
          expect(text).not.toContain(form);
        }
      }
    } finally {
      for (const spy of consoleSpies) spy.mockRestore();
      await server.close();
      await redis.stop();
      redis.remove();
    }
  });
});
