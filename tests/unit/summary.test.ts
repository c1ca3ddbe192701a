import { describe, expect, it } from 'vitest';
import {
  QUESTION_STATUSES,
  SUMMARY_MAX_MINUTES,
  SUMMARY_TOP_CLUSTERS,
  SummarySchema,
  summarize,
  summaryBuilder,
  type EventInfo,
  type Question,
} from '@dais/shared';

const MINUTE = 60_000;
const START = Date.UTC(2025, 10, 21, 9, 0); // a whole minute

const event: EventInfo = {
  code: 'ACDEFG34',
  title: 'Ask the ambassador',
  maxQuestionLength: 300,
  createdAt: START,
  open: true,
  slowModeSeconds: 0,
  preModeration: true,
  endedAt: null,
  retentionDays: 30,
  purgedAt: null,
};

let nextId = 0;
const question = (overrides: Partial<Question> = {}): Question => {
  const id = overrides.id ?? `q${++nextId}`;
  return {
    id,
    text: 'How can schools help?',
    publicText: 'How can schools help?',
    authorId: 'p1',
    authorName: null,
    status: 'pending',
    reason: null,
    reasons: [],
    clusterId: id,
    askedBy: 1,
    votes: 0,
    score: 0,
    pinned: false,
    starred: false,
    rev: 1,
    createdAt: START,
    updatedAt: START,
    statusAt: START,
    decidedAt: null,
    ...overrides,
  };
};

describe('the event summary', () => {
  it('is empty for an event without questions, and matches the protocol schema', () => {
    const summary = summarize(event, []);
    expect(SummarySchema.parse(summary)).toEqual(summary);
    expect(summary).toEqual({
      event,
      perMinute: [],
      byStatus: Object.fromEntries(QUESTION_STATUSES.map((s) => [s, 0])),
      byReason: {},
      topClusters: [],
      answered: [],
    });
  });

  it('counts questions per minute from the first to the last, empty minutes included', () => {
    const summary = summarize(event, [
      question({ createdAt: START + 5_000 }),
      question({ createdAt: START + 59_999 }),
      question({ createdAt: START + 3 * MINUTE + 1 }),
    ]);
    expect(summary.perMinute).toEqual([
      { minute: START, questions: 2 },
      { minute: START + MINUTE, questions: 0 },
      { minute: START + 2 * MINUTE, questions: 0 },
      { minute: START + 3 * MINUTE, questions: 1 },
    ]);
  });

  it('keeps at most the last 24 hours of minutes', () => {
    const last = START + 3 * 24 * 60 * MINUTE;
    const summary = summarize(event, [
      question({ createdAt: START }),
      question({ createdAt: last - 24 * 60 * MINUTE }),
      question({ createdAt: last }),
    ]);
    expect(summary.perMinute).toHaveLength(SUMMARY_MAX_MINUTES);
    expect(summary.perMinute.at(0)).toEqual({
      minute: last - (SUMMARY_MAX_MINUTES - 1) * MINUTE,
      questions: 0,
    });
    expect(summary.perMinute.at(-1)).toEqual({ minute: last, questions: 1 });
    expect(summary.perMinute.reduce((n, m) => n + m.questions, 0)).toBe(1);
  });

  it('counts every status and the filter reasons that occur', () => {
    const summary = summarize(event, [
      question({ status: 'held', reasons: ['personal-data'] }),
      question({ status: 'held', reasons: ['personal-data', 'link'] }),
      question({ status: 'approved' }),
      question({ status: 'merged', clusterId: 'q-leader' }),
      question({ status: 'answered' }),
    ]);
    expect(summary.byStatus).toEqual({
      pending: 0,
      held: 2,
      approved: 1,
      live: 0,
      answered: 1,
      rejected: 0,
      merged: 1,
    });
    expect(summary.byReason).toEqual({ 'personal-data': 2, link: 1 });
  });

  it('names the biggest clusters by askers, then votes, leaders only', () => {
    const questions = [
      question({ id: 'small', askedBy: 1, votes: 50 }),
      question({ id: 'big', askedBy: 4, votes: 0 }),
      question({ id: 'bigger-votes', askedBy: 4, votes: 2 }),
      question({ id: 'member', status: 'merged', clusterId: 'big', askedBy: 1, votes: 99 }),
      ...Array.from({ length: 20 }, (_, i) =>
        question({ id: `filler${i}`, askedBy: 1, votes: i % 5, createdAt: START + i }),
      ),
    ];
    const summary = summarize(event, questions);
    expect(summary.topClusters).toHaveLength(SUMMARY_TOP_CLUSTERS);
    expect(summary.topClusters.map((q) => q.id).slice(0, 4)).toEqual([
      'bigger-votes',
      'big',
      'small',
      'filler4', // votes 4, the oldest of those with 4
    ]);
    expect(summary.topClusters.map((q) => q.id)).not.toContain('member');
    // Fed in any order, the same answer.
    expect(summarize(event, [...questions].reverse()).topClusters).toEqual(summary.topClusters);
  });

  it('lists answered questions in the order they were answered', () => {
    const summary = summarize(event, [
      question({ id: 'second', status: 'answered', statusAt: START + 2 * MINUTE }),
      question({ id: 'live', status: 'live', statusAt: START + 3 * MINUTE }),
      question({ id: 'first', status: 'answered', statusAt: START + MINUTE }),
    ]);
    expect(summary.answered.map((q) => q.id)).toEqual(['first', 'second']);
  });

  it('gives the same result fed in batches as all at once', () => {
    const questions = Array.from({ length: 1000 }, (_, i) =>
      question({
        createdAt: START + i * 7_919,
        status: QUESTION_STATUSES[i % QUESTION_STATUSES.length],
        askedBy: 1 + (i % 13),
        votes: i % 7,
        statusAt: START + ((i * 104_729) % 3_600_000),
      }),
    );
    const builder = summaryBuilder(event);
    for (let i = 0; i < questions.length; i += 100) {
      for (const q of questions.slice(i, i + 100)) builder.add(q);
    }
    expect(builder.result()).toEqual(summarize(event, questions));
  });
});
