import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '@dais/shared';
import {
  type CreatedEventWithKeys,
  createEvent,
  disconnectAll,
  expectOk,
  join,
  next,
  recordChanges,
  request,
} from '../harness/clients';
import { startServer, useDais, type TestServer } from '../harness/dais';
import { redisFingerprint } from '../harness/redis-state';

const dais = useDais();
afterEach(disconnectAll);

async function eventWithModerator() {
  const event = await createEvent(dais.url);
  const moderator = await join(dais.url, {
    code: event.code,
    role: 'moderator',
    key: event.moderatorKey,
  });
  return { event, moderator: moderator.socket, settings: moderator.snapshot.settings };
}

const asker = async (url: string, event: CreatedEventWithKeys) =>
  (await join(url, { code: event.code, role: 'audience' })).socket;

describe('the filter on the live path', () => {
  it('holds personal data for the moderators and shows only the redacted text in public', async () => {
    const { event, moderator } = await eventWithModerator();
    const audience = await asker(dais.url, event);
    const bystander = await asker(dais.url, event);
    const bystanderSaw = recordChanges(bystander);

    const held = next(moderator, 'question:changed');
    const { question } = await expectOk(audience, 'question:submit', {
      text: '我的孩子走丢了，请打13812345678联系我',
    });
    expect(question.status).toBe('held');
    const full = (await held).question as Question;
    expect(full.reasons).toContain('personal-data');
    expect(full.text).toContain('13812345678');
    expect(full.publicText).not.toMatch(/\d{11}/);

    await expectOk(moderator, 'question:approve', { questionId: question.id });
    const published = (await next(bystander, 'question:changed')).question;
    expect(published.status).toBe('approved');
    expect(published.text).toBe(full.publicText);
    expect(JSON.stringify(bystanderSaw)).not.toContain('13812345678');
  });

  it('publishes a moderator’s edit instead of the asker’s words when given', async () => {
    const { event, moderator } = await eventWithModerator();
    const audience = await asker(dais.url, event);
    const { question } = await expectOk(audience, 'question:submit', {
      text: 'Email me at li.ming@example.com about the school visit',
    });
    expect(question.status).toBe('held');
    const edit = 'Can you tell us about the school visit?';
    const approved = await expectOk(moderator, 'question:approve', {
      questionId: question.id,
      text: edit,
    });
    expect(approved.question).toMatchObject({ status: 'approved', publicText: edit });
    const stage = await join(dais.url, { code: event.code, role: 'stage', key: event.stageKey });
    expect(stage.snapshot.questions.map((q) => q.text)).toEqual([edit]);
  });

  it('never approves a safeguarding question as it stands', async () => {
    const { event, moderator } = await eventWithModerator();
    const audience = await asker(dais.url, event);
    const { question } = await expectOk(audience, 'question:submit', {
      text: '我不想活了，爸爸每天打我',
    });
    expect(question.status).toBe('held');
    const full = await moderatorView(event, question.id);
    expect(full.reasons).toContain('safeguarding');

    const before = await redisFingerprint(dais.server.redis);
    const plain = await request(moderator, 'question:approve', { questionId: question.id });
    expect(plain).toMatchObject({ ok: false, error: 'CONFLICT' });
    const stillUnsafe = await request(moderator, 'question:approve', {
      questionId: question.id,
      text: '我不想活了',
    });
    expect(stillUnsafe).toMatchObject({ ok: false, error: 'CONFLICT' });
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);

    const safe = await expectOk(moderator, 'question:approve', {
      questionId: question.id,
      text: '孩子遇到困难时可以向谁求助？',
    });
    expect(safe.question.publicText).toBe('孩子遇到困难时可以向谁求助？');
  });

  it.each([
    ['empty after cleaning', '\u200b \u202e\u0000 ', 'empty'],
    ['only emoji', '😀😀🎉', 'emoji-only'],
    ['over the length limit', 'Why do children need protection online? '.repeat(8), 'too-long'],
  ])('turns away a question %s with a reason and stores nothing', async (_label, text, reason) => {
    const { event } = await eventWithModerator();
    const audience = await asker(dais.url, event);
    const before = await redisFingerprint(dais.server.redis);
    const result = await request(audience, 'question:submit', { text });
    expect(result).toMatchObject({ ok: false, error: 'REJECTED', reasons: [reason] });
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);
    expect(audience.connected).toBe(true);
  });

  it('survives hostile text over the socket: lone surrogates, bidi overrides, zalgo, binary', async () => {
    const { event } = await eventWithModerator();
    const audience = await asker(dais.url, event);
    const zalgo = 'H\u0336\u0337\u0338\u0339e\u0336\u0337\u0338llo, how are you?';
    const cases = [
      'Why \ud800 is this \udfff broken?',
      '\u202eWhy is this reversed?\u202c',
      zalgo,
      String.fromCharCode(...Array.from({ length: 200 }, (_, i) => i % 32)),
    ];
    for (const text of cases) {
      const result = await request(audience, 'question:submit', { text });
      if (result.ok) {
        // Whatever was stored is clean: no bidi overrides, no lone surrogates, no zalgo pile.
        expect(result.data.question.text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
        expect(() => encodeURIComponent(result.data.question.text)).not.toThrow(); // no lone surrogate
        expect(result.data.question.text).not.toMatch(/\p{M}{3,}/u);
      } else {
        expect(result).toMatchObject({ error: 'REJECTED' });
        expect(result.reasons?.length).toBeGreaterThan(0);
      }
    }
    expect(audience.connected).toBe(true);
  });

  it('applies blocked terms and reason policies as soon as moderators change them', async () => {
    const { event, moderator, settings } = await eventWithModerator();
    expect(settings).toMatchObject({ blockedTerms: [], policy: { link: 'hold', spam: 'reject' } });
    const audience = await asker(dais.url, event);

    const told = next(moderator, 'event:changed');
    await expectOk(moderator, 'event:configure', {
      blockedTerms: ['骗子', 'scam'],
      policy: { link: 'reject' },
    });
    expect((await told).settings).toMatchObject({
      blockedTerms: ['骗子', 'scam'],
      policy: { link: 'reject', profanity: 'hold' },
    });

    const blocked = await expectOk(audience, 'question:submit', {
      text: '这个基金会是不是骗 子？',
    });
    expect(blocked.question.status).toBe('held');
    expect((await moderatorView(event, blocked.question.id)).reasons).toEqual(['blocked-term']);
    const evasive = await expectOk(audience, 'question:submit', { text: 'Is this a S.C.A.M?' });
    expect(evasive.question.status).toBe('held');
    const link = await request(audience, 'question:submit', { text: 'See www.example.com please' });
    expect(link).toMatchObject({ ok: false, error: 'REJECTED', reasons: ['link'] });
  });

  it('lets through the words of the profanity list that the event allows', async () => {
    const { event, moderator } = await eventWithModerator();
    const audience = await asker(dais.url, event);
    const before = await expectOk(audience, 'question:submit', { text: 'Will Mr Wang visit us?' });
    expect((await moderatorView(event, before.question.id)).reasons).toEqual(['profanity']);

    const told = next(moderator, 'event:changed');
    await expectOk(moderator, 'event:configure', { allowedTerms: ['Wang'] });
    expect((await told).settings).toMatchObject({ allowedTerms: ['Wang'] });
    const after = await expectOk(audience, 'question:submit', { text: 'Will Ms Wang visit too?' });
    expect(after.question.status).toBe('pending');
    // Only the allowed word: the rest of the list still holds.
    const other = await expectOk(audience, 'question:submit', {
      text: 'Wang, why the damn delay?',
    });
    expect((await moderatorView(event, other.question.id)).reasons).toEqual(['profanity']);
  });

  it('keeps blocked terms from the audience and the stage', async () => {
    const { event, moderator } = await eventWithModerator();
    await expectOk(moderator, 'event:configure', { blockedTerms: ['secretword'] });
    const audience = await join(dais.url, { code: event.code, role: 'audience' });
    const stage = await join(dais.url, { code: event.code, role: 'stage', key: event.stageKey });
    for (const { snapshot } of [audience, stage]) {
      expect(snapshot.settings).toBeUndefined();
      expect(JSON.stringify(snapshot)).not.toContain('secretword');
    }
  });
});

