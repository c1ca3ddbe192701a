import { afterEach, describe, expect, it } from 'vitest';
import { QUESTION_STATUSES, type Question } from '@dais/shared';
import { createEventStore } from '@dais/server';
import {
  type Client,
  type CreatedEventWithKeys,
  connect,
  createEvent,
  disconnectAll,
  expectOk,
  join,
  next,
  request,
} from '../harness/clients';
import { useDais } from '../harness/dais';
import { redisFingerprint } from '../harness/redis-state';

const dais = useDais();
afterEach(disconnectAll);

const store = () => createEventStore(dais.server.redis);

async function moderator(event: CreatedEventWithKeys, name?: string, clientId?: string) {
  const joined = await join(dais.url, {
    code: event.code,
    role: 'moderator',
    key: event.moderatorKey,
    name,
    clientId,
  });
  return joined;
}

async function setup() {
  const event = await createEvent(dais.url);
  const mei = (await moderator(event, 'Mei', 'mei-browser-1')).socket;
  const tom = (await moderator(event, 'Tom', 'tom-browser-1')).socket;
  const audience = await join(dais.url, { code: event.code, role: 'audience' });
  const ask = async (text: string) =>
    (await expectOk(audience.socket, 'question:submit', { text })).question;
  return { event, mei, tom, asker: audience.socket, ask };
}

/** The stored question, and the status sets it is in (exactly one when consistent). */
async function stored(code: string, id: string) {
  const question = await store().getQuestion(code, id);
  const { questions } = await store().readState(code, QUESTION_STATUSES);
  return { question, inSets: questions.filter((q) => q.id === id).map((q) => q.status) };
}

/** Everything in Redis except the undo lists (a refused undo drops its stale entry). */
async function withoutUndoLists() {
  const all = await redisFingerprint(dais.server.redis);
  return Object.fromEntries(Object.entries(all).filter(([key]) => !key.includes(':actions:')));
}

/** What undo must give back: everything but rev (it grows) and updatedAt (now). */
const restorable = ({ rev: _r, updatedAt: _u, ...rest }: Question) => rest;

describe('two moderators on one question', () => {
  it('lets exactly one of a concurrent approve and reject win; the other sees the current question', async () => {
    const { event, mei, tom, ask } = await setup();
    for (let round = 0; round < 8; round++) {
      const question = await ask(`Round ${round}: how are decisions made?`);
      const [approve, reject] = await Promise.all([
        request(mei, 'question:approve', { questionId: question.id, expected: 'pending' }),
        request(tom, 'question:reject', { questionId: question.id, expected: 'pending' }),
      ]);
      expect([approve.ok, reject.ok].filter(Boolean)).toHaveLength(1);
      const loser = approve.ok ? reject : approve;
      if (loser.ok) throw new Error('one must lose');
      expect(loser.error).toBe('CONFLICT');

      const now = await stored(event.code, question.id);
      expect(loser.current).toEqual(now.question);
      expect(now.question?.status).toBe(approve.ok ? 'approved' : 'rejected');
      expect(now.inSets).toEqual([now.question?.status]);
      expect(now.question?.rev).toBe(2);
    }
  });

  it('refuses an action on a status the moderator no longer sees, changing nothing', async () => {
    const { event, mei, tom, ask } = await setup();
    const question = await ask('Will the slides be shared?');
    await expectOk(mei, 'question:approve', { questionId: question.id, expected: 'pending' });

    // Tom still sees it pending: rejecting "a pending question" must not reject an approved one.
    const before = await redisFingerprint(dais.server.redis);
    const refused = await request(tom, 'question:reject', {
      questionId: question.id,
      expected: 'pending',
    });
    expect(refused).toMatchObject({ ok: false, error: 'CONFLICT' });
    if (refused.ok) return;
    expect(refused.message).toContain('approved');
    expect(refused.current).toEqual((await stored(event.code, question.id)).question);
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);

    // The same for edit, show, split and merge with a stale status.
    for (const [name, payload] of [
      ['question:edit', { questionId: question.id, text: 'Slides?', expected: 'pending' }],
      ['question:show', { questionId: question.id, expected: 'pending' }],
      ['question:split', { questionId: question.id, expected: 'approved' }],
      ['question:merge', { questionId: question.id, intoId: 'nope', expected: 'held' }],
    ] as const) {
      const result = await request(tom, name, payload);
      expect(result, name).toMatchObject({
        ok: false,
        error: 'CONFLICT',
        current: { id: question.id },
      });
    }
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);
  });
});

