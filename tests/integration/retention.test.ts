import { afterEach, describe, expect, it } from 'vitest';
import { DAY_MS, PURGED_TEXT, type Question } from '@dais/shared';
import {
  createEvent,
  disconnectAll,
  expectOk,
  join,
  next,
  recordChanges,
  request,
} from '../harness/clients';
import { useDais } from '../harness/dais';
import { redisFingerprint } from '../harness/redis-state';

const PHONE = '13812345678';
const EMAIL = 'li.ming@example.com';
const SAFEGUARDING = '我不想活了，爸爸每天打我';
const CLEAN = 'How will the new visa rules affect exchange students?';

/** A server whose clock the test moves, sweeping for due purges every few ms. */
const clock = { time: Date.UTC(2025, 10, 21, 9, 0), now: () => clock.time };
const sweepWaiters: ((purged: string[]) => void)[] = [];
/** Resolves when the next retention sweep has finished, with the events it purged. */
const nextSweep = () => new Promise<string[]>((resolve) => sweepWaiters.push(resolve));

const dais = useDais({
  clock,
  config: {
    retentionSweepMs: 10,
    onRetentionSweep: (purged) => sweepWaiters.splice(0).forEach((resolve) => resolve(purged)),
  },
});
afterEach(disconnectAll);

/** Every key and value of one event in Redis, as text. */
async function eventData(code: string): Promise<string> {
  const all = await redisFingerprint(dais.server.redis);
  return JSON.stringify(Object.entries(all).filter(([key]) => key.includes(`{ev:${code}}`)));
}

async function eventWithQuestions() {
  const event = await createEvent(dais.url);
  const moderator = (
    await join(dais.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
      name: 'Mei',
    })
  ).socket;
  const audience = (await join(dais.url, { code: event.code, role: 'audience' })).socket;
  const ask = async (text: string) =>
    (await expectOk(audience, 'question:submit', { text })).question;
  const heldPhone = await ask(`我的孩子走丢了，请打${PHONE}联系我`);
  const approvedPhone = await ask(`Please call ${PHONE} about the school visit`);
  const editedEmail = await ask(`Email me at ${EMAIL} about scholarships`);
  const safeguarding = await ask(SAFEGUARDING);
  const clean = await ask(CLEAN);
  expect([heldPhone, approvedPhone, editedEmail, safeguarding].map((q) => q.status)).toEqual([
    'held',
    'held',
    'held',
    'held',
  ]);
  await expectOk(moderator, 'question:approve', { questionId: approvedPhone.id });
  await expectOk(moderator, 'question:approve', {
    questionId: editedEmail.id,
    text: 'How do I apply for a scholarship?',
  });
  await expectOk(moderator, 'question:approve', { questionId: clean.id });
  return {
    event,
    moderator,
    audience,
    asked: { heldPhone, approvedPhone, editedEmail, safeguarding, clean },
  };
}

const questionOf = async (code: string, id: string) =>
  dais.server.redis.hgetall(`dais:{ev:${code}}:q:${id}`);

describe('event:purge', () => {
  it('removes raw personal data from every key of the event and leaves the rest untouched', async () => {
    const { event, moderator, asked } = await eventWithQuestions();
    const before = await eventData(event.code);
    expect(before).toContain(PHONE);
    expect(before).toContain(EMAIL);
    expect(before).toContain(SAFEGUARDING);
    const cleanBefore = await questionOf(event.code, asked.clean.id);
    const cleanPrint = await dais.server.redis.hget(
      `dais:{ev:${event.code}}:fingerprints`,
      asked.clean.id,
    );

    const seen = recordChanges(moderator);
    const last = next(
      moderator,
      'question:changed',
      (c) => c.question.id === asked.safeguarding.id,
    );
    const eventNews = next(moderator, 'event:changed');
    expect(await expectOk(moderator, 'event:purge', {})).toEqual({ purged: 4 });
    await last;
    // Then everyone hears when the event was purged; a later join reads it too.
    expect((await eventNews).event.purgedAt).toBe(clock.time);
    const later = await join(dais.url, { code: event.code, role: 'audience' });
    expect(later.snapshot.event.purgedAt).toBe(clock.time);
    expect(later.snapshot.serverTime).toBe(clock.time); // the server's clock, not the client's

    const after = await eventData(event.code);
    expect(after).not.toContain(PHONE);
    expect(after).not.toContain(EMAIL);
    expect(after).not.toContain(SAFEGUARDING);
    expect(await questionOf(event.code, asked.clean.id)).toEqual(cleanBefore);
    expect(
      await dais.server.redis.hget(`dais:{ev:${event.code}}:fingerprints`, asked.clean.id),
    ).toBe(cleanPrint);

    // Each purged question keeps its public text, with a new rev for the clients.
    const purged = Object.fromEntries(
      seen.filter((c) => c.change === 'purged').map((c) => [c.question.id, c.question as Question]),
    );
    expect(Object.keys(purged).sort()).toEqual(
      [asked.heldPhone, asked.approvedPhone, asked.editedEmail, asked.safeguarding]
        .map((q) => q.id)
        .sort(),
    );
    expect(purged[asked.heldPhone.id]).toMatchObject({
      status: 'held',
      text: asked.heldPhone.publicText,
      publicText: asked.heldPhone.publicText,
      rev: asked.heldPhone.rev + 1,
    });
    expect(purged[asked.editedEmail.id]).toMatchObject({
      status: 'approved',
      text: 'How do I apply for a scholarship?',
      publicText: 'How do I apply for a scholarship?',
    });
    expect(purged[asked.safeguarding.id]).toMatchObject({
      status: 'held',
      text: PURGED_TEXT,
      publicText: PURGED_TEXT,
      reasons: ['safeguarding'],
    });
    expect(
      await dais.server.redis.hget(`dais:{ev:${event.code}}:fingerprints`, asked.safeguarding.id),
    ).toBe(null);

    const meta = await dais.server.redis.hgetall(`dais:{ev:${event.code}}:meta`);
    expect(meta.purgedAt).toBe(String(clock.time));
    const [[, entry] = ['', []]] = await dais.server.redis.xrevrange(
      `dais:{ev:${event.code}}:log`,
      '+',
      '-',
      'COUNT',
      1,
    );
    const fields = Object.fromEntries(
      entry.flatMap((_, i, all) => (i % 2 === 0 ? [[all[i], all[i + 1]]] : [])),
    );
    expect(fields).toMatchObject({ type: 'event.purge', actorName: 'Mei', count: '4' });
  });

  it('changes no question the second time', async () => {
    const { event, moderator, asked } = await eventWithQuestions();
    await expectOk(moderator, 'event:purge', {});
    const questions = await Promise.all(
      Object.values(asked).map((q) => questionOf(event.code, q.id)),
    );
    expect(await expectOk(moderator, 'event:purge', {})).toEqual({ purged: 0 });
    expect(
      await Promise.all(Object.values(asked).map((q) => questionOf(event.code, q.id))),
    ).toEqual(questions);
  });

  it('is for moderators only: the audience and the stage change nothing', async () => {
    const { event, audience } = await eventWithQuestions();
    const stage = (await join(dais.url, { code: event.code, role: 'stage', key: event.stageKey }))
      .socket;
    const before = await redisFingerprint(dais.server.redis);
    for (const socket of [audience, stage]) {
      expect(await request(socket, 'event:purge', {})).toMatchObject({
        ok: false,
        error: 'FORBIDDEN',
      });
      expect(await request(socket, 'event:summary', {})).toMatchObject({
        ok: false,
        error: 'FORBIDDEN',
      });
    }
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);
    expect(await eventData(event.code)).toContain(PHONE);
  });
});