describe('near-duplicates', () => {
  it('puts a paraphrase into the first question’s cluster and counts its askers', async () => {
    const { event, moderator } = await eventWithModerator();
    const [first, second, third] = await Promise.all([1, 2, 3].map(() => asker(dais.url, event)));
    const original = (
      await expectOk(first!, 'question:submit', {
        text: 'How can children report online bullying?',
      })
    ).question;
    expect(original).toMatchObject({ status: 'pending', clusterId: original.id, askedBy: 1 });

    const grown = next(moderator, 'question:changed', (c) => c.question.id === original.id);
    const dup = (
      await expectOk(second!, 'question:submit', {
        text: 'how can children report online bullying',
      })
    ).question;
    expect(dup).toMatchObject({ status: 'merged', clusterId: original.id });
    expect((await grown).question).toMatchObject({ askedBy: 2 });

    // A different question that shares most words stays apart.
    const other = (
      await expectOk(third!, 'question:submit', { text: 'How can parents report online bullying?' })
    ).question;
    expect(other.clusterId).toBe(other.id);

    // The same asker asking again is a flood, not a second voice.
    const again = await request(second!, 'question:submit', {
      text: 'How can children report online bullying?',
    });
    expect(again).toMatchObject({ ok: false, error: 'REJECTED', reasons: ['spam'] });
    expect((await moderatorView(event, original.id)).askedBy).toBe(2);
  });

  it('clusters later duplicates under a held question once it is approved, as approved', async () => {
    const { event, moderator } = await eventWithModerator();
    const [first, second, third] = await Promise.all([1, 2, 3].map(() => asker(dais.url, event)));
    const held = (
      await expectOk(first!, 'question:submit', {
        text: 'Email me at li.ming@example.com: when will you visit our school?',
      })
    ).question;
    expect(held.status).toBe('held');
    // Held, it leads no cluster: a duplicate arriving now stands alone.
    const early = (
      await expectOk(second!, 'question:submit', { text: 'When will you visit our school?' })
    ).question;
    expect(early).toMatchObject({ status: 'pending', clusterId: early.id });
    await expectOk(moderator, 'question:reject', { questionId: early.id });

    await expectOk(moderator, 'question:approve', {
      questionId: held.id,
      text: 'When will you visit our school?',
    });
    const late = (
      await expectOk(third!, 'question:submit', { text: 'when will you visit our school' })
    ).question;
    expect(late).toMatchObject({ status: 'merged', clusterId: held.id });
    expect((await moderatorView(event, held.id)).askedBy).toBe(2);
  });

  it('lets moderators merge two clusters and split a question out again', async () => {
    const { event, moderator } = await eventWithModerator();
    const [a, b] = await Promise.all([1, 2].map(() => asker(dais.url, event)));
    const target = (
      await expectOk(a!, 'question:submit', { text: 'What is UNICEF doing in Yemen?' })
    ).question;
    const source = (
      await expectOk(b!, 'question:submit', { text: 'Does UNICEF help children in Yemen?' })
    ).question;
    expect(source.clusterId).toBe(source.id);

    const askerHears = next(b!, 'question:changed', (c) => c.change === 'merged');
    const merged = await expectOk(moderator, 'question:merge', {
      questionId: source.id,
      intoId: target.id,
    });
    expect(merged.question).toMatchObject({ id: target.id, askedBy: 2 });
    expect((await askerHears).question).toMatchObject({
      id: source.id,
      status: 'merged',
      clusterId: target.id,
    });

    const refused = await request(moderator, 'question:merge', {
      questionId: target.id,
      intoId: source.id,
    });
    expect(refused).toMatchObject({ ok: false, error: 'CONFLICT' });

    const split = await expectOk(moderator, 'question:split', { questionId: source.id });
    expect(split.question).toMatchObject({ status: 'pending', clusterId: source.id, askedBy: 1 });
    expect((await moderatorView(event, target.id)).askedBy).toBe(1);
  });
});

