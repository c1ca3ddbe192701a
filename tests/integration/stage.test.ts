import { afterEach, describe, expect, it } from 'vitest';
import type { Question, ServerToClientEvents } from '@dais/shared';
import {
  type Client,
  createEvent,
  disconnectAll,
  expectOk,
  joinAll,
  join,
  next,
  recordChanges,
  request,
} from '../harness/clients';
import { useDais } from '../harness/dais';
import { eventRedisKeys, submitApproved } from '../harness/questions';
import { redisFingerprint } from '../harness/redis-state';

const dais = useDais();
afterEach(disconnectAll);

type QueueChanged = Parameters<ServerToClientEvents['queue:changed']>[0];

/** An event with a moderator, the stage, one asker and these questions approved. */
async function eventWithApproved(texts: string[]) {
  const event = await createEvent(dais.url);
  const { moderator, stage, audience } = await joinAll(dais.url, event);
  const questions = await submitApproved(audience.socket, moderator.socket, texts);
  return {
    event,
    moderator: moderator.socket,
    stage: stage.socket,
    audience: audience.socket,
    ids: questions.map((q) => q.id),
  };
}

const TEXTS = [
  'How do mobile clinics reach remote villages?',
  'What happens to children who miss a school year?',
  'Who decides which district gets help first?',
  'Can volunteers join the vaccination teams?',
];

const line = (moderator: Client, questionId: string, beforeId: string | null = null) =>
  expectOk(moderator, 'queue:move', { questionId, beforeId });

async function statuses(code: string) {
  const keys = eventRedisKeys(code);
  const read = (status: string) => dais.server.redis.zrange(keys.status(status), 0, -1);
  const [approved, live, answered] = await Promise.all(['approved', 'live', 'answered'].map(read));
  return { approved: approved!, live: live!, answered: answered! };
}

describe('"Up next"', () => {
  it('lines up, reorders and removes approved questions, telling moderators and the stage', async () => {
    const { event, moderator, stage, audience, ids } = await eventWithApproved(TEXTS.slice(0, 3));
    const [a, b, c] = ids as [string, string, string];
    const stageHeard: QueueChanged[] = [];
    stage.on('queue:changed', (change) => stageHeard.push(change));
    let audienceHeard = 0;
    audience.on('queue:changed', () => audienceHeard++);

    expect(await line(moderator, a)).toEqual({ queue: [a] });
    expect(await line(moderator, b)).toEqual({ queue: [a, b] });
    const heard = next(moderator, 'queue:changed', (q) => q.queue.length === 3);
    expect(await line(moderator, c, a)).toEqual({ queue: [c, a, b] });
    expect((await heard).logId).toMatch(/^\d+-\d+$/);
    expect(await line(moderator, b, c)).toEqual({ queue: [b, c, a] });
    // Before an id that is not lined up: at the end.
    expect(await line(moderator, b, 'not-queued')).toEqual({ queue: [c, a, b] });

    // Moving a question to where it is already changes nothing.
    const before = await redisFingerprint(dais.server.redis);
    expect(await line(moderator, a, b)).toEqual({ queue: [c, a, b] });
    expect(await line(moderator, b)).toEqual({ queue: [c, a, b] });
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);

    const removed = next(stage, 'queue:changed', (q) => q.queue.length === 2);
    expect(await expectOk(moderator, 'queue:remove', { questionId: c })).toEqual({
      queue: [a, b],
    });
    expect((await removed).queue).toEqual([a, b]);
    expect(stageHeard.map((q) => q.queue)).toEqual([
      [a],
      [a, b],
      [c, a, b],
      [b, c, a],
      [c, a, b],
      [a, b],
    ]);

    const staged = await join(dais.url, { code: event.code, role: 'stage', key: event.stageKey });
    expect(staged.snapshot.queue).toEqual([a, b]);
    // Barrier: a later question change reaches the audience; no queue:changed came before it.
    const barrier = next(audience, 'question:changed', (ch) => ch.change === 'pinned');
    await expectOk(moderator, 'question:pin', { questionId: a, on: true });
    await barrier;
    expect(audienceHeard).toBe(0);
  });

  it('takes only approved questions, and loses them when they leave approved', async () => {
    const { event, moderator, audience, ids } = await eventWithApproved(TEXTS.slice(0, 3));
    const [a, b, c] = ids as [string, string, string];
    const { question: pending } = await expectOk(audience, 'question:submit', {
      text: 'Is the water at the camp safe to drink?',
    });

    const before = await redisFingerprint(dais.server.redis);
    expect(
      await request(moderator, 'queue:move', { questionId: pending.id, beforeId: null }),
    ).toMatchObject({ ok: false, error: 'CONFLICT', message: 'The question is pending now' });
    expect(
      await request(moderator, 'queue:move', { questionId: 'nope', beforeId: null }),
    ).toMatchObject({ ok: false, error: 'QUESTION_NOT_FOUND' });
    expect(
      await request(moderator, 'queue:remove', { questionId: a, expected: 'pending' }),
    ).toMatchObject({ ok: false, error: 'CONFLICT' });
    expect(await request(moderator, 'queue:move', { questionId: a })).toMatchObject({
      ok: false,
      error: 'INVALID_PAYLOAD',
    });
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);

    for (const id of [a, b, c]) await line(moderator, id);
    const afterReject = next(moderator, 'queue:changed', (q) => q.queue.length === 2);
    await expectOk(moderator, 'question:reject', { questionId: a });
    expect((await afterReject).queue).toEqual([b, c]);
    const afterMerge = next(moderator, 'queue:changed', (q) => q.queue.length === 1);
    await expectOk(moderator, 'question:merge', { questionId: b, intoId: pending.id });
    expect((await afterMerge).queue).toEqual([c]);
    const afterShow = next(moderator, 'queue:changed', (q) => q.queue.length === 0);
    await expectOk(moderator, 'question:show', { questionId: c });
    await afterShow;
    const keys = eventRedisKeys(event.code);
    expect(await dais.server.redis.lrange(keys.queue, 0, -1)).toEqual([]);
  });
});

