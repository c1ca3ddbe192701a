import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT_EVENTS,
  ErrorCode,
  PROTOCOL_VERSION,
  type ClientEventName,
  type Result,
} from '@dais/shared';
import { NASTY_STRINGS, nested, overTheWire, payloadAround } from '../harness/arbitraries';
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
import { startRedis, type TestRedis } from '../harness/dais';
import {
  CLIENT_EVENT_NAMES,
  ERROR_CODES,
  expectedRefusal,
  samplePayloads,
  type Sender,
} from '../harness/payloads';
import {
  acksIn,
  openRawSocketIo,
  openRawWebSocket,
  rawHttp,
  wsFrame,
} from '../harness/raw-socket-io';
import { redisFingerprint } from '../harness/redis-state';
import { startServerProcess, type ServerProcess } from '../harness/server-process';

/**
 * The server under test is `server/src/main.ts` in a process of its own: an uncaught
 * exception or unhandled rejection there ends that process, which the tests see
 * (`exit()`), instead of being reported against the test runner. Its logger writes
 * to stderr, which must stay empty (nothing failed inside a handler).
 */
let redis: TestRedis;
let server: ServerProcess;
let store: Redis;

beforeAll(async () => {
  redis = await startRedis();
  server = await startServerProcess(redis.url);
  store = new Redis(redis.url);
});
afterAll(async () => {
  disconnectAll();
  store?.disconnect();
  await server?.stop();
  await redis?.stop();
  redis?.remove();
});
afterEach(() => {
  expect(server.exit()).toBeNull();
  expect(server.output().stderr).toBe('');
});

const fingerprint = () => redisFingerprint(store);

/** A fresh, ordinary client still gets served: the storm left the server working. */
async function expectServing(code: string) {
  expect(server.exit()).toBeNull();
  const health = await fetch(`${server.url}/api/health`);
  expect(await health.json()).toEqual({ ok: true, redis: 'up' });
  const { socket, snapshot } = await join(server.url, { code, role: 'audience' });
  expect(snapshot.event.code).toBe(code);
  socket.disconnect();
}

describe('every payload schema, fuzzed through socket.io-client', () => {
  /** 200 batches of 50: 10,000 generated requests per run. */
  const BATCHES = 200;
  const BATCH_SIZE = 50;

  it(
    `answers ${BATCHES * BATCH_SIZE} generated requests with typed acks; refused ones change nothing`,
    { timeout: 600_000 },
    async () => {
      const event = await createEvent(server.url, 'Fuzz');
      const { socket: asker } = await join(server.url, { code: event.code, role: 'audience' });
      const ask = (text: string) => expectOk(asker, 'question:submit', { text });
      const first = await ask('What is being done about school meals?');
      const second = await ask('Where do the donations go exactly?');
      const samples = samplePayloads({
        code: event.code,
        questionId: first.question.id,
        otherId: second.question.id,
      });
      const pools = await openPools(event);
      const allSockets = Object.values(pools).flat();
      const caseArbitrary = fc.constantFrom(...CLIENT_EVENT_NAMES).chain((name) =>
        fc.record({
          event: fc.constant(name),
          pool: poolFor(name),
          payload: payloadAround(samples[name] as Record<string, unknown>),
        }),
      );
      let turn = 0;
      const send = (c: Case): Promise<Result<unknown>> => {
        const sockets = pools[c.pool];
        return request(sockets[turn++ % sockets.length]!, c.event, c.payload);
      };
      const outcomes: Record<string, number> = {};
      /** What a request that passed the role and schema checks may answer. */
      const expectHandled = (c: Case, result: Result<unknown>) => {
        const outcome = result.ok ? 'ok' : result.error;
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        if (result.ok) return;
        expect(ERROR_CODES, label(c)).toContain(result.error);
        expect([ErrorCode.Internal, ErrorCode.Unavailable], label(c)).not.toContain(result.error);
      };

      const counts = { total: 0, refused: 0, handled: 0, handlerRefusalsCompared: 0 };
      await fc.assert(
        fc.asyncProperty(
          fc.array(caseArbitrary, { minLength: BATCH_SIZE, maxLength: BATCH_SIZE }),
          async (batch) => {
            counts.total += batch.length;
            const refused = batch.filter((c) => owed(c) !== null);
            const handled = batch.filter((c) => owed(c) === null);
            counts.refused += refused.length;
            counts.handled += handled.length;

            // Refused by role or schema: all at once, then Redis must be exactly as before.
            const before = await fingerprint();
            const refusals = await Promise.all(refused.map(send));
            refused.forEach((c, i) =>
              expect(refusals[i], label(c)).toMatchObject({ ok: false, error: owed(c) }),
            );
            expect(await fingerprint()).toEqual(before);

            // One request that reached its handler, alone: if the handler refused it, it
            // changed nothing either. (Undo is left out: it drops a stale entry from the
            // moderator's undo list when it refuses, by design.)
            const [alone, ...rest] = handled;
            if (alone) {
              const beforeAlone = await fingerprint();
              const result = await send(alone);
              expectHandled(alone, result);
              if (!result.ok && alone.event !== 'moderator:undo') {
                expect(await fingerprint(), label(alone)).toEqual(beforeAlone);
                counts.handlerRefusalsCompared += 1;
              }
            }
            const results = await Promise.all(rest.map(send));
            rest.forEach((c, i) => expectHandled(c, results[i]!));

            expect(server.exit()).toBeNull();
            expect(allSockets.every((socket) => socket.connected)).toBe(true);
          },
        ),
        { numRuns: BATCHES, endOnFailure: true },
      );

      expect(counts.total).toBeGreaterThanOrEqual(10_000);
      if (process.env.DAIS_FUZZ_REPORT) console.info('payload fuzz', counts, outcomes);
      // Every socket still answers an ordinary request.
      for (const socket of allSockets) {
        const result = await request(socket, 'event:join', null);
        expect(result).toMatchObject({ ok: false, error: ErrorCode.InvalidPayload });
      }
      await expectServing(event.code);
    },
  );
});