describe('near-duplicates on two server nodes', () => {
  let second: TestServer;
  beforeAll(async () => {
    second = await startServer(dais.redis.url);
  });
  afterAll(async () => {
    await second?.close();
  });

  it('filters with settings changed on the other node at once', async () => {
    const event = await createEvent(dais.url);
    const audience = await asker(dais.url, event);
    // The first node compiles and caches this event's filter.
    await expectOk(audience, 'question:submit', { text: 'Warm the cache, please?' });
    const moderator = await join(second.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    await expectOk(moderator.socket, 'event:configure', { blockedTerms: ['lottery'] });
    const { question } = await expectOk(audience, 'question:submit', {
      text: 'Is the lottery fair?',
    });
    expect(question.status).toBe('held');
  });

  it('clusters two near-identical questions arriving at once on two nodes', async () => {
    const event = await createEvent(dais.url);
    const pairs = Array.from({ length: 20 }, (_, i) => [
      `What will UNICEF do about school meals in region ${i}?`,
      `what will unicef do about school meals in region ${i}`,
    ]);
    const results = await Promise.all(
      pairs.map(async ([one, two]) => {
        const [left, right] = await Promise.all([asker(dais.url, event), asker(second.url, event)]);
        return Promise.all([
          expectOk(left, 'question:submit', { text: one }),
          expectOk(right, 'question:submit', { text: two }),
        ]);
      }),
    );
    for (const [left, right] of results) {
      expect(left.question.clusterId).toBe(right.question.clusterId);
      expect([left.question.status, right.question.status].sort()).toEqual(['merged', 'pending']);
    }
  });
});

/** A question as a moderator joining now sees it. */
async function moderatorView(event: CreatedEventWithKeys, id: string) {
  const { snapshot } = await join(dais.url, {
    code: event.code,
    role: 'moderator',
    key: event.moderatorKey,
  });
  const question = snapshot.questions.find((q) => q.id === id) as Question | undefined;
  if (!question) throw new Error(`moderators cannot see ${id}`);
  return question;
}
