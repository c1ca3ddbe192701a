import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint, isDuplicate, rankScore, type Question } from '@dais/shared';
import { createEventStore } from '@dais/server';
import {
  createEvent,
  disconnectAll,
  expectOk,
  join,
  next,
  recordChanges,
  request,
  type Client,
} from '../harness/clients';
import { useDais } from '../harness/dais';
import { eventRedisKeys, rankFields } from '../harness/questions';
import { redisFingerprint } from '../harness/redis-state';

const dais = useDais();
afterEach(disconnectAll);

const store = () => createEventStore(dais.server.redis);

/** Two moderators (with client ids, as browsers send them), and a way to add askers. */
async function setup() {
  const event = await createEvent(dais.url);
  const moderator = async (name: string) =>
    (
      await join(dais.url, {
        code: event.code,
        role: 'moderator',
        key: event.moderatorKey,
        name,
        clientId: `${name.toLowerCase()}-browser`,
      })
    ).socket;
  const mei = await moderator('Mei');
  const tom = await moderator('Tom');
  const participant = async () => {
    const { socket, snapshot } = await join(dais.url, { code: event.code, role: 'audience' });
    participantIds.set(socket, snapshot.participant!.id);
    return socket;
  };
  const ask = async (asker: Client, text: string) =>
    (await expectOk(asker, 'question:submit', { text })).question;
  const vote = (voter: Client, questionId: string, up = true) =>
    expectOk(voter, 'question:vote', { questionId, up });
  const keys = eventRedisKeys(event.code);
  return { event, mei, tom, participant, ask, vote, keys };
}

/**
 * Everything in Redis an undo must give back: all but the log, the undo lists, and on
 * question hashes rev and updatedAt (they move on) and undoneTo (undo's own note).
 */
async function restorableState() {
  const all = await redisFingerprint(dais.server.redis);
  const kept: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(all)) {
    if (key.endsWith(':log') || key.includes(':actions:')) continue;
    const { type, value } = entry as { type: string; value: unknown };
    if (/:q:[^:]+$/.test(key)) {
      const { rev: _r, updatedAt: _u, undoneTo: _n, ...rest } = value as Record<string, string>;
      kept[key] = { type, value: rest };
    } else kept[key] = entry;
  }
  return kept;
}

/** Everything in Redis except the undo lists (a refused undo drops its stale entry). */
async function withoutUndoLists() {
  const all = await redisFingerprint(dais.server.redis);
  return Object.fromEntries(Object.entries(all).filter(([key]) => !key.includes(':actions:')));
}

const stored = async (code: string, id: string) => (await store().getQuestion(code, id))!;

/** What undo must give back of a question: all but rev (it grows) and updatedAt (now). */
const restorable = ({ rev: _r, updatedAt: _u, ...rest }: Question) => rest;

const sorted = (ids: string[]) => [...ids].sort();

/** The LSH bands whose sets hold a question, and the bands of its stored fingerprint. */
async function indexOf(code: string, id: string) {
  const { redis } = dais.server;
  const prefix = `dais:{ev:${code}}:band:`;
  const holding: string[] = [];
  for (const key of await redis.keys(`${prefix}*`)) {
    if (await redis.sismember(key, id)) holding.push(key.slice(prefix.length));
  }
  const print = await redis.hget(`dais:{ev:${code}}:fingerprints`, id);
  const bands = print ? (JSON.parse(print) as { bands: string[] }).bands : [];
  return { holding: sorted(holding), bands: sorted([...new Set(bands)]) };
}

/** Each audience socket's participant id, from its join. */
const participantIds = new WeakMap<Client, string>();
const idsOf = (sockets: Client[]) => sockets.map((socket) => participantIds.get(socket)!);

/**
 * A round trip on this socket: its ack comes after every message sent to it before
 * (audit:read answers moderators, and refuses the audience, without changing anything).
 */
const settled = (socket: Client) => request(socket, 'audit:read', { limit: 1 });

