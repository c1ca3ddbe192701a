import { afterEach, describe, expect, it } from 'vitest';
import {
  type Client,
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

// A server on an injected clock, so slow mode and endedAt are tested without waiting.
let time = Date.UTC(2026, 0, 15, 9, 0, 0);
const clock = { now: () => time };
const dais = useDais({ clock });
afterEach(disconnectAll);

async function setup() {
  const event = await createEvent(dais.url);
  const moderator = (
    await join(dais.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
      name: 'Mei',
      clientId: 'mei-intake-1',
    })
  ).socket;
  const audience = async () =>
    (await join(dais.url, { code: event.code, role: 'audience' })).socket;
  const configure = (settings: object) => expectOk(moderator, 'event:configure', settings);
  return { event, moderator, audience, configure };
}

const submit = (socket: Client, text: string) => request(socket, 'question:submit', { text });

describe('closing and reopening', () => {
  it('refuses questions while closed, storing nothing, and tells everyone', async () => {
    const { audience, configure } = await setup();
    const asker = await audience();
    const hears = next(asker, 'event:changed');
    const { event } = await configure({ open: false });
    expect(event.open).toBe(false);
    expect((await hears).event.open).toBe(false);

    const before = await redisFingerprint(dais.server.redis);
    for (const text of ['Is the bar open?', 'spam spam spam spam spam spam spam']) {
      expect(await submit(asker, text)).toMatchObject({ ok: false, error: 'QUESTIONS_CLOSED' });
    }
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);

    await configure({ open: true });
    expect(await submit(asker, 'Is the bar open?')).toMatchObject({ ok: true });
  });
});

describe('slow mode', () => {
  it('makes a participant wait between questions, and nobody else', async () => {
    const { audience, configure } = await setup();
    const [asker, other] = [await audience(), await audience()];
    await configure({ slowModeSeconds: 30 });

    // A question the filter turns away does not count.
    expect(await submit(asker, '   ')).toMatchObject({ error: 'REJECTED', reasons: ['empty'] });
    expect(await submit(asker, 'What time does it end?')).toMatchObject({ ok: true });

    const before = await redisFingerprint(dais.server.redis);
    expect(await submit(asker, 'And where is lunch?')).toMatchObject({
      ok: false,
      error: 'SLOW_MODE',
      retryAfterMs: 30_000,
    });
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);
    expect(await submit(other, 'Where is lunch served?')).toMatchObject({ ok: true });

    time += 29_999;
    expect(await submit(asker, 'And where is lunch?')).toMatchObject({
      error: 'SLOW_MODE',
      retryAfterMs: 1,
    });
    time += 1;
    expect(await submit(asker, 'And where is lunch?')).toMatchObject({ ok: true });

    // Checked in the same script that stores: two at once, one gets through.
    time += 30_000;
    const both = await Promise.all([
      submit(asker, 'Is the museum open late?'),
      submit(asker, 'Are the gardens open late?'),
    ]);
    expect(both.map((r) => (r.ok ? 'ok' : r.error)).sort()).toEqual(['SLOW_MODE', 'ok']);

    await configure({ slowModeSeconds: 0 });
    expect(await submit(asker, 'One more: is there wifi?')).toMatchObject({ ok: true });
  });
});

describe('pre-moderation off', () => {
  it('approves clean questions at once, still holds personal data, and merges duplicates', async () => {
    const { event, moderator, audience, configure } = await setup();
    const [asker, other, bystander] = [await audience(), await audience(), await audience()];
    const publicSaw = recordChanges(bystander);
    await configure({ preModeration: false });

    const published = next(bystander, 'question:changed');
    const clean = await expectOk(asker, 'question:submit', { text: 'How do I join the club?' });
    expect(clean.question).toMatchObject({ status: 'approved', decidedAt: time, statusAt: time });
    expect((await published).question).toMatchObject({ id: clean.question.id, status: 'approved' });

    const held = await expectOk(asker, 'question:submit', {
      text: 'Call me on 13812345678 about the club',
    });
    expect(held.question.status).toBe('held');
    const duplicate = await expectOk(other, 'question:submit', { text: 'How do I join the club' });
    expect(duplicate.question).toMatchObject({ status: 'merged', clusterId: clean.question.id });

    // The public saw the clean one (and its cluster growing), never the held one.
    const stage = await join(dais.url, { code: event.code, role: 'stage', key: event.stageKey });
    expect(stage.snapshot.questions.map((q) => q.id)).toEqual([clean.question.id]);
    expect(JSON.stringify(publicSaw)).not.toContain('13812345678');
    expect(publicSaw.map((c) => c.question.id)).not.toContain(held.question.id);

    // A moderator acts after the fact as on any approved question.
    await expectOk(moderator, 'question:reject', {
      questionId: clean.question.id,
      expected: 'approved',
    });
  });
});

describe('ending the event', () => {
  it('closes questions for good, once, and records when', async () => {
    const { audience, configure, moderator } = await setup();
    const asker = await audience();
    const endedAt = time;
    const { event } = await configure({ ended: true });
    expect(event).toMatchObject({ endedAt, open: false });
    expect(await submit(asker, 'Too late?')).toMatchObject({ error: 'QUESTIONS_CLOSED' });

    const before = await redisFingerprint(dais.server.redis);
    const reopen = await request(moderator, 'event:configure', { open: true });
    expect(reopen).toMatchObject({ ok: false, error: 'CONFLICT' });
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);

    time += 60_000;
    const again = await configure({ ended: true, retentionDays: 7 });
    expect(again.event).toMatchObject({ endedAt, open: false, retentionDays: 7 });
    expect(await submit(asker, 'Still too late?')).toMatchObject({ error: 'QUESTIONS_CLOSED' });
  });
});

describe('configuring intake', () => {
  it('refuses bad values, changing nothing, and logs who changed what', async () => {
    const { moderator, configure } = await setup();
    const before = await redisFingerprint(dais.server.redis);
    for (const bad of [{}, { slowModeSeconds: -1 }, { retentionDays: 0 }, { ended: false }]) {
      expect(await request(moderator, 'event:configure', bad)).toMatchObject({
        ok: false,
        error: 'INVALID_PAYLOAD',
      });
    }
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);

    const { event } = await configure({ slowModeSeconds: 10, preModeration: false });
    expect(event).toMatchObject({ slowModeSeconds: 10, preModeration: false, open: true });
    const { entries } = await expectOk(moderator, 'audit:read', { limit: 1 });
    expect(entries[0]).toMatchObject({
      type: 'event.configured',
      actor: { id: 'mei-intake-1', name: 'Mei' },
      details: { slowModeSeconds: '10', preModeration: '0' },
    });
  });
});