describe('moderators racing on the same questions', () => {
  it(
    'answers every generated burst with typed acks (optimistic retries running out are a CONFLICT)',
    {
      timeout: 300_000,
    },
    async () => {
      const event = await createEvent(server.url, 'Race');
      const { socket: asker } = await join(server.url, { code: event.code, role: 'audience' });
      const ids: string[] = [];
      for (const text of [
        'Is the pool open in winter?',
        'Who pays for the buses?',
        'When do exams end?',
      ])
        ids.push((await expectOk(asker, 'question:submit', { text })).question.id);
      const moderators = await Promise.all(
        ['Mei', 'Tom'].map(
          async (name) =>
            (
              await join(server.url, {
                code: event.code,
                role: 'moderator',
                key: event.moderatorKey,
                name,
                // No presence entry: its refresh would write to Redis during later tests.
                present: false,
              })
            ).socket,
        ),
      );
      const id = fc.constantFrom(...ids);
      // Weighted towards merging and splitting one pair both ways, and undo: the steps
      // that read, then re-check in Lua, and retry when others got there first. Nothing
      // answers a question, so they stay mergeable run after run.
      const pair = ids.slice(0, 2);
      const action = fc.oneof(
        {
          arbitrary: fc.record({
            event: fc.constant('question:merge' as const),
            payload: fc
              .shuffledSubarray(pair, { minLength: 2, maxLength: 2 })
              .map(([questionId, intoId]) => ({ questionId, intoId })),
          }),
          weight: 4,
        },
        {
          arbitrary: fc.record({
            event: fc.constant('question:split' as const),
            payload: fc.record({ questionId: fc.constantFrom(...pair) }),
          }),
          weight: 4,
        },
        {
          arbitrary: fc.record({
            event: fc.constantFrom('question:approve', 'question:reject', 'queue:remove'),
            payload: fc.record({ questionId: id }),
          }),
          weight: 1,
        },
        {
          arbitrary: fc.record({
            event: fc.constantFrom('question:pin', 'question:star'),
            payload: fc.record({ questionId: id, on: fc.boolean() }),
          }),
          weight: 1,
        },
        {
          arbitrary: fc.record({
            event: fc.constant('queue:move' as const),
            payload: fc.record({ questionId: id, beforeId: fc.constant(null) }),
          }),
          weight: 1,
        },
        {
          arbitrary: fc.record({
            event: fc.constant('moderator:undo' as const),
            payload: fc.constant({}),
          }),
          weight: 2,
        },
      ) as fc.Arbitrary<{ event: ClientEventName; payload: unknown }>;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat(1), action), { minLength: 50, maxLength: 80 }),
          async (burst) => {
            const results = await Promise.all(
              burst.map(([who, { event: name, payload }]) =>
                request(moderators[who]!, name, payload),
              ),
            );
            for (const result of results) {
              if (result.ok) continue;
              expect(ERROR_CODES).toContain(result.error);
              expect([ErrorCode.Internal, ErrorCode.Unavailable]).not.toContain(result.error);
            }
          },
        ),
        { numRuns: 150, endOnFailure: true },
      );
    },
  );
});