describe('editing', () => {
  it('publishes the edit, keeps the asker’s words, and logs before and after', async () => {
    const { event, mei, asker, ask } = await setup();
    const bystander = (await join(dais.url, { code: event.code, role: 'audience' })).socket;
    const question = await ask('Whats the plan for teh new library?');
    await expectOk(mei, 'question:approve', { questionId: question.id });

    const publicHears = next(bystander, 'question:changed', (c) => c.change === 'edited');
    const askerHears = next(asker, 'question:changed', (c) => c.change === 'edited');
    const edit = 'What is the plan for the new library?';
    const { question: edited } = await expectOk(mei, 'question:edit', {
      questionId: question.id,
      text: `  ${edit} `,
      expected: 'approved',
    });
    expect(edited).toMatchObject({ text: question.text, publicText: edit, status: 'approved' });
    expect((await publicHears).question.text).toBe(edit);
    expect((await askerHears).question).toMatchObject({ text: question.text, publicText: edit });

    const again = 'What is the plan for the library?';
    await expectOk(mei, 'question:edit', { questionId: question.id, text: again });

    // Before and after; the asker's words only by reference (a purge must find them nowhere else).
    const { entries } = await expectOk(mei, 'audit:read', { limit: 2 });
    expect(entries.map((e) => [e.type, e.questionId, e.actor, e.details])).toEqual([
      [
        'question.edit',
        question.id,
        { id: 'mei-browser-1', name: 'Mei' },
        { status: 'approved', before: edit, after: again, rev: '4' },
      ],
      [
        'question.edit',
        question.id,
        { id: 'mei-browser-1', name: 'Mei' },
        { status: 'approved', beforeAsked: '1', after: edit, rev: '3' },
      ],
    ]);
  });

  it('refuses an edit that still holds personal data, and edits of merged questions', async () => {
    const { event, mei, ask } = await setup();
    const question = await ask('When does the new bus route start?');
    const other = (await join(dais.url, { code: event.code, role: 'audience' })).socket;
    const { question: duplicate } = await expectOk(other, 'question:submit', {
      text: 'When does the new bus route start',
    });
    expect(duplicate.status).toBe('merged');

    const before = await redisFingerprint(dais.server.redis);
    const personal = await request(mei, 'question:edit', {
      questionId: question.id,
      text: 'Call me on 13812345678 about the bus route',
    });
    expect(personal).toMatchObject({ ok: false, error: 'CONFLICT', reasons: ['personal-data'] });
    const merged = await request(mei, 'question:edit', {
      questionId: duplicate.id,
      text: 'When does the bus route start?',
    });
    expect(merged).toMatchObject({ ok: false, error: 'CONFLICT', current: { status: 'merged' } });
    const empty = await request(mei, 'question:edit', { questionId: question.id, text: '   ' });
    expect(empty).toMatchObject({ ok: false, error: 'REJECTED' });
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);
  });
});

