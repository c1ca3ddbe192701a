import { afterEach, describe, expect, it } from 'vitest';
import { toPublic, type Question } from '@dais/shared';
import {
  type Client,
  createEvent,
  disconnectAll,
  expectOk,
  join,
  joinAll,
  next,
  recordChanges,
  request,
} from '../harness/clients';
import { useDais } from '../harness/dais';

const dais = useDais();
afterEach(disconnectAll);

describe('a question from the audience to the stage', () => {
  it('carries a question through submit, approve, show and answer, each role seeing its view', async () => {
    const event = await createEvent(dais.url);
    const { moderator, stage, audience } = await joinAll(dais.url, event);
    const bystander = await join(dais.url, { code: event.code, role: 'audience' });
    const bystanderSaw = recordChanges(bystander.socket);
    const participantId = audience.snapshot.participant?.id;

    const moderatorHears = next(moderator.socket, 'question:changed');
    const { question } = await expectOk(audience.socket, 'question:submit', {
      text: '  How can children be heard?  ',
      name: 'Li',
    });
    expect(question).toMatchObject({
      text: 'How can children be heard?',
      authorName: 'Li',
      authorId: participantId,
      status: 'pending',
      rev: 1,
    });
    expect(await moderatorHears).toMatchObject({ change: 'submitted', question });

    // Approval reaches everyone: the public without the author id, the asker in full.
    const bystanderHears = next(bystander.socket, 'question:changed');
    const stageHears = next(stage.socket, 'question:changed');
    const askerHears = next(audience.socket, 'question:changed');
    await expectOk(moderator.socket, 'question:approve', { questionId: question.id });
    const publicView = (await bystanderHears).question;
    expect(publicView).toMatchObject({ id: question.id, status: 'approved', rev: 2 });
    expect(publicView).not.toHaveProperty('authorId');
    expect((await stageHears).question).toEqual(publicView);
    expect((await askerHears).question).toMatchObject({
      authorId: participantId,
      status: 'approved',
    });
    // The bystander never heard of the question while it was pending.
    expect(bystanderSaw.map((c) => c.change)).toEqual(['approved']);

    const nowAnswering = next(bystander.socket, 'question:changed', (c) => c.change === 'shown');
    await expectOk(stage.socket, 'question:show', { questionId: question.id });
    expect((await nowAnswering).question.status).toBe('live');

    const answered = next(moderator.socket, 'question:changed', (c) => c.change === 'answered');
    const { question: done } = await expectOk(stage.socket, 'question:answer', {
      questionId: question.id,
    });
    expect(done.status).toBe('answered');
    // The stage's ack is the public view: never the asker's id or words.
    const full = (await answered).question as Question;
    expect(done).toEqual(toPublic(full));
    expect(done).not.toHaveProperty('authorId');

    const again = await join(dais.url, { code: event.code, role: 'stage', key: event.stageKey });
    expect(again.snapshot.questions).toEqual([done]);
  });

  it('returns the question on stage to approved when another is shown', async () => {
    const event = await createEvent(dais.url);
    const { moderator, audience } = await joinAll(dais.url, event);
    const [first, second] = await submitApproved(audience.socket, moderator.socket, [
      'First?',
      'Second?',
    ]);

    await expectOk(moderator.socket, 'question:show', { questionId: first.id });
    const returned = next(audience.socket, 'question:changed', (c) => c.change === 'returned');
    await expectOk(moderator.socket, 'question:show', { questionId: second.id });
    expect((await returned).question).toMatchObject({ id: first.id, status: 'approved' });

    const snapshot = (
      await join(dais.url, { code: event.code, role: 'moderator', key: event.moderatorKey })
    ).snapshot;
    const statusOf = (id: string) => snapshot.questions.find((q) => q.id === id)?.status;
    expect([statusOf(first.id), statusOf(second.id)]).toEqual(['approved', 'live']);
  });

  it('tells only the asker why a question was rejected', async () => {
    const event = await createEvent(dais.url);
    const { moderator, audience } = await joinAll(dais.url, event);
    const bystander = await join(dais.url, { code: event.code, role: 'audience' });
    const bystanderSaw = recordChanges(bystander.socket);

    const { question } = await expectOk(audience.socket, 'question:submit', { text: 'Off topic?' });
    const askerHears = next(audience.socket, 'question:changed', (c) => c.change === 'rejected');
    await expectOk(moderator.socket, 'question:reject', {
      questionId: question.id,
      reason: 'Not about this event',
    });
    expect((await askerHears).question).toMatchObject({
      status: 'rejected',
      reason: 'Not about this event',
    });

    // Barrier: a later approval reaches the bystander, so the rejection would have too.
    const [other] = await submitApproved(audience.socket, moderator.socket, ['On topic?']);
    await next(bystander.socket, 'question:changed', (c) => c.question.id === other.id);
    expect(bystanderSaw.map((c) => c.question.id)).toEqual([other.id]);
  });

  it('gives a returning participant its own questions, and the audience only public ones', async () => {
    const event = await createEvent(dais.url);
    const { moderator, audience } = await joinAll(dais.url, event);
    const token = audience.snapshot.participant?.token;
    const { question: pending } = await expectOk(audience.socket, 'question:submit', {
      text: 'Still waiting?',
    });
    const [approved] = await submitApproved(audience.socket, moderator.socket, ['Approved?']);
    audience.socket.disconnect();

    const back = await join(dais.url, { code: event.code, role: 'audience', token });
    expect(back.snapshot.participant?.id).toBe(audience.snapshot.participant?.id);
    expect(back.snapshot.mine?.map((q) => q.id).sort()).toEqual([pending.id, approved.id].sort());
    expect(back.snapshot.questions.map((q) => q.id)).toEqual([approved.id]);

    const stranger = await join(dais.url, { code: event.code, role: 'audience' });
    expect(stranger.snapshot.participant?.id).not.toBe(audience.snapshot.participant?.id);
    expect(stranger.snapshot.mine).toEqual([]);
  });

  it('applies a new question length limit to the next submission and tells everyone', async () => {
    const event = await createEvent(dais.url);
    const { moderator, audience } = await joinAll(dais.url, event);
    const heard = next(audience.socket, 'event:changed');
    await expectOk(moderator.socket, 'event:configure', { maxQuestionLength: 20 });
    expect((await heard).event.maxQuestionLength).toBe(20);

    // Twenty Chinese characters fit; one more does not.
    const twenty = '孩子们在学校里怎样才能更好地保护自己呢？';
    expect([...twenty]).toHaveLength(20);
    await expectOk(audience.socket, 'question:submit', { text: twenty });
    const tooLong = await request(audience.socket, 'question:submit', { text: `${twenty}吗` });
    expect(tooLong).toMatchObject({ ok: false, error: 'REJECTED', reasons: ['too-long'] });
  });
});

/** Submits and approves each text; resolves with one question per text, in order. */
async function submitApproved<T extends string[]>(
  asker: Client,
  moderator: Client,
  texts: [...T],
): Promise<{ [K in keyof T]: Question }> {
  const approved: Question[] = [];
  for (const text of texts) {
    const { question } = await expectOk(asker, 'question:submit', { text });
    approved.push(
      (await expectOk(moderator, 'question:approve', { questionId: question.id })).question,
    );
  }
  return approved as { [K in keyof T]: Question };
}
