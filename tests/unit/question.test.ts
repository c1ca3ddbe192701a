import { describe, expect, it } from 'vitest';
import {
  mergeQuestion,
  nextStatus,
  QUESTION_ACTIONS,
  QUESTION_STATUSES,
  toPublic,
  type Question,
} from '@dais/shared';

const question = (overrides: Partial<Question> = {}): Question => ({
  id: 'q1',
  text: 'How can children be heard?',
  authorId: 'p1',
  authorName: null,
  status: 'pending',
  reason: null,
  rev: 1,
  createdAt: 1,
  updatedAt: 1,
  ...overrides,
});

describe('question state machine', () => {
  it('allows exactly the documented transitions', () => {
    const table = Object.fromEntries(
      QUESTION_STATUSES.map((status) => [
        status,
        Object.fromEntries(QUESTION_ACTIONS.map((action) => [action, nextStatus(status, action)])),
      ]),
    );
    expect(table).toEqual({
      pending: { approve: 'approved', reject: 'rejected', show: null, answer: null },
      approved: { approve: null, reject: 'rejected', show: 'live', answer: null },
      live: { approve: null, reject: 'rejected', show: null, answer: 'answered' },
      answered: { approve: null, reject: null, show: null, answer: null },
      rejected: { approve: 'approved', reject: null, show: null, answer: null },
    });
  });

  it('never puts an unapproved question on stage', () => {
    for (const status of QUESTION_STATUSES) {
      expect(nextStatus(status, 'show') === 'live').toBe(status === 'approved');
    }
  });
});

describe('question views', () => {
  it('hides the author id and the rejection reason from the public', () => {
    const view = toPublic(question({ authorName: 'Li', reason: 'private' }));
    expect(view).toEqual({
      id: 'q1',
      text: 'How can children be heard?',
      authorName: 'Li',
      status: 'pending',
      rev: 1,
      createdAt: 1,
      updatedAt: 1,
    });
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
});
