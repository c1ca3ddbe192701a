import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, type Failure } from '@dais/shared';
import { connectRedis, createRateLimits, DEFAULT_LIMITS } from '@dais/server';
import {
  connect,
  createEvent,
  disconnectAll,
  expectOk,
  join,
  next,
  request,
  type Client,
} from '../harness/clients';
import {
  startRedis,
  startServer,
  startServerOn,
  type TestRedis,
  type TestServer,
} from '../harness/dais';
import { startRedisCluster, type TestCluster } from '../harness/redis-cluster';

/**
 * The flood guards on Redis (rate-limiter-flexible): a flooding participant or address
 * is refused with RATE_LIMITED and a wait, others carry on, refused requests store
 * nothing; and the record of suspicious voting moderators see. Every count is set
 * small here (the defaults are in security/limits.ts); nothing waits on a clock: each
 * window is an hour, so no point comes back during a test.
 */
const HOUR = 3600;
const LIMITS = {
  submitPerParticipant: { points: 3, seconds: HOUR },
  votePerParticipant: { points: 4, seconds: HOUR },
  votePerIp: { points: 1000, seconds: HOUR },
  participantsPerIp: { points: 1000, seconds: HOUR },
  freshVotesPerQuestionPerIp: { points: 2, seconds: HOUR },
};

let redis: TestRedis;
let server: TestServer;
beforeAll(async () => {
  redis = await startRedis();
  server = await startServer(redis.url, { config: { limits: LIMITS } });
});
afterEach(() => disconnectAll());
afterAll(async () => {
  await server?.close();
  await redis?.stop();
  redis?.remove();
});

const expectRateLimited = (result: { ok: boolean }) => {
  expect(result).toMatchObject({ ok: false, error: ErrorCode.RateLimited });
  expect((result as Failure).retryAfterMs).toBeGreaterThan(0);
  expect((result as Failure).retryAfterMs).toBeLessThanOrEqual(HOUR * 1000);
};

async function eventWithModerator(url = server.url) {
  const event = await createEvent(url);
  const { socket: moderator } = await join(url, {
    code: event.code,
    role: 'moderator',
    key: event.moderatorKey,
  });
  return { event, moderator };
}

/** Question ids a moderator sees (every status). */
async function questionIds(url: string, code: string, moderatorKey: string) {
  const { snapshot } = await join(url, { code, role: 'moderator', key: moderatorKey });
  return snapshot.questions.map((q) => q.id).sort();
}