describe('undo of a merge', () => {
  it('puts the source cluster back exactly, and tells everyone of every question it moves', async () => {
    const { event, mei, tom, participant, ask, vote, keys } = await setup();
    const [a, b, c, d, e, bystander] = await Promise.all(Array.from({ length: 6 }, participant));
    const target = await ask(a!, 'How will the city pay for the new tram line?');
    const source = await ask(b!, 'When does the school summer holiday start this year?');
    for (const q of [target, source]) await expectOk(tom, 'question:approve', { questionId: q.id });
    // The source's cluster: c's near-copy, and one from a, who also asked the target.
    const members = [
      await ask(c!, 'when does the school summer holiday start this year'),
      await ask(a!, 'When does the school summer holiday start this year'),
    ];
    for (const m of members) expect(m).toMatchObject({ status: 'merged', clusterId: source.id });
    // d voted for both, e only for the source.
    await Promise.all([
      vote(a!, target.id),
      vote(d!, target.id),
      vote(d!, source.id),
      vote(e!, source.id),
    ]);
    expect(await stored(event.code, source.id)).toMatchObject({ askedBy: 3, votes: 2 });

    const before = await restorableState();
    const questionsBefore = await store().readQuestions(event.code, [source.id, target.id]);

    const memberHears = next(c!, 'question:changed', (ch) => ch.question.id === members[0]!.id);
    const merged = await expectOk(mei, 'question:merge', {
      questionId: source.id,
      intoId: target.id,
    });
    // Union: a, b and c asked; a, d and e voted.
    expect(merged.question).toMatchObject({ id: target.id, askedBy: 3, votes: 3 });
    // A member changes cluster, so it gets a new rev: clients take the change.
    expect((await memberHears).question).toMatchObject({
      id: members[0]!.id,
      clusterId: target.id,
      rev: members[0]!.rev + 1,
    });

    const tomHears = recordChanges(tom);
    const publicHears = recordChanges(bystander!);
    const askerHears = next(c!, 'question:changed', (ch) => ch.question.id === members[0]!.id);
    const { questions } = await expectOk(mei, 'moderator:undo', {});

    expect(questions.map((q) => q.id).slice(0, 2)).toEqual([source.id, target.id]);
    expect(sorted(questions.slice(2).map((q) => q.id))).toEqual(sorted(members.map((m) => m.id)));
    expect(await restorableState()).toEqual(before);
    const questionsAfter = await store().readQuestions(event.code, [source.id, target.id]);
    expect(questionsAfter.map(restorable)).toEqual(questionsBefore.map(restorable));
    expect(questions.slice(0, 2)).toEqual(questionsAfter);
    expect(questionsAfter[0]).toMatchObject({ status: 'approved', askedBy: 3, votes: 2 });
    expect(questionsAfter[1]).toMatchObject({ askedBy: 1, votes: 2 });
    for (const [id, score] of questionsAfter.map((q) => [q.id, q.score] as const)) {
      expect(Number(await dais.server.redis.zscore(keys.rank, id))).toBe(score);
    }
    // Nothing kept for the undo is left behind.
    expect(await dais.server.redis.keys(`dais:{ev:${event.code}}:merged:*`)).toEqual([]);

    // Moderators hear every question that moved, the public the public ones, the asker theirs.
    expect((await askerHears).question).toMatchObject({ id: members[0]!.id, clusterId: source.id });
    await Promise.all([settled(tom), settled(bystander!)]);
    const undone = (seen: typeof tomHears) =>
      sorted(seen.filter((ch) => ch.change === 'undone').map((ch) => ch.question.id));
    expect(undone(tomHears)).toEqual(sorted([source.id, target.id, ...members.map((m) => m.id)]));
    expect(undone(publicHears)).toEqual(sorted([source.id, target.id]));
    expect(tomHears.find((ch) => ch.question.id === members[1]!.id)?.question).toMatchObject({
      clusterId: source.id,
      rev: members[1]!.rev + 2,
    });

    const { entries } = await expectOk(mei, 'audit:read', { limit: 2 });
    expect(entries.map((entry) => [entry.type, entry.questionId, entry.details])).toEqual([
      [
        'question.undo',
        source.id,
        expect.objectContaining({
          action: 'question.merged',
          from: 'merged',
          status: 'approved',
          outOf: target.id,
        }),
      ],
      [
        'question.merged',
        source.id,
        expect.objectContaining({ from: 'approved', status: 'merged', into: target.id }),
      ],
    ]);
  });

  it('keeps votes cast or withdrawn since: the source gets back its voters who still vote', async () => {
    const { event, mei, participant, ask, vote, keys } = await setup();
    const [a, b, c, d] = await Promise.all(Array.from({ length: 4 }, participant));
    const target = await ask(a!, 'Which vaccines do children need before school?');
    const source = await ask(b!, 'How can teachers get training in first aid?');
    for (const q of [target, source]) await expectOk(mei, 'question:approve', { questionId: q.id });
    // a votes for the target; b for both; c for the source.
    await Promise.all([
      vote(a!, target.id),
      vote(b!, target.id),
      vote(b!, source.id),
      vote(c!, source.id),
    ]);
    await expectOk(mei, 'question:merge', { questionId: source.id, intoId: target.id });
    // Since the merge: c withdraws, d votes for the (merged) source, so for the target.
    expect(await vote(c!, source.id, false)).toMatchObject({ questionId: target.id, votes: 2 });
    expect(await vote(d!, source.id)).toMatchObject({ questionId: target.id, votes: 3 });

    await expectOk(mei, 'moderator:undo', {});
    const { redis } = dais.server;
    expect(sorted(await redis.smembers(keys.voters(source.id)))).toEqual(idsOf([b!]));
    expect(sorted(await redis.smembers(keys.voters(target.id)))).toEqual(
      sorted(idsOf([a!, b!, d!])),
    );
    for (const [id, votes] of [
      [source.id, 1],
      [target.id, 3],
    ] as const) {
      const fields = await rankFields(redis, event.code, id);
      expect(fields.votes).toBe(votes);
      expect(fields.score).toBe(rankScore(fields));
      expect(Number(await redis.zscore(keys.rank, id))).toBe(fields.score);
    }
  });
});

