import { afterEach, describe, expect, it } from 'vitest';
import { rankScore, type ServerToClientEvents } from '@dais/shared';
import {
  type Client,
  type CreatedEventWithKeys,
  createEvent,
  disconnectAll,
  expectOk,
  join,
  next,
  request,
} from '../harness/clients';
import { startServer, useDais } from '../harness/dais';
import { eventRedisKeys, rankFields, submitApproved } from '../harness/questions';
import { redisFingerprint } from '../harness/redis-state';

const dais = useDais();
afterEach(disconnectAll);

type VotesChanged = Parameters<ServerToClientEvents['votes:changed']>[0];

async function eventWithModerator() {
  const event = await createEvent(dais.url);
  const moderator = await join(dais.url, {
    code: event.code,
    role: 'moderator',
    key: event.moderatorKey,
  });
  return { event, moderator: moderator.socket };
}

const audience = async (event: CreatedEventWithKeys, count: number): Promise<Client[]> =>
  Promise.all(
    Array.from(
      { length: count },
      async () => (await join(dais.url, { code: event.code, role: 'audience' })).socket,
    ),
  );

const vote = (socket: Client, questionId: string, up = true) =>
  expectOk(socket, 'question:vote', { questionId, up });

describe('votes', () => {
  it('counts one vote per participant per cluster, and a withdrawal once', async () => {
    const { event, moderator } = await eventWithModerator();
    const [asker, other] = await audience(event, 2);
    const [question] = await submitApproved(asker!, moderator, ['How do vaccines reach villages?']);
    const id = question!.id;

    expect(await vote(asker!, id)).toEqual({ questionId: id, votes: 1, voted: true });
    expect(await vote(asker!, id)).toEqual({ questionId: id, votes: 1, voted: true });
    expect(await vote(other!, id)).toEqual({ questionId: id, votes: 2, voted: true });
    expect(await vote(asker!, id, false)).toEqual({ questionId: id, votes: 1, voted: false });

    // Withdrawing a vote never given is a success that changes nothing.
    const before = await redisFingerprint(dais.server.redis);
    expect(await vote(asker!, id, false)).toEqual({ questionId: id, votes: 1, voted: false });
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);

    const keys = eventRedisKeys(event.code);
    expect(await dais.server.redis.smembers(keys.voters(id))).toHaveLength(1);
    expect((await rankFields(dais.server.redis, event.code, id)).votes).toBe(1);
  });

  it('gives a vote for a merged question to its leader, once per participant', async () => {
    const { event, moderator } = await eventWithModerator();
    const [first, second, voter] = await audience(event, 3);
    const [leader] = await submitApproved(first!, moderator, ['What is UNICEF doing in Yemen?']);
    const { question: member } = await expectOk(second!, 'question:submit', {
      text: 'Does UNICEF help children in Yemen?',
    });
    await expectOk(moderator, 'question:merge', { questionId: member.id, intoId: leader!.id });

    expect(await vote(voter!, member.id)).toEqual({
      questionId: leader!.id,
      votes: 1,
      voted: true,
    });
    // The same participant voting for the leader itself is the same vote.
    expect(await vote(voter!, leader!.id)).toMatchObject({ votes: 1 });
    expect(await vote(first!, member.id)).toMatchObject({ questionId: leader!.id, votes: 2 });
    const keys = eventRedisKeys(event.code);
    expect(await dais.server.redis.exists(keys.voters(member.id))).toBe(0);
  });

  it('counts 50 votes from 50 sockets at once exactly', async () => {
    const { event, moderator } = await eventWithModerator();
    const voters = await audience(event, 50);
    const [question] = await submitApproved(voters[0]!, moderator, ['Can schools stay open?']);
    const acks = await Promise.all(voters.map((socket) => vote(socket, question!.id)));
    expect(Math.max(...acks.map((a) => a.votes))).toBe(50);
    expect(new Set(acks.map((a) => a.votes)).size).toBe(50);
    const fields = await rankFields(dais.server.redis, event.code, question!.id);
    expect(fields.votes).toBe(50);
    expect(await dais.server.redis.scard(eventRedisKeys(event.code).voters(question!.id))).toBe(50);
  });

  it('keeps votes consistent through a merge (a union) and a split (they stay)', async () => {
    const { event, moderator } = await eventWithModerator();
    const [a, b, c, d] = await audience(event, 4);
    const [target] = await submitApproved(a!, moderator, [
      'How is clean water brought to schools?',
    ]);
    const [source] = await submitApproved(b!, moderator, [
      'What does a nurse in a refugee camp do all day?',
    ]);
    // a and b vote for the target; b and c for the source: three participants in all.
    await Promise.all([
      vote(a!, target!.id),
      vote(b!, target!.id),
      vote(b!, source!.id),
      vote(c!, source!.id),
    ]);
    await expectOk(moderator, 'queue:move', { questionId: source!.id, beforeId: null });

    const merged = await expectOk(moderator, 'question:merge', {
      questionId: source!.id,
      intoId: target!.id,
    });
    expect(merged.question).toMatchObject({ id: target!.id, votes: 3 });
    const { redis } = dais.server;
    const keys = eventRedisKeys(event.code);
    expect((await redis.smembers(keys.voters(target!.id))).sort()).toHaveLength(3);
    expect(await redis.exists(keys.voters(source!.id))).toBe(0);
    // The merged question leaves the rank and "Up next"; the target's score follows its votes.
    expect(await redis.zrange(keys.rank, 0, -1)).toEqual([target!.id]);
    expect(await redis.lrange(keys.queue, 0, -1)).toEqual([]);
    const afterMerge = await rankFields(redis, event.code, target!.id);
    expect(afterMerge).toMatchObject({ votes: 3, askedBy: 2 });
    expect(afterMerge.score).toBe(rankScore(afterMerge));
    expect(Number(await redis.zscore(keys.rank, target!.id))).toBe(afterMerge.score);

    // A vote for the merged question is a vote for the cluster: d is the fourth.
    expect(await vote(d!, source!.id)).toMatchObject({ questionId: target!.id, votes: 4 });
    expect(await vote(c!, source!.id)).toMatchObject({ votes: 4 });

    const split = await expectOk(moderator, 'question:split', { questionId: source!.id });
    expect(split.question).toMatchObject({ status: 'pending', votes: 0, askedBy: 1 });
    const afterSplit = await rankFields(redis, event.code, target!.id);
    expect(afterSplit).toMatchObject({ votes: 4, askedBy: 1 });
    expect(afterSplit.score).toBe(rankScore(afterSplit));
  });

  it('refuses votes for questions that are not public, changing nothing', async () => {
    const { event, moderator } = await eventWithModerator();
    const [asker, voter] = await audience(event, 2);
    const { question: pending } = await expectOk(asker!, 'question:submit', {
      text: 'Is the visit to the clinic still planned?',
    });
    const [rejected] = await submitApproved(asker!, moderator, ['When do exams start again?']);
    await expectOk(moderator, 'question:reject', { questionId: rejected!.id });

    const before = await redisFingerprint(dais.server.redis);
    expect(
      await request(voter!, 'question:vote', { questionId: pending.id, up: true }),
    ).toMatchObject({ ok: false, error: 'CONFLICT', message: 'The question is pending now' });
    expect(
      await request(voter!, 'question:vote', { questionId: rejected!.id, up: true }),
    ).toMatchObject({ ok: false, error: 'CONFLICT' });
    expect(
      await request(voter!, 'question:vote', { questionId: 'no-such-question', up: true }),
    ).toMatchObject({ ok: false, error: 'QUESTION_NOT_FOUND' });
    expect(await request(voter!, 'question:vote', { questionId: pending.id })).toMatchObject({
      ok: false,
      error: 'INVALID_PAYLOAD',
    });
    expect(
      await request(moderator, 'question:vote', { questionId: pending.id, up: true }),
    ).toMatchObject({ ok: false, error: 'FORBIDDEN' });
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);
  });

  it('lets only moderators pin, star and line up questions', async () => {
    const { event, moderator } = await eventWithModerator();
    const [asker] = await audience(event, 1);
    const stage = (await join(dais.url, { code: event.code, role: 'stage', key: event.stageKey }))
      .socket;
    const [question] = await submitApproved(asker!, moderator, ['Who pays for the new school?']);
    const id = question!.id;

    const before = await redisFingerprint(dais.server.redis);
    for (const socket of [asker!, stage]) {
      for (const [name, payload] of [
        ['question:pin', { questionId: id, on: true }],
        ['question:star', { questionId: id, on: true }],
        ['queue:move', { questionId: id, beforeId: null }],
        ['queue:remove', { questionId: id }],
      ] as const) {
        expect(await request(socket, name, payload)).toMatchObject({
          ok: false,
          error: 'FORBIDDEN',
        });
      }
    }
    for (const name of ['stage:next', 'stage:skip'] as const) {
      expect(await request(asker!, name, {})).toMatchObject({ ok: false, error: 'FORBIDDEN' });
    }
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);
  });
});