describe('undo', () => {
  it('restores an approval exactly: status sets, times, rank and public text', async () => {
    const { event, mei, ask } = await setup();
    const question = await ask('Email me at li.ming@example.com: will there be a recording?');
    expect(question.status).toBe('held');
    const original = (await stored(event.code, question.id)).question!;

    await expectOk(mei, 'question:approve', {
      questionId: question.id,
      text: 'Will there be a recording?',
    });
    const { questions } = await expectOk(mei, 'moderator:undo', {});
    const now = await stored(event.code, question.id);
    expect(questions).toEqual([now.question]);
    expect(restorable(now.question!)).toEqual(restorable(original));
    expect(now.question?.decidedAt).toBeNull();
    expect(now.inSets).toEqual(['held']);
    expect(now.question!.rev).toBe(original.rev + 2);
  });

  it('keeps the asker’s words out of the log, and restores them for a safeguarding question', async () => {
    const { event, mei, ask } = await setup();
    const words = '我不想活了，爸爸每天打我';
    const question = await ask(words);
    expect(question).toMatchObject({ status: 'held', publicText: words });
    await expectOk(mei, 'question:approve', {
      questionId: question.id,
      text: '孩子遇到家庭暴力可以向谁求助？',
    });
    const { questions } = await expectOk(mei, 'moderator:undo', {});
    expect(questions[0]).toMatchObject({ status: 'held', text: words, publicText: words });

    const log = await dais.server.redis.xrange(`dais:{ev:${event.code}}:log`, '-', '+');
    expect(JSON.stringify(log)).not.toContain(words);
  });

  it('restores a rejection with its reason, and an edit’s public text', async () => {
    const { event, mei, ask } = await setup();
    const question = await ask('Can you explain the budget?');
    await expectOk(mei, 'question:approve', { questionId: question.id });
    const approved = (await stored(event.code, question.id)).question!;

    await expectOk(mei, 'question:reject', { questionId: question.id, reason: 'Off topic' });
    await expectOk(mei, 'question:edit', { questionId: question.id, text: 'Budget?' });

    const undoneEdit = (await expectOk(mei, 'moderator:undo', {})).questions[0]!;
    expect(undoneEdit).toMatchObject({ status: 'rejected', reason: 'Off topic' });
    expect(undoneEdit.publicText).toBe(question.publicText);

    const undoneReject = (await expectOk(mei, 'moderator:undo', {})).questions[0]!;
    expect(restorable(undoneReject)).toEqual(restorable(approved));
    expect((await stored(event.code, question.id)).inSets).toEqual(['approved']);

    const undoneApprove = (await expectOk(mei, 'moderator:undo', {})).questions[0]!;
    expect(undoneApprove).toMatchObject({ status: 'pending', decidedAt: null, reason: null });
    expect(await request(mei, 'moderator:undo', {})).toMatchObject({
      ok: false,
      error: 'NOTHING_TO_UNDO',
    });
  });

  it('undoes a star and a pin, rank included', async () => {
    const { event, mei, ask } = await setup();
    const question = await ask('Which charities do you support?');
    await expectOk(mei, 'question:approve', { questionId: question.id });
    const approved = (await stored(event.code, question.id)).question!;

    await expectOk(mei, 'question:star', { questionId: question.id, on: true });
    const pinned = (await expectOk(mei, 'question:pin', { questionId: question.id, on: true }))
      .question;
    expect(pinned).toMatchObject({ pinned: true, starred: true });
    expect(pinned.score).toBeGreaterThan(approved.score);

    const unpinned = (await expectOk(mei, 'moderator:undo', {})).questions[0]!;
    expect(unpinned).toMatchObject({ pinned: false, starred: true });
    const unstarred = (await expectOk(mei, 'moderator:undo', {})).questions[0]!;
    expect(restorable(unstarred)).toEqual(restorable(approved));
    const rank = await dais.server.redis.zscore(`dais:{ev:${event.code}}:rank`, question.id);
    expect(Number(rank)).toBe(approved.score);
  });

  it('tells everyone, and the public loses a question whose approval was undone', async () => {
    const { event, mei, ask } = await setup();
    const bystander = (await join(dais.url, { code: event.code, role: 'audience' })).socket;
    const question = await ask('Is parking free?');
    await expectOk(mei, 'question:approve', { questionId: question.id });
    const heard = next(bystander, 'question:changed', (c) => c.change === 'undone');
    await expectOk(mei, 'moderator:undo', {});
    expect((await heard).question).toMatchObject({ id: question.id, status: 'pending' });
    const fresh = await join(dais.url, { code: event.code, role: 'audience' });
    expect(fresh.snapshot.questions).toEqual([]);
  });

  it('refuses when someone acted on the question since, changing nothing', async () => {
    const { event, mei, tom, ask } = await setup();
    const first = await ask('First: what about the weekend?');
    const second = await ask('Second: what about the holidays?');
    await expectOk(mei, 'question:approve', { questionId: first.id });
    await expectOk(mei, 'question:approve', { questionId: second.id });
    await expectOk(tom, 'question:edit', { questionId: second.id, text: 'What about holidays?' });

    const before = await withoutUndoLists();
    const refused = await request(mei, 'moderator:undo', {});
    expect(refused).toMatchObject({ ok: false, error: 'CONFLICT' });
    if (refused.ok) return;
    expect(refused.current).toEqual((await stored(event.code, second.id)).question);
    expect(refused.current?.publicText).toBe('What about holidays?');
    expect(await withoutUndoLists()).toEqual(before);

    // That action can never be undone now; the next undo reaches Mei's action before it.
    const { questions } = await expectOk(mei, 'moderator:undo', {});
    expect(questions[0]).toMatchObject({ id: first.id, status: 'pending' });
  });

  it('undoes a chain of own actions, and stops where another moderator acted between them', async () => {
    const { event, mei, tom, ask } = await setup();
    const question = await ask('Where is the exhibition?');
    await expectOk(mei, 'question:approve', { questionId: question.id });
    await expectOk(tom, 'question:edit', { questionId: question.id, text: 'Where is the expo?' });
    await expectOk(mei, 'question:reject', { questionId: question.id });

    const { questions } = await expectOk(mei, 'moderator:undo', {});
    expect(questions[0]).toMatchObject({ status: 'approved', publicText: 'Where is the expo?' });
    const before = await withoutUndoLists();
    expect(await request(mei, 'moderator:undo', {})).toMatchObject({
      ok: false,
      error: 'CONFLICT',
      current: { status: 'approved', publicText: 'Where is the expo?' },
    });
    expect(await withoutUndoLists()).toEqual(before);
    expect((await stored(event.code, question.id)).inSets).toEqual(['approved']);
  });

  it('undoes only your own actions, across a reconnect with the same client id', async () => {
    const { event, mei, tom, ask } = await setup();
    const question = await ask('Who organises the fair?');
    await expectOk(tom, 'question:approve', { questionId: question.id });

    const before = await redisFingerprint(dais.server.redis);
    expect(await request(mei, 'moderator:undo', {})).toMatchObject({
      ok: false,
      error: 'NOTHING_TO_UNDO',
    });
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);

    tom.disconnect();
    const tomAgain = (await moderator(event, 'Tom', 'tom-browser-1')).socket;
    const { questions } = await expectOk(tomAgain, 'moderator:undo', {});
    expect(questions[0]).toMatchObject({ id: question.id, status: 'pending' });
  });

  it('undoes a show and an answer, but never puts a second question on stage', async () => {
    const { event, mei, ask } = await setup();
    const first = await ask('First on stage?');
    const second = await ask('Second on stage?');
    for (const q of [first, second]) await expectOk(mei, 'question:approve', { questionId: q.id });

    await expectOk(mei, 'question:show', { questionId: first.id });
    await expectOk(mei, 'question:answer', { questionId: first.id });
    expect((await expectOk(mei, 'moderator:undo', {})).questions[0]?.status).toBe('live');
    expect((await expectOk(mei, 'moderator:undo', {})).questions[0]?.status).toBe('approved');

    await expectOk(mei, 'question:show', { questionId: first.id });
    await expectOk(mei, 'question:answer', { questionId: first.id });
    const stage = await join(dais.url, { code: event.code, role: 'stage', key: event.stageKey });
    await expectOk(stage.socket, 'question:show', { questionId: second.id });
    const before = await redisFingerprint(dais.server.redis);
    expect(await request(mei, 'moderator:undo', {})).toMatchObject({
      ok: false,
      error: 'CONFLICT',
      current: { id: first.id, status: 'answered' },
    });
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);
  });

  it('takes a question whose approval is undone out of "Up next"', async () => {
    const { event, mei, tom, ask } = await setup();
    const question = await ask('Queued and then undone?');
    await expectOk(mei, 'question:approve', { questionId: question.id });
    await expectOk(tom, 'queue:move', { questionId: question.id, beforeId: null });
    const heard = next(tom, 'queue:changed', (c) => c.queue.length === 0);
    await expectOk(mei, 'moderator:undo', {});
    expect((await heard).queue).toEqual([]);
    expect((await stored(event.code, question.id)).question?.status).toBe('pending');
  });
});