describe('undo of a split', () => {
  it('puts the question back into the cluster it left, out of the index', async () => {
    const { event, mei, tom, participant, ask, keys } = await setup();
    const [a, b] = await Promise.all([participant(), participant()]);
    const leader = await ask(a!, 'Will the museum be free for students on Fridays?');
    await expectOk(mei, 'question:approve', { questionId: leader.id });
    const member = await ask(b!, 'will the museum be free for students on fridays');
    expect(member).toMatchObject({ status: 'merged', clusterId: leader.id });
    const before = await restorableState();
    const leaderBefore = await stored(event.code, leader.id);

    const split = await expectOk(mei, 'question:split', { questionId: member.id });
    expect(split.question).toMatchObject({ status: 'pending', clusterId: member.id });
    expect(await restorableState()).not.toEqual(before);

    const tomHears = recordChanges(tom);
    const { questions } = await expectOk(mei, 'moderator:undo', {});
    expect(questions.map((q) => [q.id, q.status, q.clusterId])).toEqual([
      [member.id, 'merged', leader.id],
      [leader.id, 'approved', leader.id],
    ]);
    expect(restorable(questions[1]!)).toEqual(restorable(leaderBefore));
    expect(await restorableState()).toEqual(before);
    await settled(tom);
    expect(tomHears.filter((ch) => ch.change === 'undone').map((ch) => ch.question.id)).toEqual([
      member.id,
      leader.id,
    ]);
    const log = await dais.server.redis.xrevrange(keys.log, '+', '-', 'COUNT', 1);
    expect(log[0]![1]).toEqual(
      expect.arrayContaining(['action', 'question.split', 'into', leader.id]),
    );
  });

  it('undoes a split and then the merge before it, back to where both began', async () => {
    const { mei, participant, ask } = await setup();
    const [a, b, c] = await Promise.all([participant(), participant(), participant()]);
    const target = await ask(a!, 'What happens to the old hospital building?');
    const source = await ask(b!, 'Can parents visit the classrooms in October?');
    await ask(c!, 'can parents visit the classrooms in october');
    const before = await restorableState();

    await expectOk(mei, 'question:merge', { questionId: source.id, intoId: target.id });
    await expectOk(mei, 'question:split', { questionId: source.id });
    const undoSplit = await expectOk(mei, 'moderator:undo', {});
    expect(undoSplit.questions[0]).toMatchObject({ status: 'merged', clusterId: target.id });
    const undoMerge = await expectOk(mei, 'moderator:undo', {});
    expect(undoMerge.questions[0]).toMatchObject({
      id: source.id,
      status: 'pending',
      clusterId: source.id,
      askedBy: 2,
    });
    expect(await restorableState()).toEqual(before);
  });
  it('undoes a chain of merges of one cluster, each with what it kept', async () => {
    const { event, mei, participant, ask } = await setup();
    const [a, b, c, d] = await Promise.all(Array.from({ length: 4 }, participant));
    const first = await ask(a!, 'Is the river safe for swimming in August?');
    const second = await ask(d!, 'How many new teachers will be hired?');
    const source = await ask(b!, 'Which bus goes to the stadium after the match?');
    await ask(c!, 'which bus goes to the stadium after the match');
    const before = await restorableState();

    await expectOk(mei, 'question:merge', { questionId: source.id, intoId: first.id });
    await expectOk(mei, 'question:split', { questionId: source.id });
    await expectOk(mei, 'question:merge', { questionId: source.id, intoId: second.id });
    for (let undo = 0; undo < 3; undo++) await expectOk(mei, 'moderator:undo', {});
    expect(await restorableState()).toEqual(before);
    expect(await stored(event.code, source.id)).toMatchObject({ status: 'pending', askedBy: 2 });
  });
});