describe('rate limits', () => {
  it('slows a flooding asker with RATE_LIMITED, stores nothing of it, and lets others ask', async () => {
    const { event } = await eventWithModerator();
    const { socket: flooder } = await join(server.url, { code: event.code, role: 'audience' });
    const { socket: other } = await join(server.url, { code: event.code, role: 'audience' });

    const accepted: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { question } = await expectOk(flooder, 'question:submit', {
        text: `Flood question number ${i}: what about topic ${'abcdefgh'[i]}?`,
      });
      accepted.push(question.id);
    }
    const before = await questionIds(server.url, event.code, event.moderatorKey);
    for (let i = 0; i < 5; i++) {
      expectRateLimited(
        await request(flooder, 'question:submit', { text: `Another flood question ${i}?` }),
      );
    }
    expect(await questionIds(server.url, event.code, event.moderatorKey)).toEqual(before);

    // The other participant on the same address is not held back by the flooder.
    const { question } = await expectOk(other, 'question:submit', {
      text: 'How do you prepare for a long interview?',
    });
    expect(question.status).toBe('pending');
    expect(flooder.connected).toBe(true);
  });

  it('slows a flooding voter, and not the others', async () => {
    const { event, moderator } = await eventWithModerator();
    const { socket: asker } = await join(server.url, { code: event.code, role: 'audience' });
    const ids: string[] = [];
    for (const text of ['Which city do you love most?', 'What book changed your mind?']) {
      const { question } = await expectOk(asker, 'question:submit', { text });
      await expectOk(moderator, 'question:approve', { questionId: question.id });
      ids.push(question.id);
    }
    const { socket: flooder } = await join(server.url, { code: event.code, role: 'audience' });
    for (let i = 0; i < 4; i++) {
      await expectOk(flooder, 'question:vote', { questionId: ids[0], up: i % 2 === 0 });
    }
    const refused = await request(flooder, 'question:vote', { questionId: ids[1], up: true });
    expectRateLimited(refused);

    const { socket: voter } = await join(server.url, { code: event.code, role: 'audience' });
    const counted = await expectOk(voter, 'question:vote', { questionId: ids[1], up: true });
    expect(counted).toMatchObject({ votes: 1, voted: true });
  });

  it('answers a retry of a question or vote already stored, even once the limit is spent', async () => {
    const { event, moderator } = await eventWithModerator();
    const { socket: asker } = await join(server.url, { code: event.code, role: 'audience' });
    const submits = ['Where do you find quiet?', 'Which song calms you?', 'Who taught you?'].map(
      (text, i) => ({ text, requestId: `r_limit_submit_${i}` }),
    );
    const asked = [];
    for (const payload of submits) asked.push(await expectOk(asker, 'question:submit', payload));
    // The limit (3) is spent: a new question waits, a retry of one stored does not.
    expectRateLimited(await request(asker, 'question:submit', { text: 'One question too many?' }));
    const again = await expectOk(asker, 'question:submit', submits[2]!);
    expect(again.question.id).toBe(asked[2]!.question.id);
    expect(await questionIds(server.url, event.code, event.moderatorKey)).toEqual(
      asked.map((a) => a.question.id).sort(),
    );

    const ids = asked.map((a) => a.question.id);
    for (const questionId of ids) await expectOk(moderator, 'question:approve', { questionId });
    const { socket: voter } = await join(server.url, { code: event.code, role: 'audience' });
    const votes = ids.map((questionId, i) => ({
      questionId,
      up: true,
      requestId: `r_limit_vote_${i}`,
    }));
    for (const payload of [...votes, { questionId: ids[0]!, up: false }]) {
      await expectOk(voter, 'question:vote', payload);
    }
    expectRateLimited(await request(voter, 'question:vote', { questionId: ids[0]!, up: true }));
    // The retry of the second vote gets its first ack, and counts once.
    expect(await expectOk(voter, 'question:vote', votes[1]!)).toMatchObject({
      questionId: ids[1],
      votes: 1,
      voted: true,
    });
    const { snapshot } = await join(server.url, { code: event.code, role: 'audience' });
    expect(snapshot.questions.map((q) => [q.id, q.votes]).sort()).toEqual(
      [
        [ids[0], 0],
        [ids[1], 1],
        [ids[2], 1],
      ].sort(),
    );
  });

  it("counts per address too: joins past the address' limit are refused, whoever joins", async () => {
    // A Redis of its own: the address' join count is shared by every server on a Redis.
    const ownRedis = await startRedis();
    const local = await startServer(ownRedis.url, {
      config: { limits: { ...LIMITS, joinPerIp: { points: 3, seconds: HOUR } } },
    });
    try {
      const event = await createEvent(local.url);
      await join(local.url, { code: event.code, role: 'moderator', key: event.moderatorKey });
      await join(local.url, { code: event.code, role: 'audience' });
      await join(local.url, { code: event.code, role: 'stage', key: event.stageKey });
      for (const payload of [
        { code: event.code, role: 'audience' },
        { code: event.code, role: 'moderator', key: event.moderatorKey },
      ]) {
        const socket: Client = await connect(local.url);
        expectRateLimited(await request(socket, 'event:join', payload));
      }
    } finally {
      await local.close();
      await ownRedis.stop();
      ownRedis.remove();
    }
  });

  it('limits new participants per address and event; a returning participant still joins', async () => {
    const local = await startServer(redis.url, {
      config: { limits: { ...LIMITS, participantsPerIp: { points: 2, seconds: HOUR } } },
    });
    try {
      const event = await createEvent(local.url);
      const first = await join(local.url, { code: event.code, role: 'audience' });
      await join(local.url, { code: event.code, role: 'audience' });
      const third = await connect(local.url);
      expectRateLimited(await request(third, 'event:join', { code: event.code, role: 'audience' }));
      const back = await join(local.url, {
        code: event.code,
        role: 'audience',
        token: first.snapshot.participant!.token,
      });
      expect(back.snapshot.participant!.id).toBe(first.snapshot.participant!.id);
      // Another event's count is its own.
      const other = await createEvent(local.url);
      await join(local.url, { code: other.code, role: 'audience' });
    } finally {
      await local.close();
    }
  });

  it('keeps counting in memory while Redis is away (the insurance limiter)', async () => {
    const away = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    const limits = createRateLimits(away, {
      ...DEFAULT_LIMITS,
      submitPerParticipant: { points: 2, seconds: HOUR },
    });
    await limits.check('submit', 'ACDEFG34', 'p1', '10.0.0.1');
    await limits.check('submit', 'ACDEFG34', 'p1', '10.0.0.1');
    await expect(limits.check('submit', 'ACDEFG34', 'p1', '10.0.0.1')).rejects.toMatchObject({
      code: ErrorCode.RateLimited,
    });
    await limits.check('submit', 'ACDEFG34', 'p2', '10.0.0.1');
    expect(away.status).not.toBe('ready');
    away.disconnect();
  });
});

