import { afterEach, beforeAll, describe, expect, it } from 'vitest';
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
import { useDais } from '../harness/dais';
import { redisFingerprint } from '../harness/redis-state';

const dais = useDais();
afterEach(disconnectAll);

let event: CreatedEventWithKeys;
let other: CreatedEventWithKeys;
let questionId: string;
beforeAll(async () => {
  [event, other] = await Promise.all([createEvent(dais.url), createEvent(dais.url, 'Other')]);
  const audience = await join(dais.url, { code: event.code, role: 'audience' });
  questionId = (await expectOk(audience.socket, 'question:submit', { text: 'A real question?' }))
    .question.id;
  audience.socket.disconnect();
});

/**
 * Sends a request that must be refused with `error`, and proves the refusal changed
 * nothing in Redis and left the connection usable.
 */
async function expectRefused(socket: Client, event: string, payload: unknown, error: string) {
  const before = await redisFingerprint(dais.server.redis);
  const result = await request(socket, event as 'event:join', payload);
  expect(result).toMatchObject({ ok: false, error });
  expect(result.ok === false && result.message.length).toBeGreaterThan(0);
  expect(await redisFingerprint(dais.server.redis)).toEqual(before);
  expect(socket.connected).toBe(true);
}

describe('invalid payloads', () => {
  const cases: [string, string, unknown][] = [
    ['event:join', 'null', null],
    ['event:join', 'a bare string', 'ACDEFG34'],
    ['event:join', 'no role', { code: 'ACDEFG34' }],
    ['event:join', 'an unknown role', { code: 'ACDEFG34', role: 'king' }],
    ['event:join', 'a moderator without key', { code: 'ACDEFG34', role: 'moderator' }],
    ['event:join', 'a malformed code', { code: 'short', role: 'audience' }],
    ['event:join', 'a 10,000-character code', { code: 'x'.repeat(10_000), role: 'audience' }],
    ['question:submit', 'a number as text', { text: 42 }],
    ['question:submit', 'text beyond the wire limit', { text: 'x'.repeat(5000) }],
    ['question:submit', 'a 41-character name', { text: 'ok', name: 'n'.repeat(41) }],
    ['question:submit', 'an array', []],
    ['question:approve', 'an empty id', { questionId: '' }],
    ['question:approve', 'a misnamed field', { id: 'abc' }],
    ['question:reject', 'a 201-character reason', { questionId: 'abc', reason: 'r'.repeat(201) }],
    ['question:show', 'no payload', undefined],
    ['event:configure', 'a limit below 20', { maxQuestionLength: 5 }],
    ['event:configure', 'a limit as a string', { maxQuestionLength: '300' }],
  ];
  it.each(cases)('%s with %s is refused as INVALID_PAYLOAD', async (name, _label, payload) => {
    const socket = await joinedSocketFor(name);
    await expectRefused(socket, name, payload, 'INVALID_PAYLOAD');
  });

  it('keeps the connection working after junk', async () => {
    const { socket } = await join(dais.url, { code: event.code, role: 'audience' });
    await expectRefused(socket, 'question:submit', { text: null }, 'INVALID_PAYLOAD');
    await expectOk(socket, 'question:submit', { text: 'Still here?' });
  });

  it('turns away empty and over-long questions as REJECTED', async () => {
    const { socket } = await join(dais.url, { code: event.code, role: 'audience' });
    await expectRefused(socket, 'question:submit', { text: ' \n\t\u0000 ' }, 'REJECTED');
    await expectRefused(socket, 'question:submit', { text: 'x'.repeat(301) }, 'REJECTED');
  });
});