describe('undo of a merge or split refused', () => {
  it('when someone changed the target since: CONFLICT, nothing changes, the entry is gone', async () => {
    const { event, mei, tom, participant, ask } = await setup();
    const asker = await participant();
    const target = await ask(asker, 'Is there a lift at the north entrance?');
    const source = await ask(asker, 'Who chooses the books for the library?');
    await expectOk(mei, 'question:merge', { questionId: source.id, intoId: target.id });
    await expectOk(tom, 'question:approve', { questionId: target.id });

    const before = await withoutUndoLists();
    const refused = await request(mei, 'moderator:undo', {});
    expect(refused).toMatchObject({ ok: false, error: 'CONFLICT' });
    if (refused.ok) return;
    expect(refused.message).toContain('merged into');
    expect(refused.current).toEqual(await stored(event.code, source.id));
    expect(await withoutUndoLists()).toEqual(before);
    expect(await request(mei, 'moderator:undo', {})).toMatchObject({
      ok: false,
      error: 'NOTHING_TO_UNDO',
    });
  });

  it('when someone acted on the split question since', async () => {
    const { event, mei, tom, participant, ask } = await setup();
    const [a, b] = await Promise.all([participant(), participant()]);
    const leader = await ask(a!, 'Are the swimming lessons free this summer?');
    const member = await ask(b!, 'are the swimming lessons free this summer');
    await expectOk(mei, 'question:split', { questionId: member.id });
    await expectOk(tom, 'question:approve', { questionId: member.id });

    const before = await withoutUndoLists();
    const refused = await request(mei, 'moderator:undo', {});
    expect(refused).toMatchObject({
      ok: false,
      error: 'CONFLICT',
      current: { id: member.id, status: 'approved' },
    });
    expect(await withoutUndoLists()).toEqual(before);
    expect((await stored(event.code, leader.id)).askedBy).toBe(1);
  });

  it('for anyone but the moderator who did it', async () => {
    const { event, mei, tom, participant, ask } = await setup();
    const asker = await participant();
    const target = await ask(asker, 'When is the next town hall meeting?');
    const source = await ask(asker, 'Where can I recycle old batteries?');
    await expectOk(mei, 'question:merge', { questionId: source.id, intoId: target.id });

    const before = await redisFingerprint(dais.server.redis);
    expect(await request(tom, 'moderator:undo', {})).toMatchObject({
      ok: false,
      error: 'NOTHING_TO_UNDO',
    });
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);
    const { questions } = await expectOk(mei, 'moderator:undo', {});
    expect(questions[0]).toMatchObject({ id: source.id, status: 'pending' });
    expect(await stored(event.code, target.id)).toMatchObject({ askedBy: 1 });
  });
});

