import type { PublicQuestion, Question, QuestionStatus } from '@dais/shared';

/** A question as this client may hold it: full for moderators and its asker, public otherwise. */
export type AnyQuestion = Question | PublicQuestion;

export const authorLabel = (question: AnyQuestion) => question.authorName ?? 'Anonymous';

/** Oldest first is queue order; newest first is feed order; `recent` puts the latest change first. */
export type QuestionOrder = 'oldest' | 'newest' | 'recent';

const compare: Record<QuestionOrder, (a: AnyQuestion, b: AnyQuestion) => number> = {
  oldest: (a, b) => a.createdAt - b.createdAt,
  newest: (a, b) => b.createdAt - a.createdAt,
  recent: (a, b) => b.updatedAt - a.updatedAt,
};

export function pickQuestions<Q extends AnyQuestion>(
  byId: Readonly<Record<string, Q>>,
  statuses: readonly QuestionStatus[],
  order: QuestionOrder,
): Q[] {
  return Object.values(byId)
    .filter((q) => statuses.includes(q.status))
    .sort(compare[order]);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
export const formatTime = (epochMs: number) => timeFormat.format(epochMs);
