import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createEvent,
  disconnectAll,
  expectOk,
  join,
  joinAll,
  next,
  request,
  type Client,
} from '../harness/clients';
import { startRedis, startServer, useDais } from '../harness/dais';
import { eventRedisKeys, submitApproved } from '../harness/questions';
import { redisFingerprint } from '../harness/redis-state';

const dais = useDais();
afterEach(disconnectAll);

let counter = 0;
/** A request id as the web client makes them: one per intended action. */
const requestId = () => `r_test${++counter}_${Math.random().toString(36).slice(2, 10)}`;

/** How many questions the event holds and how many submissions its log records. */
async function stored(redis: Redis, code: string) {
  const keys = eventRedisKeys(code);
  const questions = await redis.keys(keys.question('*'));
  const log = await redis.xrange(keys.log, '-', '+');
  const submissions = log.filter(([, fields]) => fields[1] === 'question.submitted');
  return { questions: questions.length, submissions: submissions.length };
}

/** The event's own keys (rate-limit counters outside it count every attempt, as they should). */
async function eventState(redis: Redis, code: string) {
  const all = await redisFingerprint(redis);
  return Object.fromEntries(Object.entries(all).filter(([key]) => key.includes(`{ev:${code}}`)));
}

async function eventWithAudience() {
  const event = await createEvent(dais.url);
  const { moderator, audience } = await joinAll(dais.url, event);
  return { event, moderator: moderator.socket, asker: audience.socket };
}

describe('a submit retried with its request id', () => {
  it('stores one question when sent three times at once, and acks each alike', async () => {
    const { event, asker } = await eventWithAudience();
    const payload = { text: 'Will the embassy open on Saturdays?', requestId: requestId() };
    const acks = await Promise.all([1, 2, 3].map(() => request(asker, 'question:submit', payload)));
    expect(acks[0]).toMatchObject({ ok: true });
    expect(acks[1]).toEqual(acks[0]);
    expect(acks[2]).toEqual(acks[0]);
    expect(await stored(dais.server.redis, event.code)).toEqual({ questions: 1, submissions: 1 });
  });

  it('stores one question when sent three times in a row, and acks each alike', async () => {
    const { event, asker } = await eventWithAudience();
    const payload = { text: 'How long does a visa take?', requestId: requestId() };
    const first = await expectOk(asker, 'question:submit', payload);
    const before = await eventState(dais.server.redis, event.code);
    expect(await expectOk(asker, 'question:submit', payload)).toEqual(first);
    expect(await expectOk(asker, 'question:submit', payload)).toEqual(first);
    // A replay writes nothing at all.
    expect(await eventState(dais.server.redis, event.code)).toEqual(before);
    expect(await stored(dais.server.redis, event.code)).toEqual({ questions: 1, submissions: 1 });
  });

  it('stores a new question for a new request id', async () => {
    const { event, asker } = await eventWithAudience();
    const first = await expectOk(asker, 'question:submit', {
      text: 'Can students apply online?',
      requestId: requestId(),
    });
    const second = await expectOk(asker, 'question:submit', {
      text: 'Is there a fee for the interview?',
      requestId: requestId(),
    });
    expect(second.question.id).not.toBe(first.question.id);
    expect(await stored(dais.server.redis, event.code)).toEqual({ questions: 2, submissions: 2 });
  });

  it('answers a retry with the question as it is now, even in slow mode or after intake closed', async () => {
    const { event, moderator, asker } = await eventWithAudience();
    await expectOk(moderator, 'event:configure', { slowModeSeconds: 600 });
    const payload = { text: 'Which documents should I bring?', requestId: requestId() };
    const { question } = await expectOk(asker, 'question:submit', payload);
    // Its own question is the asker's newest: slow mode must not refuse the retry.
    expect(await expectOk(asker, 'question:submit', payload)).toEqual({ question });

    await expectOk(moderator, 'question:approve', { questionId: question.id });
    await expectOk(moderator, 'event:configure', { open: false });
    // Broadcast again: the first attempt may have been stored and never broadcast.
    const heard = next(moderator, 'question:changed', (c) => c.change === 'submitted');
    const again = await expectOk(asker, 'question:submit', payload);
    expect(again.question).toMatchObject({ id: question.id, status: 'approved', rev: 2 });
    expect((await heard).question).toMatchObject({ id: question.id, rev: 2 });
    // A new request is refused as usual.
    const refused = await request(asker, 'question:submit', {
      text: 'And the photos?',
      requestId: requestId(),
    });
    expect(refused).toMatchObject({ ok: false, error: 'QUESTIONS_CLOSED' });
    expect(await stored(dais.server.redis, event.code)).toEqual({ questions: 1, submissions: 1 });
  });

  it('keeps request ids per participant: another asker with the same id asks anew', async () => {
    const { event, asker } = await eventWithAudience();
    const other = (await join(dais.url, { code: event.code, role: 'audience' })).socket;
    const id = requestId();
    const mine = await expectOk(asker, 'question:submit', {
      text: 'Where is the office?',
      requestId: id,
    });
    const theirs = await expectOk(other, 'question:submit', {
      text: 'What are the opening hours?',
      requestId: id,
    });
    expect(theirs.question.id).not.toBe(mine.question.id);
    expect(theirs.question.text).toBe('What are the opening hours?');
  });

  it('refuses a malformed request id and stores nothing', async () => {
    const { event, asker } = await eventWithAudience();
    const before = await eventState(dais.server.redis, event.code);
    for (const bad of ['short', 'has space in it', 'x'.repeat(65), 42]) {
      const refused = await request(asker, 'question:submit', { text: 'Hello?', requestId: bad });
      expect(refused).toMatchObject({ ok: false, error: 'INVALID_PAYLOAD' });
    }
    expect(await eventState(dais.server.redis, event.code)).toEqual(before);
  });
});