describe('who may do what', () => {
  it('refuses an unknown event name', async () => {
    await expectRefused(
      await connect(dais.url),
      'question:delete',
      { questionId },
      'UNKNOWN_EVENT',
    );
  });

  it('refuses every command before joining', async () => {
    const socket = await connect(dais.url);
    for (const name of [
      'question:submit',
      'question:approve',
      'question:show',
      'event:configure',
    ]) {
      await expectRefused(
        socket,
        name,
        { questionId, text: 'x', maxQuestionLength: 100 },
        'NOT_JOINED',
      );
    }
  });

  it('refuses an unknown event code', async () => {
    const socket = await connect(dais.url);
    await expectRefused(
      socket,
      'event:join',
      { code: 'ACDEFG34', role: 'audience' },
      'EVENT_NOT_FOUND',
    );
  });

  it('refuses wrong, missing-role and borrowed keys', async () => {
    const socket = await connect(dais.url);
    const { code } = event;
    await expectRefused(socket, 'event:join', { code, role: 'moderator', key: 'guess' }, 'BAD_KEY');
    await expectRefused(
      socket,
      'event:join',
      { code, role: 'moderator', key: event.stageKey },
      'BAD_KEY',
    );
    await expectRefused(
      socket,
      'event:join',
      { code, role: 'stage', key: event.moderatorKey },
      'BAD_KEY',
    );
    await expectRefused(
      socket,
      'event:join',
      { code, role: 'moderator', key: other.moderatorKey },
      'BAD_KEY',
    );
    // After the refusals the socket still has no role.
    await expectRefused(socket, 'question:approve', { questionId }, 'NOT_JOINED');
  });

  it('refuses a participant token that was forged or made for another event', async () => {
    const socket = await connect(dais.url);
    const elsewhere = await join(dais.url, { code: other.code, role: 'audience' });
    const token = elsewhere.snapshot.participant?.token ?? '';
    const forged = `${token.split('.')[0]}.AAAA`;
    for (const bad of [token, forged, 'nonsense']) {
      await expectRefused(
        socket,
        'event:join',
        { code: event.code, role: 'audience', token: bad },
        'BAD_TOKEN',
      );
    }
  });

  it('refuses moderator events from the audience and the stage', async () => {
    const audience = (await join(dais.url, { code: event.code, role: 'audience' })).socket;
    const stage = (await join(dais.url, { code: event.code, role: 'stage', key: event.stageKey }))
      .socket;
    for (const socket of [audience, stage]) {
      await expectRefused(socket, 'question:approve', { questionId }, 'FORBIDDEN');
      await expectRefused(socket, 'question:reject', { questionId }, 'FORBIDDEN');
      await expectRefused(socket, 'event:configure', { maxQuestionLength: 100 }, 'FORBIDDEN');
    }
    await expectRefused(audience, 'question:show', { questionId }, 'FORBIDDEN');
    await expectRefused(audience, 'question:answer', { questionId }, 'FORBIDDEN');
    await expectRefused(stage, 'question:submit', { text: 'Stage asks?' }, 'FORBIDDEN');
  });

  it('refuses actions the question state does not allow, and unknown questions', async () => {
    const moderator = (
      await join(dais.url, { code: event.code, role: 'moderator', key: event.moderatorKey })
    ).socket;
    await expectRefused(moderator, 'question:show', { questionId }, 'CONFLICT');
    await expectRefused(moderator, 'question:answer', { questionId }, 'CONFLICT');
    await expectRefused(
      moderator,
      'question:approve',
      { questionId: 'nope' },
      'QUESTION_NOT_FOUND',
    );
  });

  it('refuses a client of another protocol version at connect', async () => {
    await expect(connect(dais.url, 999)).rejects.toThrow('PROTOCOL_MISMATCH');
  });
});

describe('HTTP API', () => {
  it.each([
    [{}],
    [{ title: '' }],
    [{ title: '   ' }],
    [{ title: 'x'.repeat(121) }],
    [{ title: 7 }],
  ])('refuses the event body %j with 400 and stores nothing', async (body) => {
    const before = await redisFingerprint(dais.server.redis);
    const response = await fetch(`${dais.url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'INVALID_PAYLOAD' });
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);
  });

  it('refuses malformed JSON with 400', async () => {
    const response = await fetch(`${dais.url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title":',
    });
    expect(response.status).toBe(400);
  });

  it('hands out a typeable code and 128-bit keys in the URL fragment', async () => {
    const created = await createEvent(dais.url, '儿童权利问答');
    expect(created.title).toBe('儿童权利问答');
    expect(created.code).toMatch(/^[3467ACDEFGHJKMNPQRTUVWXY9]{8}$/);
    expect(created.audienceUrl).toBe(`${dais.url}/e/${created.code}`);
    expect(created.moderatorUrl).toBe(
      `${dais.url}/e/${created.code}/moderate#${created.moderatorKey}`,
    );
    for (const key of [created.moderatorKey, created.stageKey]) {
      expect(Buffer.from(key, 'base64url').length).toBeGreaterThanOrEqual(16);
    }
    // Only hashes of the keys are stored.
    const stored = JSON.stringify(await redisFingerprint(dais.server.redis));
    expect(stored).not.toContain(created.moderatorKey);
    expect(stored).not.toContain(created.stageKey);
  });

  it('joins with a code typed in lower case with a dash', async () => {
    const typed = `${event.code.slice(0, 4)}-${event.code.slice(4)}`.toLowerCase();
    const { snapshot } = await join(dais.url, { code: typed, role: 'audience' });
    expect(snapshot.event.code).toBe(event.code);
  });
});

async function joinedSocketFor(name: string): Promise<Client> {
  if (name === 'event:join') return connect(dais.url);
  if (name === 'question:submit')
    return (await join(dais.url, { code: event.code, role: 'audience' })).socket;
  return (await join(dais.url, { code: event.code, role: 'moderator', key: event.moderatorKey }))
    .socket;
}