describe('the audit log', () => {
  it('pages newest first, naming who did what', async () => {
    const { event, mei, tom, ask } = await setup();
    const question = await ask('How long is the break?');
    await expectOk(mei, 'question:approve', { questionId: question.id });
    await expectOk(tom, 'question:reject', { questionId: question.id, reason: 'Answered' });
    const stage = await join(dais.url, { code: event.code, role: 'stage', key: event.stageKey });
    await expectOk(mei, 'question:approve', { questionId: question.id });
    await expectOk(stage.socket, 'question:show', { questionId: question.id });

    const first = await expectOk(mei, 'audit:read', { limit: 2 });
    expect(first.entries.map((e) => [e.type, e.actor.name])).toEqual([
      ['question.show', ''], // clients name the stage in their language
      ['question.approve', 'Mei'],
    ]);
    const second = await expectOk(tom, 'audit:read', {
      before: first.entries[1]!.logId,
      limit: 3,
    });
    expect(second.entries.map((e) => [e.type, e.actor])).toEqual([
      ['question.reject', { id: 'tom-browser-1', name: 'Tom' }],
      ['question.approve', { id: 'mei-browser-1', name: 'Mei' }],
      ['question.submitted', { id: expect.any(String), name: '' }],
    ]);
    expect(second.entries[0]).toMatchObject({
      questionId: question.id,
      details: { from: 'approved', status: 'rejected', reason: 'Answered' },
    });
    expect(second.entries[0]!.at).toBeGreaterThanOrEqual(question.createdAt);
    expect(JSON.stringify([first, second])).not.toContain(event.moderatorKey);
  });

  it('filters by type, reading on past the votes, and says where the next page starts', async () => {
    const { event, mei, ask } = await setup();
    const question = await ask('Who pays for the school meals?');
    await expectOk(mei, 'question:approve', { questionId: question.id });
    for (let i = 0; i < 20; i++) {
      const voter = (await join(dais.url, { code: event.code, role: 'audience' })).socket;
      await expectOk(voter, 'question:vote', { questionId: question.id, up: true });
      await expectOk(voter, 'question:vote', { questionId: question.id, up: false });
      voter.disconnect();
    }
    await expectOk(mei, 'question:reject', { questionId: question.id, reason: 'Off topic' });

    const types = ['question.approve', 'question.reject'] as const;
    const decisions = await expectOk(mei, 'audit:read', { limit: 2, types: [...types] });
    expect(decisions.entries.map((e) => [e.type, e.details.reason])).toEqual([
      ['question.reject', 'Off topic'],
      ['question.approve', undefined],
    ]);
    // Two found: the next page starts after the last one, and holds nothing more.
    expect(decisions.older).toBe(decisions.entries[1]!.logId);
    expect(
      await expectOk(mei, 'audit:read', { before: decisions.older!, limit: 2, types: [...types] }),
    ).toEqual({ entries: [], older: null });

    // Unfiltered, the votes are there, newest first, with whoever cast them.
    const all = await expectOk(mei, 'audit:read', { limit: 3 });
    expect(all.entries.map((e) => e.type)).toEqual([
      'question.reject',
      'question.unvote',
      'question.vote',
    ]);
    expect(all.older).toBe(all.entries[2]!.logId);

    const refused = await request(mei, 'audit:read', { limit: 5, types: ['question.nope'] });
    expect(refused).toMatchObject({ ok: false, error: 'INVALID_PAYLOAD' });
  });

  it('stops a filtered read after a bounded scan and goes on from there', async () => {
    const { event, mei } = await setup();
    const log = `dais:{ev:${event.code}}:log`;
    const votes = dais.server.redis.pipeline();
    for (let i = 0; i < 6000; i++) votes.xadd(log, '*', 'type', 'question.vote', 'id', `q${i}`);
    await votes.exec();

    const first = await expectOk(mei, 'audit:read', { limit: 10, types: ['event.created'] });
    expect(first.entries).toEqual([]);
    expect(first.older).not.toBeNull();
    const second = await expectOk(mei, 'audit:read', {
      before: first.older!,
      limit: 10,
      types: ['event.created'],
    });
    expect(second.entries.map((e) => e.type)).toEqual(['event.created']);
    expect(second.older).toBeNull();
  });
});