/** Who sends a generated request: a role, a socket that never joined, or one kept for joins. */
type Pool = Sender | 'joiner';
interface Case {
  event: ClientEventName;
  pool: Pool;
  payload: unknown;
}

/**
 * Two sockets per pool. Joins go to sockets kept for them, so a join that succeeds
 * never changes the role of a socket below. Moderators join as readers (present:
 * false), so no presence refresh writes to Redis meanwhile.
 */
async function openPools(event: CreatedEventWithKeys): Promise<Record<Pool, Client[]>> {
  const { code, moderatorKey, stageKey } = event;
  const openers: Record<Pool, () => Promise<Client>> = {
    unjoined: () => connect(server.url),
    joiner: () => connect(server.url),
    audience: async () => (await join(server.url, { code, role: 'audience' })).socket,
    stage: async () => (await join(server.url, { code, role: 'stage', key: stageKey })).socket,
    moderator: async () =>
      (await join(server.url, { code, role: 'moderator', key: moderatorKey, present: false }))
        .socket,
  };
  const pools = {} as Record<Pool, Client[]>;
  for (const [pool, open] of Object.entries(openers) as [Pool, () => Promise<Client>][]) {
    pools[pool] = await Promise.all([open(), open()]);
  }
  return pools;
}

/** Mostly a role the event allows, so most requests get past the role check. */
function poolFor(name: ClientEventName): fc.Arbitrary<Pool> {
  const { roles } = CLIENT_EVENTS[name];
  if (roles === 'any') return fc.constant('joiner');
  return fc.oneof(
    { arbitrary: fc.constantFrom(...roles), weight: 3 },
    { arbitrary: fc.constantFrom<Pool>('audience', 'moderator', 'stage', 'unjoined'), weight: 1 },
  );
}

/** The refusal the server owes a generated request, from the payload as it travels. */
const owed = ({ event, pool, payload }: Case) =>
  expectedRefusal(event, pool === 'joiner' ? 'unjoined' : pool, overTheWire(payload));

const label = (c: Case) => `${c.event} from ${c.pool}: ${JSON.stringify(c.payload)?.slice(0, 300)}`;