describe('ranking', () => {
  it('ranks by votes, boosts a star, and keeps the score equal to rankScore', async () => {
    const { event, moderator } = await eventWithModerator();
    const voters = await audience(event, 3);
    const [older, newer] = await submitApproved(voters[0]!, moderator, [
      'How are teachers trained for emergencies?',
      'What can children do to save water at home?',
    ]);
    const { redis } = dais.server;
    const keys = eventRedisKeys(event.code);
    const ranked = () => redis.zrevrange(keys.rank, 0, -1);
    // Equal weight: the newer question is fresher.
    expect(await ranked()).toEqual([newer!.id, older!.id]);

    await vote(voters[0]!, older!.id);
    await vote(voters[1]!, older!.id);
    expect(await ranked()).toEqual([older!.id, newer!.id]);

    const starredHears = next(voters[2]!, 'question:changed', (c) => c.change === 'starred');
    const starred = await expectOk(moderator, 'question:star', { questionId: newer!.id, on: true });
    expect(starred.question).toMatchObject({ id: newer!.id, starred: true, rev: newer!.rev + 1 });
    expect((await starredHears).question).toMatchObject({ id: newer!.id, starred: true });
    expect(await ranked()).toEqual([newer!.id, older!.id]);

    for (const id of [older!.id, newer!.id]) {
      const fields = await rankFields(redis, event.code, id);
      expect(fields.score).toBe(rankScore(fields));
      expect(Number(await redis.zscore(keys.rank, id))).toBe(fields.score);
    }

    await expectOk(moderator, 'question:star', { questionId: newer!.id, on: false });
    expect(await ranked()).toEqual([older!.id, newer!.id]);
    // Only approved questions are ranked: the live one leaves the set.
    await expectOk(moderator, 'question:show', { questionId: older!.id });
    expect(await ranked()).toEqual([newer!.id]);
  });

  it('pins a question for everyone, and a pin it already has changes nothing', async () => {
    const { event, moderator } = await eventWithModerator();
    const [asker, bystander] = await audience(event, 2);
    const [question] = await submitApproved(asker!, moderator, ['Will the report be public?']);

    const heard = next(bystander!, 'question:changed', (c) => c.change === 'pinned');
    const pinned = await expectOk(moderator, 'question:pin', {
      questionId: question!.id,
      on: true,
    });
    expect(pinned.question).toMatchObject({ pinned: true, rev: question!.rev + 1 });
    expect((await heard).question).toMatchObject({ id: question!.id, pinned: true });

    const before = await redisFingerprint(dais.server.redis);
    const again = await expectOk(moderator, 'question:pin', { questionId: question!.id, on: true });
    expect(again.question).toEqual(pinned.question);
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);

    const unpinned = await expectOk(moderator, 'question:pin', {
      questionId: question!.id,
      on: false,
    });
    expect(unpinned.question).toMatchObject({ pinned: false, rev: question!.rev + 2 });
  });
});