describe('moderator events from other roles', () => {
  it('are FORBIDDEN for the audience and the stage, and change nothing', async () => {
    const { event, mei, ask } = await setup();
    const question = await ask('Is this allowed?');
    await expectOk(mei, 'question:approve', { questionId: question.id });
    const audience = (await join(dais.url, { code: event.code, role: 'audience' })).socket;
    const stage = (await join(dais.url, { code: event.code, role: 'stage', key: event.stageKey }))
      .socket;

    const before = await redisFingerprint(dais.server.redis);
    for (const socket of [audience, stage]) {
      for (const [name, payload] of [
        ['question:edit', { questionId: question.id, text: 'Hacked' }],
        ['moderator:undo', {}],
        ['audit:read', {}],
        ['moderator:focus', { questionId: question.id }],
        ['event:configure', { open: false }],
      ] as const) {
        expect(await request(socket, name, payload), name).toMatchObject({
          ok: false,
          error: 'FORBIDDEN',
        });
      }
    }
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);
  });
});

describe('presence', () => {
  it('shows the other moderators who came, what they look at, and who left', async () => {
    const event = await createEvent(dais.url);
    const tom = await moderator(event, 'Tom', 'tom-browser-2');
    expect(tom.snapshot.presence).toEqual([{ id: 'tom-browser-2', name: 'Tom', focus: null }]);

    const meiCame = next(tom.socket, 'presence:changed', (p) => p.presence.length === 2);
    const mei = await moderator(event, 'Mei', 'mei-browser-2');
    const both = [
      { id: 'mei-browser-2', name: 'Mei', focus: null },
      { id: 'tom-browser-2', name: 'Tom', focus: null },
    ];
    expect(mei.snapshot.presence).toEqual(both);
    expect((await meiCame).presence).toEqual(both);

    const focused = next(tom.socket, 'presence:changed');
    await expectOk(mei.socket, 'moderator:focus', { questionId: 'q1' });
    expect((await focused).presence).toContainEqual({
      id: 'mei-browser-2',
      name: 'Mei',
      focus: 'q1',
    });

    const left = next(tom.socket, 'presence:changed');
    mei.socket.disconnect();
    expect((await left).presence).toEqual([{ id: 'tom-browser-2', name: 'Tom', focus: null }]);
  });

  it('leaves the presence of an event when the socket joins another role', async () => {
    const event = await createEvent(dais.url);
    const tom = await moderator(event, 'Tom');
    const socket = await connect(dais.url);
    await expectOk(socket, 'event:join', {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
      name: 'Ana',
    });
    const left = next(tom.socket, 'presence:changed', (p) => p.presence.length === 1);
    const snapshot = await expectOk(socket, 'event:join', { code: event.code, role: 'audience' });
    expect(snapshot.presence).toBeUndefined();
    expect((await left).presence.map((p) => p.name)).toEqual(['Tom']);
    // Without a client id, a moderator is named by the connection; unnamed, their name is ''
    // (clients name them in their own language).
    expect(tom.snapshot.presence?.[0]).toMatchObject({ id: expect.stringMatching(/^m_/) });
    const unnamed = await moderator(event);
    expect(unnamed.snapshot.presence).toContainEqual({
      id: `m_${unnamed.socket.id}`,
      name: '',
      focus: null,
    });
  });

  it('does not show a moderator page that only reads (the summary)', async () => {
    const event = await createEvent(dais.url);
    const tom = await moderator(event, 'Tom', 'tom-browser-4');
    const reader = await connect(dais.url);
    const snapshot = await expectOk(reader, 'event:join', {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
      name: 'Tom',
      clientId: 'tom-browser-4',
      present: false,
    });
    expect(snapshot.presence).toBeUndefined();
    // Mei's arrival is the next presence news Tom gets: the reader's join sent none.
    const meiCame = next(tom.socket, 'presence:changed');
    await moderator(event, 'Mei', 'mei-browser-4');
    expect((await meiCame).presence.map((p) => p.id)).toEqual(['mei-browser-4', 'tom-browser-4']);
    expect(await dais.server.redis.hlen(`dais:{ev:${event.code}}:presence`)).toBe(2);
  });

  it('drops entries a crashed server left behind', async () => {
    const event = await createEvent(dais.url);
    const key = `dais:{ev:${event.code}}:presence`;
    const stale = { id: 'ghost', name: 'Ghost', focus: null, at: Date.now() - 60 * 60_000 };
    await dais.server.redis.hset(key, 'dead-socket', JSON.stringify(stale));
    const mei = await moderator(event, 'Mei', 'mei-browser-3');
    expect(mei.snapshot.presence).toEqual([{ id: 'mei-browser-3', name: 'Mei', focus: null }]);
    expect(await dais.server.redis.hexists(key, 'dead-socket')).toBe(0);
  });
});

describe('the socket that did not join', () => {
  it('cannot read the audit log', async () => {
    const socket: Client = await connect(dais.url);
    expect(await request(socket, 'audit:read', {})).toMatchObject({
      ok: false,
      error: 'NOT_JOINED',
    });
  });
});