describe('raw Engine.IO and Socket.IO frames over a plain WebSocket', () => {
  let code: string;
  let before: Record<string, unknown>;
  beforeAll(async () => {
    code = (await createEvent(server.url, 'Frames')).code;
    before = await fingerprint();
  });

  /**
   * Sends the frames on a fresh connection, then asks for an ack: the server either
   * answers it or has closed the connection, and every ack it sent is well-formed.
   */
  async function sendFrames(frames: (string | Uint8Array)[]) {
    const raw = await openRawSocketIo(server.url, PROTOCOL_VERSION);
    for (const frame of frames) raw.send(frame);
    const outcome = await raw.probe();
    raw.close();
    for (const result of acksIn(raw.received)) {
      expect(result).toEqual(expect.objectContaining({ ok: expect.any(Boolean) }));
      const { ok, error } = result as { ok: boolean; error?: string };
      if (!ok) expect(ERROR_CODES).toContain(error);
    }
    return outcome;
  }

  const binary = () => randomBytes(8);
  const placeholder = (num: unknown) =>
    `451-["event:join",${JSON.stringify({ _placeholder: true, num })}]`;

  /** Published crash cases of socket.io-parser and engine.io, and their neighbours. */
  const KNOWN: [string, (string | Uint8Array)[]][] = [
    // CVE-2022-2421 (socket.io-parser < 4.2.1): attachment placeholders were not validated.
    ...['toString', '__proto__', 'constructor', 1, -1, 0.5, null, { a: 1 }, '0'].map(
      (num): [string, (string | Uint8Array)[]] => [
        `placeholder num ${JSON.stringify(num)}`,
        [placeholder(num), binary()],
      ],
    ),
    [
      'more attachments announced than sent',
      ['452-["event:join",{"_placeholder":true,"num":0}]', binary()],
    ],
    ['an attachment count of 2^53', [`45${2 ** 53}-["event:join",{}]`, binary()]],
    ['a negative attachment count', ['45-1-["event:join",{}]', binary()]],
    ['a non-numeric attachment count', ['45abc-["event:join",{}]']],
    ['an attachment header with no body', ['451-']],
    ['a binary frame with no packet waiting', [binary(), Buffer.alloc(0)]],
    ['a binary ack with attachments', ['461-[{"_placeholder":true,"num":0}]', binary()]],
    // CVE-2023-32695 (socket.io-parser < 4.2.3): an event name that is not a string.
    ['an event name with a non-function toString', ['42[{"toString":"foo"}]']],
    ['an event name with an object toString', ['421[{"toString":{},"valueOf":{}}]']],
    ['an event name that is null', ['42[null]']],
    ['an event name that is a number', ['421[1,{}]']],
    ['an event name that is an array', ['42[["event:join"]]']],
    ['an empty event', ['42[]', '421[]']],
    ['an event that is an object', ['42{}', '42"event:join"']],
    // Names an EventEmitter treats specially, or that live on Object.prototype.
    ...[
      'error',
      'disconnect',
      'disconnecting',
      'connect',
      'newListener',
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'toString',
    ].map((name): [string, string[]] => [
      `the reserved name ${name}`,
      [`421${JSON.stringify([name, {}])}`],
    ]),
    ['a huge ack id', ['4299999999999999999999["event:join",null]']],
    ['a negative ack id', ['42-1["event:join",null]']],
    ['an ack for nothing', ['431["x"]', '43999[{"ok":true}]']],
    ['an unknown namespace', ['40/admin,', '42/admin,1["event:join",null]', '41/admin,']],
    ['a namespace with NUL', ['40/\u0000,{}']],
    ['a second connect', ['40{"protocol":1}', '40']],
    ['a connect with a bad protocol', ['40{"protocol":"1"}', '40{"protocol":{"__proto__":1}}']],
    ['a disconnect', ['41']],
    ['Socket.IO types beyond 6', ['47', '48["x"]', '49']],
    ['deeply nested JSON', [`421["event:join",${JSON.stringify(nested(3000, false))}]`]],
    ['deeply nested objects', [`421["event:join",${JSON.stringify(nested(1500, true))}]`]],
    ['non-JSON', ['421["event:join",{oops}]', '42["unterminated', '42\u0000']],
    // Engine.IO packets out of place (CVE-2022-21676 era).
    ['Engine.IO types', ['', '0', '2', '2probe', '3', '3probe', '5', '6', '7', '8', '9', 'x']],
    ['Engine.IO v3 base64 binary', ['b4AAAA', 'bAAAA']],
    ['an Engine.IO close', ['1']],
  ];

  it.each(KNOWN)('survives %s', async (_name, frames) => {
    expect(['answered', 'closed']).toContain(await sendFrames(frames));
    expect(server.exit()).toBeNull();
  });

  it('survives malformed WebSocket frames (CVE-2022-21676: an invalid frame crashed engine.io)', async () => {
    const text = (s: string) => Buffer.from(s);
    const frames: [string, Buffer][] = [
      ['RSV2 and RSV3 set', wsFrame({ payload: text('40'), rsv: 3 })],
      ['RSV1 without compression', wsFrame({ payload: text('40'), rsv: 4 })],
      ['invalid UTF-8 in a text frame', wsFrame({ payload: Buffer.from([0x34, 0xff, 0xfe]) })],
      ['reserved opcode 0x3', wsFrame({ opcode: 0x3, payload: text('x') })],
      ['reserved opcode 0xB', wsFrame({ opcode: 0xb })],
      ['an unmasked client frame', wsFrame({ payload: text('40'), masked: false })],
      ['a continuation with nothing to continue', wsFrame({ opcode: 0x0, payload: text('x') })],
      ['a fragmented ping', wsFrame({ opcode: 0x9, fin: false })],
      ['a ping longer than 125 bytes', wsFrame({ opcode: 0x9, payload: Buffer.alloc(200) })],
      ['a length of 2^63', wsFrame({ payload: text('x'), claimedLength: 2n ** 63n })],
      ['a length of 2^53 + 1', wsFrame({ payload: text('x'), claimedLength: 2n ** 53n + 1n })],
      ['a frame beyond the buffer limit', wsFrame({ payload: Buffer.alloc(200_000, 0x34) })],
      ['a close code of 999', wsFrame({ opcode: 0x8, payload: Buffer.from([0x03, 0xe7]) })],
      ['a one-byte close payload', wsFrame({ opcode: 0x8, payload: Buffer.from([0x03]) })],
      [
        'a close reason of invalid UTF-8',
        wsFrame({ opcode: 0x8, payload: Buffer.from([0x03, 0xe8, 0xff]) }),
      ],
      ['bytes that are no frame', randomBytes(64)],
    ];
    for (const [name, frame] of frames) {
      const socket = await openRawWebSocket(server.url);
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.write(frame);
      // The server must close the connection (or keep it, for legal frames) and live.
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 300))]);
      socket.destroy();
      expect(server.exit(), name).toBeNull();
    }
    await expectServing(code);
  });

  it('closes only the connection that sends a frame past the buffer limit', async () => {
    const { socket: bystander } = await join(server.url, { code, role: 'audience' });
    const sender = await openRawWebSocket(server.url);
    const closed = new Promise<void>((resolve) => sender.once('close', () => resolve()));
    sender.write(wsFrame({ payload: Buffer.alloc(200_000, 0x34) }));
    await closed;
    expect(bystander.connected).toBe(true);
    expect(await request(bystander, 'event:join', null)).toMatchObject({
      ok: false,
      error: ErrorCode.InvalidPayload,
    });
    bystander.disconnect();
  });

  it('survives invalid upgrade and transport requests, also torn down with a TCP reset (CVE-2022-41940, CVE-2023-31125)', async () => {
    const upgrade = (query: string, headers = '') =>
      `GET /socket.io/?${query} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n${headers}\r\n`;
    const get = (query: string) => `GET /socket.io/?${query} HTTP/1.1\r\nHost: x\r\n\r\n`;
    const requests = [
      upgrade('EIO=4&transport=websocket'),
      upgrade('EIO=3&transport=websocket'),
      upgrade('EIO=5&transport=websocket'),
      upgrade('EIO=abc&transport=websocket'),
      upgrade('EIO=4&transport=polling'),
      upgrade('EIO=4&transport=__proto__'),
      upgrade('EIO=4&transport=constructor'),
      upgrade('EIO=4&transport=hasOwnProperty'),
      upgrade('EIO=4&transport=websocket&transport=polling'),
      upgrade('EIO=4&transport[]=websocket'),
      upgrade('EIO=4&transport=websocket&sid=nosuchsession'),
      upgrade('EIO=4&transport=websocket&sid=__proto__'),
      upgrade('EIO=4&transport=websocket', 'Sec-WebSocket-Version: 8\r\n'),
      upgrade('EIO=4&transport=websocket', 'Sec-WebSocket-Extensions: permessage-deflate; x\r\n'),
      `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`,
      get('EIO=4&transport=polling'),
      get('EIO=4&transport=polling&sid=nosuchsession'),
      get('EIO=4&transport=websocket'),
      `POST /socket.io/?EIO=4&transport=polling&sid=x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n40abc`,
      `POST /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nContent-Length: 999999\r\n\r\n4`,
      `GET /socket.io/?${'a=1&'.repeat(2000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /socket.io/ HTTP/1.1\r\nHost: x\r\n${'X: y\r\n'.repeat(2000)}\r\n`,
      'GARBAGE\r\n\r\n',
      `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n\u0081\u00ff`,
    ];
    for (const reset of [false, true]) {
      for (const raw of requests) {
        await rawHttp(server.url, raw, reset);
        expect(server.exit(), raw.slice(0, 80)).toBeNull();
      }
    }
    await expectServing(code);
  });

  it(
    'survives thousands of generated frames on many connections',
    { timeout: 600_000 },
    async () => {
      const eventName = fc.oneof(
        fc.constantFrom(...CLIENT_EVENT_NAMES),
        fc.constantFrom(...NASTY_STRINGS),
        fc.string({ maxLength: 20 }),
      );
      const json = fc.oneof(
        { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 4 },
        { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 2 },
        {
          arbitrary: fc
            .integer({ min: 10, max: 2000 })
            .map((depth) => nested(depth, depth % 2 === 0)),
          weight: 1,
        },
      );
      const socketIoPacket = fc
        .record({
          type: fc.integer({ min: 0, max: 9 }),
          attachments: fc.option(fc.oneof(fc.nat(3), fc.constantFrom(-1, 2 ** 53, 1e21))),
          namespace: fc.option(fc.constantFrom('/', '/admin', '/x,y', '', '/\u0000')),
          id: fc.option(fc.oneof(fc.nat(), fc.constantFrom(2 ** 53 + 1, 1e21, -1))),
          body: fc.oneof(
            fc.tuple(eventName, json).map((args) => JSON.stringify(args)),
            json.map((value) => JSON.stringify(value) ?? ''),
            fc.string({ maxLength: 40 }),
          ),
        })
        .map(
          ({ type, attachments, namespace, id, body }) =>
            `4${type}${attachments === null ? '' : `${attachments}-`}` +
            `${namespace === null ? '' : `${namespace},`}${id ?? ''}${body}`,
        );
      const frame: fc.Arbitrary<string | Uint8Array> = fc.oneof(
        { arbitrary: socketIoPacket, weight: 6 },
        {
          arbitrary: fc
            .tuple(
              eventName,
              fc.oneof(fc.nat(3), fc.constantFrom('toString', '__proto__', -1, 0.5, null)),
            )
            .map(([name, num]) => `451-${JSON.stringify([name, { _placeholder: true, num }])}`),
          weight: 1,
        },
        { arbitrary: fc.string({ unit: 'binary', maxLength: 120 }), weight: 2 },
        {
          arbitrary: fc
            .tuple(fc.integer({ min: 0, max: 9 }), fc.string({ maxLength: 60 }))
            .map(([type, rest]) => `${type}${rest}`),
          weight: 2,
        },
        { arbitrary: fc.uint8Array({ maxLength: 200 }), weight: 2 },
      );
      const CONNECTIONS = 4;
      let frames = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(frame, { minLength: 5, maxLength: 12 }), {
            minLength: CONNECTIONS,
            maxLength: CONNECTIONS,
          }),
          async (scripts) => {
            frames += scripts.flat().length;
            const outcomes = await Promise.all(scripts.map(sendFrames));
            for (const outcome of outcomes) expect(['answered', 'closed']).toContain(outcome);
            expect(server.exit()).toBeNull();
          },
        ),
        { numRuns: 250, endOnFailure: true },
      );
      expect(frames).toBeGreaterThanOrEqual(5_000);
      if (process.env.DAIS_FUZZ_REPORT) console.info('raw frames', frames);

      // Bytes after a correct upgrade that are anything at all.
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (bytes) => {
          const socket = await openRawWebSocket(server.url);
          socket.write(bytes);
          await new Promise((resolve) => setTimeout(resolve, 5));
          socket.destroy();
          expect(server.exit()).toBeNull();
        }),
        { numRuns: 200, endOnFailure: true },
      );
    },
  );

  it('leaves Redis exactly as it was, and serves a fresh client after the storm', async () => {
    expect(await fingerprint()).toEqual(before);
    await expectServing(code);
  });
});