describe('the stage’s next and skip', () => {
  it('shows the head of "Up next", then the top-ranked question, then nothing', async () => {
    const { event, moderator, stage, audience, ids } = await eventWithApproved(TEXTS);
    const [a, b, c, d] = ids as [string, string, string, string];
    const seen = recordChanges(audience);
    // c is the most popular; "Up next" holds b then a.
    const voters = await Promise.all(
      [1, 2].map(async () => (await join(dais.url, { code: event.code, role: 'audience' })).socket),
    );
    for (const voter of voters) await expectOk(voter, 'question:vote', { questionId: c, up: true });
    await line(moderator, b);
    await line(moderator, a);

    const queueHeard = next(moderator, 'queue:changed', (q) => q.queue.length === 1);
    const first = await expectOk(stage, 'stage:next', {});
    expect(first.previous).toBeNull();
    expect(first.live).toMatchObject({ id: b, status: 'live' });
    expect((await queueHeard).queue).toEqual([a]);

    const second = await expectOk(moderator, 'stage:next', {});
    expect(second.previous).toMatchObject({ id: b, status: 'answered' });
    expect(second.live).toMatchObject({ id: a, status: 'live' });

    // "Up next" is empty: the most popular approved question.
    const third = await expectOk(stage, 'stage:next', {});
    expect(third.live).toMatchObject({ id: c, status: 'live', votes: 2 });
    const fourth = await expectOk(stage, 'stage:next', {});
    expect(fourth.live).toMatchObject({ id: d });

    const last = await expectOk(stage, 'stage:next', {});
    expect(last).toMatchObject({ live: null, previous: { id: d, status: 'answered' } });
    expect(await statuses(event.code)).toEqual({
      approved: [],
      live: [],
      // Status sets are ordered by creation time.
      answered: [a, b, c, d],
    });

    // Nothing on stage and nothing approved: a next changes nothing.
    const before = await redisFingerprint(dais.server.redis);
    expect(await expectOk(stage, 'stage:next', {})).toEqual({ live: null, previous: null });
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);

    // The log names who moved the stage.
    const log = await dais.server.redis.xrevrange(
      eventRedisKeys(event.code).log,
      '+',
      '-',
      'COUNT',
      2,
    );
    expect(log.map(([, fields]) => fields.slice(0, 8))).toEqual([
      ['type', 'question.answer', 'id', d, 'actor', 'stage', 'actorName', ''],
      ['type', 'question.show', 'id', d, 'actor', 'stage', 'actorName', ''],
    ]);

    const changes = seen.filter((c) => c.change === 'shown' || c.change === 'answered');
    expect(changes.map((c) => [c.change, c.question.id])).toEqual([
      ['shown', b],
      ['answered', b],
      ['shown', a],
      ['answered', a],
      ['shown', c],
      ['answered', c],
      ['shown', d],
      ['answered', d],
    ]);
  });

  it('returns the live question to approved on skip, and never shows it again at once', async () => {
    const { event, moderator, stage, ids } = await eventWithApproved(TEXTS.slice(0, 2));
    const [a, b] = ids as [string, string];
    await line(moderator, a);
    // Shown directly, not by "Up next": it leaves the queue all the same.
    await expectOk(moderator, 'question:show', { questionId: a });

    const returned = next(moderator, 'question:changed', (c) => c.change === 'returned');
    const skipped = await expectOk(stage, 'stage:skip', {});
    expect(skipped.previous).toMatchObject({ id: a, status: 'approved' });
    expect(skipped.live).toMatchObject({ id: b, status: 'live' });
    expect((await returned).question).toMatchObject({ id: a, status: 'approved' });

    const again = await expectOk(stage, 'stage:skip', {});
    expect(again).toMatchObject({ previous: { id: b }, live: { id: a } });
    const last = await expectOk(stage, 'stage:skip', {});
    expect(last).toMatchObject({ previous: { id: a }, live: { id: b } });
    expect(await statuses(event.code)).toMatchObject({ approved: [a], live: [b], answered: [] });
  });

  it('takes a pinned question before higher-ranked ones when "Up next" is empty', async () => {
    const { moderator, stage, audience, ids } = await eventWithApproved(TEXTS.slice(0, 3));
    const [oldest, , newest] = ids as [string, string, string];
    await expectOk(audience, 'question:vote', { questionId: newest, up: true });
    await expectOk(moderator, 'question:pin', { questionId: oldest, on: true });
    const { live } = await expectOk(stage, 'stage:next', {});
    expect(live?.id).toBe(oldest);
    const after = await expectOk(stage, 'stage:next', {});
    expect(after.live?.id).toBe(newest);
  });

  it('gives the stage the public view only: no asker id, no words the filter redacted', async () => {
    const event = await createEvent(dais.url);
    const { moderator, stage, audience } = await joinAll(dais.url, event);
    const { question } = await expectOk(audience.socket, 'question:submit', {
      text: 'Call me on 13812345678 about the school trip?',
    });
    await expectOk(moderator.socket, 'question:approve', { questionId: question.id });
    const shown = await expectOk(stage.socket, 'stage:next', {});
    const answered = await expectOk(stage.socket, 'question:answer', { questionId: question.id });
    for (const ack of [shown, answered]) {
      expect(JSON.stringify(ack)).not.toContain('13812345678');
      expect(JSON.stringify(ack)).not.toContain('authorId');
    }
    expect(shown.live?.text).toContain('[');
  });

  it('never puts two questions live when next is pressed at once', async () => {
    const { event, moderator, stage, ids } = await eventWithApproved(TEXTS);
    for (const id of ids) await line(moderator, id);
    const others = await Promise.all(
      [1, 2].map(
        async () =>
          (await join(dais.url, { code: event.code, role: 'moderator', key: event.moderatorKey }))
            .socket,
      ),
    );
    const pressers = [stage, moderator, ...others];
    const results = await Promise.all(pressers.map((socket) => request(socket, 'stage:next', {})));

    const done = results.filter((r) => r.ok);
    expect(done.length).toBeGreaterThan(0);
    for (const result of results) {
      if (!result.ok) expect(result).toMatchObject({ error: 'CONFLICT' });
    }
    const after = await statuses(event.code);
    expect(after.live).toHaveLength(1);
    // Each press that went through moved the stage exactly once.
    expect(after.answered).toHaveLength(done.length - 1);
    const shown = done.map((r) => (r.ok ? (r.data.live as Question).id : ''));
    expect(new Set(shown).size).toBe(done.length);
    expect(after.live).toContain(ids[done.length - 1]);
  });
});