describe('a vote retried with its request id', () => {
  const vote = (socket: Client, questionId: string, up: boolean, id: string) =>
    request(socket, 'question:vote', { questionId, up, requestId: id });

  it('counts once, acks alike, and a late replay after a withdrawal votes nothing', async () => {
    const { event, moderator, asker } = await eventWithAudience();
    const [question] = await submitApproved(asker, moderator, ['Are pets allowed on flights?']);
    const id = question!.id;
    const up = requestId();

    const acks = await Promise.all([1, 2, 3].map(() => vote(asker, id, true, up)));
    expect(acks[0]).toEqual({ ok: true, data: { questionId: id, votes: 1, voted: true } });
    expect(acks.slice(1)).toEqual([acks[0], acks[0]]);
    expect(await vote(asker, id, true, up)).toEqual(acks[0]);
    const log = await dais.server.redis.xrange(eventRedisKeys(event.code).log, '-', '+');
    expect(log.filter(([, fields]) => fields[1] === 'question.vote')).toHaveLength(1);

    expect(await vote(asker, id, false, requestId())).toMatchObject({
      data: { votes: 0, voted: false },
    });
    // The first vote's retry arriving late: the first answer again, and no vote.
    const before = await eventState(dais.server.redis, event.code);
    expect(await vote(asker, id, true, up)).toEqual(acks[0]);
    expect(await eventState(dais.server.redis, event.code)).toEqual(before);
    expect(await dais.server.redis.scard(eventRedisKeys(event.code).voters(id))).toBe(0);
  });
});