describe('votes:changed', () => {
  it('sends a burst of votes in a few batches, the last with the final count', async () => {
    const { event, moderator } = await eventWithModerator();
    const voters = await audience(event, 30);
    const [watcher] = await audience(event, 1);
    const [question] = await submitApproved(voters[0]!, moderator, ['Is there a plan for floods?']);

    const batches: { moderator: VotesChanged[]; audience: VotesChanged[] } = {
      moderator: [],
      audience: [],
    };
    moderator.on('votes:changed', (batch) => batches.moderator.push(batch));
    watcher!.on('votes:changed', (batch) => batches.audience.push(batch));
    const final = (payload: VotesChanged) =>
      payload.updates.some((u) => u.id === question!.id && u.votes === 30);
    const moderatorDone = next(moderator, 'votes:changed', final);
    const audienceDone = next(watcher!, 'votes:changed', final);

    const started = Date.now();
    const acks = await Promise.all(voters.map((socket) => vote(socket, question!.id)));
    expect(acks.map((a) => a.votes).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    const last = await moderatorDone;
    await audienceDone;
    // The contract is a rate, not a speed: at most one batch per 250 ms window.
    const windows = Math.floor((Date.now() - started) / 250) + 1;

    const stored = await rankFields(dais.server.redis, event.code, question!.id);
    expect(last.updates).toEqual([
      { id: question!.id, votes: 30, score: stored.score, rev: stored.rev },
    ]);
    // Votes do not move rev: it counts moderation changes (see ARCHITECTURE.md).
    expect(stored.rev).toBe(question!.rev);
    for (const seen of [batches.moderator, batches.audience]) {
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.length).toBeLessThanOrEqual(windows);
      // Counts only grow within the burst, and the last batch holds the final one.
      const counts = seen.flatMap((b) => b.updates.map((u) => u.votes));
      expect(counts).toEqual([...counts].sort((x, y) => x - y));
      expect(counts.at(-1)).toBe(30);
    }
  });

  it('closes the server with a batch pending, without waiting for it', async () => {
    const event = await createEvent(dais.url);
    const other = await startServer(dais.redis.url);
    const moderator = await join(other.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    const voter = await join(other.url, { code: event.code, role: 'audience' });
    const [question] = await submitApproved(voter.socket, moderator.socket, [
      'Any news on the bridge?',
    ]);
    expect(await vote(voter.socket, question!.id)).toMatchObject({ votes: 1 });
    // The batch timer is pending now; closing stops it (a hang would fail the test).
    await other.close();
    const log = await dais.server.redis.xrange(eventRedisKeys(event.code).log, '-', '+');
    const [, fields] = log.at(-1)!;
    expect(fields).toEqual([
      'type',
      'question.vote',
      'id',
      question!.id,
      'actor',
      voter.snapshot.participant?.id,
    ]);
  });

  it('tells a returning participant which clusters it voted for', async () => {
    const { event, moderator } = await eventWithModerator();
    const first = await join(dais.url, { code: event.code, role: 'audience' });
    const [other] = await audience(event, 1);
    const [liked, skipped] = await submitApproved(first.socket, moderator, [
      'How many new wells were dug this year?',
      'Which districts get the mobile clinics?',
    ]);
    await vote(first.socket, liked!.id);
    await vote(other!, skipped!.id);

    const back = await join(dais.url, {
      code: event.code,
      role: 'audience',
      token: first.snapshot.participant?.token,
    });
    expect(back.snapshot.myVotes).toEqual([liked!.id]);
    expect(back.snapshot.queue).toBeUndefined();
    const stranger = await join(dais.url, { code: event.code, role: 'audience' });
    expect(stranger.snapshot.myVotes).toEqual([]);
    const mod = await join(dais.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    expect(mod.snapshot.myVotes).toBeUndefined();
    expect(mod.snapshot.queue).toEqual([]);
  });
});
