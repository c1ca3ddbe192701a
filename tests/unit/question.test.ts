import { describe, expect, it } from 'vitest';
import {
  mergeQuestion,
  mergeQuestions,
  nextStatus,
  QUESTION_ACTIONS,
  QUESTION_STATUSES,
  toOwn,
  toPublic,
  withVoteCount,
  type Question,
} from '@dais/shared';

const question = (overrides: Partial<Question> = {}): Question => ({
  id: 'q1',
  text: 'Call me at 13812345678?',
  publicText: 'Call me at [phone]?',
  authorId: 'p1',
  authorName: null,
  status: 'pending',
  reason: null,
  reasons: ['personal-data'],
  clusterId: 'q1',
  askedBy: 1,
  votes: 0,
  score: 0,
  pinned: false,
  starred: false,
  rev: 1,
  createdAt: 1,
  updatedAt: 1,
  statusAt: 1,
  decidedAt: null,
  ...overrides,
});

describe('question state machine', () => {
  it('allows exactly the documented transitions', () => {
    const table = Object.fromEntries(
      QUESTION_STATUSES.map((status) => [
        status,
        QUESTION_ACTIONS.filter((action) => nextStatus(status, action) !== null)
          .map((action) => `${action}→${nextStatus(status, action)}`)
          .join(' '),
      ]),
    );
    expect(table).toEqual({
      pending: 'approve→approved reject→rejected merge→merged',
      held: 'approve→approved reject→rejected merge→merged',
      approved: 'reject→rejected show→live merge→merged',
      live: 'reject→rejected answer→answered',
      answered: '',
      rejected: 'approve→approved merge→merged',
      merged: 'split→pending',
    });
  });

  it('never puts an unapproved question on stage', () => {
    for (const status of QUESTION_STATUSES) {
      expect(nextStatus(status, 'show') === 'live').toBe(status === 'approved');
    }
  });
});

describe('question views', () => {
  it('shows the public only the public text, without author id or reasons', () => {
    const view = toPublic(question({ authorName: 'Li', reason: 'private' }));
    expect(view).toEqual({
      id: 'q1',
      text: 'Call me at [phone]?',
      authorName: 'Li',
      status: 'pending',
      clusterId: 'q1',
      askedBy: 1,
      votes: 0,
      score: 0,
      pinned: false,
      starred: false,
      rev: 1,
      createdAt: 1,
      updatedAt: 1,
      statusAt: 1,
      decidedAt: null,
    });
  });

  it('shows the asker their own words and the moderator’s reason, not the filter’s', () => {
    const view = toOwn(question({ reason: 'Please ask without your number' }));
    expect(view).toMatchObject({
      text: 'Call me at 13812345678?',
      reason: 'Please ask without your number',
    });
    expect(view).not.toHaveProperty('reasons');
  });

  it('keeps the newest revision whatever order copies arrive in', () => {
    const older = question({ rev: 2, status: 'approved' });
    const newer = question({ rev: 3, status: 'live' });
    const forward = mergeQuestion(mergeQuestion({}, older), newer);
    const backward = mergeQuestion(mergeQuestion({}, newer), older);
    expect(forward.q1).toEqual(newer);
    expect(backward.q1).toEqual(newer);
    // An unchanged merge returns the same object, so selectors do not re-render.
    expect(mergeQuestion(backward, older)).toBe(backward);
  });

  it('merges many copies at once exactly as one by one, without changing what it was given', () => {
    const copies = [3, 1, 4, 1, 5, 9, 2, 6].flatMap((rev, i) => [
      question({ id: `q${i % 3}`, rev, status: 'approved' }),
      question({ id: `q${i % 3}`, rev, status: 'live' }), // same rev again: the first stays
    ]);
    const known: Record<string, Question> = {
      q0: question({ id: 'q0', rev: 4, status: 'answered' }),
    };
    const oneByOne = copies.reduce(mergeQuestion, known);
    const merged = mergeQuestions(known, copies);
    expect(merged).toEqual(oneByOne);
    expect(Object.values(merged).map((q) => [q.id, q.rev, q.status])).toEqual([
      ['q0', 4, 'answered'], // it knew a newer one
      ['q1', 6, 'approved'],
      ['q2', 9, 'approved'],
    ]);
    expect(known.q0?.rev).toBe(4);
    expect(Object.keys(known)).toEqual(['q0']);
  });

  it('takes a vote count read after its change without its rev, so that change still arrives', () => {
    // The stage held the question approved (rev 18); it went live (rev 19), and a vote
    // batch read after that came before the question:changed that says so.
    const held = question({ rev: 18, status: 'approved', votes: 30, score: 2 });
    const counted = withVoteCount(held, { votes: 31, score: 2.5, rev: 19 });
    expect(counted).toMatchObject({ rev: 18, status: 'approved', votes: 31, score: 2.5 });
    const shown = mergeQuestion({ q1: counted }, question({ rev: 19, status: 'live', votes: 31 }));
    expect(shown.q1).toMatchObject({ rev: 19, status: 'live' });
    // A count read before the rev held is dropped; the same count changes nothing.
    expect(withVoteCount(held, { votes: 29, score: 1, rev: 17 })).toBe(held);
    expect(withVoteCount(held, { votes: 30, score: 2, rev: 18 })).toBe(held);
  });
});