describe('request ids across a restart', () => {
  it('are kept in Redis: a retry after the server and Redis restarted stores nothing new', async () => {
    let redis = await startRedis();
    let server = await startServer(redis.url);
    try {
      const event = await createEvent(server.url);
      const first = await join(server.url, { code: event.code, role: 'audience' });
      const token = first.snapshot.participant?.token;
      const payload = {
        text: 'Is the consulate open during the holidays?',
        requestId: requestId(),
      };
      const ack = await expectOk(first.socket, 'question:submit', payload);
      disconnectAll();
      await server.close();
      await redis.stop();

      redis = await startRedis(redis.dir);
      server = await startServer(redis.url);
      const back = await join(server.url, { code: event.code, role: 'audience', token });
      expect(await expectOk(back.socket, 'question:submit', payload)).toEqual(ack);
      expect(await stored(server.redis, event.code)).toEqual({ questions: 1, submissions: 1 });
    } finally {
      disconnectAll();
      await server.close();
      await redis.stop();
      redis.remove();
    }
  });
});

/**
 * ioredis sends a command again when the connection dropped before its reply came;
 * the first run may have done its write. Here each run of one script is doubled on
 * the server's real connection, and the caller gets the second run's reply, as then.
 */
function resendEach(
  redis: Redis,
  script: 'submitQuestion' | 'voteQuestion' | 'undoAction' | 'createEvent',
) {
  const client = redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = client[script]!;
  client[script] = async (...args: unknown[]) => {
    await original.apply(redis, args);
    return original.apply(redis, args);
  };
  return () => {
    client[script] = original;
  };
}

describe('a script call ioredis sends twice', () => {
  it('stores one question and counts one vote when they carry request ids', async () => {
    const { event, moderator, asker } = await eventWithAudience();
    let restore = resendEach(dais.server.redis, 'submitQuestion');
    const { question } = await expectOk(asker, 'question:submit', {
      text: 'Could the Q&A run longer next time?',
      requestId: requestId(),
    }).finally(restore);
    expect(await stored(dais.server.redis, event.code)).toEqual({ questions: 1, submissions: 1 });

    await expectOk(moderator, 'question:approve', { questionId: question.id });
    const voter = (await join(dais.url, { code: event.code, role: 'audience' })).socket;
    await expectOk(voter, 'question:vote', {
      questionId: question.id,
      up: true,
      requestId: requestId(),
    });
    restore = resendEach(dais.server.redis, 'voteQuestion');
    // A withdrawal sent twice: the second run must not see a vote to withdraw, or act on it.
    const ack = await expectOk(voter, 'question:vote', {
      questionId: question.id,
      up: false,
      requestId: requestId(),
    }).finally(restore);
    expect(ack).toEqual({ questionId: question.id, votes: 0, voted: false });
    const log = await dais.server.redis.xrange(eventRedisKeys(event.code).log, '-', '+');
    expect(log.filter(([, fields]) => fields[1] === 'question.unvote')).toHaveLength(1);
  });

  it('undoes one action, not the one before it too', async () => {
    const { event, moderator, asker } = await eventWithAudience();
    const [first, second] = await submitApproved(asker, moderator, [
      'Where can we read the full report?',
      'Will the minister answer questions in person?',
    ]);
    const restore = resendEach(dais.server.redis, 'undoAction');
    const { questions } = await expectOk(moderator, 'moderator:undo', {}).finally(restore);
    expect(questions.map((q) => [q.id, q.status])).toEqual([[second!.id, 'pending']]);
    const { snapshot } = await join(dais.url, { code: event.code, role: 'audience' });
    expect(snapshot.questions.map((q) => q.id)).toEqual([first!.id]);
  });
});

describe('an event created by a call ioredis sends twice', () => {
  it('is one event: the second run finds the first one', async () => {
    const restore = resendEach(dais.server.redis, 'createEvent');
    const event = await createEvent(dais.url, 'Resent').finally(restore);
    const metas = await dais.server.redis.keys('dais:{ev:*}:meta');
    const titles = await Promise.all(metas.map((key) => dais.server.redis.hget(key, 'title')));
    expect(titles.filter((title) => title === 'Resent')).toHaveLength(1);
    await join(dais.url, { code: event.code, role: 'moderator', key: event.moderatorKey });
  });
});