describe('suspicious voting', () => {
  it('records fresh participants of one address piling onto one question, for moderators only', async () => {
    const { event, moderator } = await eventWithModerator();
    const { socket: asker } = await join(server.url, { code: event.code, role: 'audience' });
    const { question } = await expectOk(asker, 'question:submit', {
      text: 'Will you come back to this city next year?',
    });
    await expectOk(moderator, 'question:approve', { questionId: question.id });
    const audienceHeard: unknown[] = [];
    asker.on('votes:suspicious', (payload) => void audienceHeard.push(payload));

    // A participant who came back with its token is not fresh: its vote is not watched.
    const returning = await join(server.url, {
      code: event.code,
      role: 'audience',
      token: (await join(server.url, { code: event.code, role: 'audience' })).snapshot.participant!
        .token,
    });
    await expectOk(returning.socket, 'question:vote', { questionId: question.id, up: true });

    const flagged: { questionId: string; votes: number }[] = [];
    moderator.on('votes:suspicious', (payload) => flagged.push(payload));
    // Two fresh up-votes from one address are a crowd; the third and fourth are recorded.
    for (let i = 0; i < 4; i++) {
      const { socket } = await join(server.url, { code: event.code, role: 'audience' });
      const heard = i >= 2 ? next(moderator, 'votes:suspicious') : undefined;
      await expectOk(socket, 'question:vote', { questionId: question.id, up: true });
      if (heard) expect(await heard).toEqual({ questionId: question.id, votes: i - 1 });
    }
    expect(flagged).toEqual([
      { questionId: question.id, votes: 1 },
      { questionId: question.id, votes: 2 },
    ]);
    const { snapshot } = await join(server.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    expect(snapshot.suspiciousVotes).toEqual({ [question.id]: 2 });
    // The votes still count: moderators judge.
    expect(snapshot.questions.find((q) => q.id === question.id)?.votes).toBe(5);

    const audience = await join(server.url, { code: event.code, role: 'audience' });
    expect(audience.snapshot.suspiciousVotes).toBeUndefined();
    expect(audienceHeard).toEqual([]);
  });
});

describe('on a Redis Cluster', () => {
  let cluster: TestCluster;
  let clustered: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    clustered = await startServerOn(
      connectRedis({ cluster: cluster.nodes }, { maxRetriesPerRequest: 1 }),
      { config: { limits: LIMITS } },
    );
  }, 60_000);
  afterAll(async () => {
    await clustered?.close();
    await cluster?.stop();
  });

  it('counts through the Cluster client (one key per count), and refuses the flood', async () => {
    const event = await createEvent(clustered.url);
    const { socket: flooder } = await join(clustered.url, { code: event.code, role: 'audience' });
    for (let i = 0; i < 3; i++) {
      await expectOk(flooder, 'question:submit', { text: `Cluster question ${i} about ${i}?` });
    }
    expectRateLimited(await request(flooder, 'question:submit', { text: 'One more, please?' }));
    const keys: string[] = [];
    for (const node of cluster.client.nodes('master')) {
      keys.push(...(await node.keys('dais:limit:*')));
    }
    expect(keys.some((key) => key.startsWith('dais:limit:submit:p:'))).toBe(true);
  });
});