describe('an edit and the near-duplicate index', () => {
  // A moderator rewrites a question; its near-copies are told apart by the shared dedup.
  const asked = 'Why was the summer music festival in the park cancelled?';
  const askedAgain = 'why was the summer music festival in the park cancelled';
  const edited = 'When will the new bus line to the airport open?';
  const editedAgain = 'when will the new bus line to the airport open';

  /** Asks both anew: `joining` joins the cluster of `leaderId`, `alone` leads its own. */
  async function expectClustered(
    ask: Awaited<ReturnType<typeof setup>>['ask'],
    [first, second]: Client[],
    leaderId: string,
    { joining, alone }: { joining: string; alone: string },
  ) {
    expect(await ask(first!, joining)).toMatchObject({ status: 'merged', clusterId: leaderId });
    const own = await ask(second!, alone);
    expect(own).toMatchObject({ status: 'pending', clusterId: own.id });
  }

  it('matches later questions against the edited text, no longer the old one', async () => {
    expect(isDuplicate(fingerprint(asked), fingerprint(askedAgain))).toBe(true);
    expect(isDuplicate(fingerprint(edited), fingerprint(editedAgain))).toBe(true);
    expect(isDuplicate(fingerprint(edited), fingerprint(askedAgain))).toBe(false);

    const { mei, participant, ask } = await setup();
    const [a, b, c] = await Promise.all([participant(), participant(), participant()]);
    const leader = await ask(a!, asked);
    await expectOk(mei, 'question:approve', { questionId: leader.id });
    await expectOk(mei, 'question:edit', { questionId: leader.id, text: edited });

    await expectClustered(ask, [b!, c!], leader.id, { joining: editedAgain, alone: askedAgain });
  });

  it('gets the old fingerprint back with the undo, in the index again', async () => {
    const { mei, participant, ask } = await setup();
    const [a, b, c] = await Promise.all([participant(), participant(), participant()]);
    const leader = await ask(a!, asked);
    await expectOk(mei, 'question:approve', { questionId: leader.id });
    const before = await restorableState();
    await expectOk(mei, 'question:edit', { questionId: leader.id, text: edited });
    expect(await restorableState()).not.toEqual(before);

    await expectOk(mei, 'moderator:undo', {});
    expect(await restorableState()).toEqual(before);
    await expectClustered(ask, [c!, b!], leader.id, { joining: askedAgain, alone: editedAgain });
  });

  it('restores the asker’s fingerprint of a redacted held question whose edit is undone', async () => {
    const { event, mei, participant, ask } = await setup();
    const held = await ask(
      await participant(),
      'Email me at li.ming@example.com: will there be a recording?',
    );
    expect(held.status).toBe('held');
    const before = await restorableState();
    await expectOk(mei, 'question:edit', {
      questionId: held.id,
      text: 'Will there be a recording?',
    });
    expect(await restorableState()).not.toEqual(before);
    const [edit] = (await expectOk(mei, 'audit:read', { limit: 1 })).entries;
    expect(edit).toMatchObject({ type: 'question.edit', details: { printAsked: '1' } });

    await expectOk(mei, 'moderator:undo', {});
    expect(await restorableState()).toEqual(before);
    // Never indexed while held: no band set holds it.
    const bands = await dais.server.redis.keys(`dais:{ev:${event.code}}:band:*`);
    for (const band of bands) {
      expect(await dais.server.redis.sismember(band, held.id)).toBe(0);
    }
  });

  it('moves an approval with an edit into the edited text’s bands and out of the old one’s', async () => {
    const { event, mei, participant, ask } = await setup();
    const [a, b, c] = await Promise.all([participant(), participant(), participant()]);
    const leader = await ask(a!, asked);
    const indexedAsAsked = await indexOf(event.code, leader.id);
    expect(indexedAsAsked.holding).toEqual(indexedAsAsked.bands);

    await expectOk(mei, 'question:approve', { questionId: leader.id, text: edited });
    // As an edit leaves it: in the bands of its fingerprint, the edited text's, and no others.
    const indexed = await indexOf(event.code, leader.id);
    expect(indexed.bands).not.toEqual(indexedAsAsked.bands);
    expect(indexed.holding).toEqual(indexed.bands);
    await expectClustered(ask, [b!, c!], leader.id, { joining: editedAgain, alone: askedAgain });
  });

  it('gets the fingerprint and bands from before an approval with an edit back with its undo', async () => {
    const { mei, participant, ask } = await setup();
    const [a, b, c] = await Promise.all([participant(), participant(), participant()]);
    const leader = await ask(a!, asked);
    const before = await restorableState();
    await expectOk(mei, 'question:approve', { questionId: leader.id, text: edited });
    expect(await restorableState()).not.toEqual(before);

    await expectOk(mei, 'moderator:undo', {});
    expect(await restorableState()).toEqual(before);
    await expectClustered(ask, [c!, b!], leader.id, { joining: askedAgain, alone: editedAgain });
  });

  it.each([
    ['with an edit', { text: 'Will there be a recording?' }],
    ['as redacted', {}],
  ])('takes a held question approved %s out of the index again with the undo', async (_, edit) => {
    const { event, mei, participant, ask } = await setup();
    const held = await ask(
      await participant(),
      'Email me at li.ming@example.com: will there be a recording?',
    );
    expect(held.status).toBe('held');
    expect((await indexOf(event.code, held.id)).holding).toEqual([]);
    const before = await restorableState();

    await expectOk(mei, 'question:approve', { questionId: held.id, ...edit });
    // Approved questions lead clusters: indexed as the public reads them.
    const indexed = await indexOf(event.code, held.id);
    expect(indexed.holding).toEqual(indexed.bands);
    expect(indexed.holding).not.toEqual([]);

    await expectOk(mei, 'moderator:undo', {});
    expect(await restorableState()).toEqual(before);
    expect((await indexOf(event.code, held.id)).holding).toEqual([]);
  });
});