describe('the retention sweeper', () => {
  async function endedEvent(retentionDays: number) {
    const { event, moderator, asked } = await eventWithQuestions();
    const { event: info } = await expectOk(moderator, 'event:configure', {
      retentionDays,
      ended: true,
    });
    expect(info.endedAt).toBe(clock.time);
    return { event, moderator, asked, dueAt: clock.time + retentionDays * DAY_MS };
  }

  /** Two finished sweeps: the second one surely started after the caller's change. */
  async function sweptAfterNow() {
    await nextSweep();
    return nextSweep();
  }

  it('purges an ended event once its retention has run out, and not before', async () => {
    const { event, moderator, dueAt } = await endedEvent(2);
    expect(Number(await dais.server.redis.zscore('dais:retention', event.code))).toBe(dueAt);

    const before = await eventData(event.code);
    clock.time = dueAt - 1;
    expect(await sweptAfterNow()).toEqual([]);
    expect(await eventData(event.code)).toEqual(before);
    expect(before).toContain(PHONE);

    const purgedChange = next(moderator, 'question:changed', (c) => c.change === 'purged');
    const purgedEvent = next(moderator, 'event:changed', (c) => c.event.purgedAt !== null);
    clock.time = dueAt;
    for (let purged = await nextSweep(); !purged.includes(event.code);) purged = await nextSweep();
    await purgedChange;
    expect((await purgedEvent).event.purgedAt).toBe(dueAt);
    expect(await eventData(event.code)).not.toContain(PHONE);
    expect(await dais.server.redis.zscore('dais:retention', event.code)).toBeNull();
    const meta = await dais.server.redis.hgetall(`dais:{ev:${event.code}}:meta`);
    expect(meta.purgedAt).toBe(String(dueAt));
  });

  it('follows a retention changed after the end', async () => {
    clock.time += DAY_MS;
    const { event, moderator, dueAt } = await endedEvent(1);
    await expectOk(moderator, 'event:configure', { retentionDays: 10 });
    const laterDue = dueAt + 9 * DAY_MS;
    expect(Number(await dais.server.redis.zscore('dais:retention', event.code))).toBe(laterDue);

    clock.time = dueAt + 1;
    expect(await sweptAfterNow()).toEqual([]);
    expect(await eventData(event.code)).toContain(PHONE);

    clock.time = laterDue;
    for (let purged = await nextSweep(); !purged.includes(event.code);) purged = await nextSweep();
    expect(await eventData(event.code)).not.toContain(PHONE);
  });

  it('reschedules, and does not purge, an entry older than the event’s own due date', async () => {
    clock.time += DAY_MS;
    const { event, dueAt } = await endedEvent(5);
    // As left by a process that stopped between a settings change and its schedule.
    await dais.server.redis.zadd('dais:retention', clock.time, event.code);
    const before = await eventData(event.code);
    clock.time += 1;
    expect(await sweptAfterNow()).toEqual([]);
    expect(Number(await dais.server.redis.zscore('dais:retention', event.code))).toBe(dueAt);
    expect(await eventData(event.code)).toEqual(before);
  });

  it('never schedules an event that has not ended', async () => {
    const { event, moderator } = await eventWithQuestions();
    await expectOk(moderator, 'event:configure', { retentionDays: 1 });
    expect(await dais.server.redis.zscore('dais:retention', event.code)).toBeNull();
  });
});
