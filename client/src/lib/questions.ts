import type { OwnQuestion, PublicQuestion, Question, QuestionStatus } from '@dais/shared';
import type { TFunction } from 'i18next';

/**
 * A question as this client may hold it: in full for moderators, the asker's own
 * view (their words, no filter reasons) for their questions, public otherwise.
 */
export type AnyQuestion = Question | OwnQuestion | PublicQuestion;

/** Only moderators receive full questions: the public text and the filter's reasons. */
export const isFullQuestion = (question: AnyQuestion): question is Question =>
  'publicText' in question;

/** Public views carry no author id; their `text` is the public (possibly redacted) text. */
export const isPublicView = (question: AnyQuestion) => !('authorId' in question);

export const authorLabel = (question: AnyQuestion, t: TFunction) =>
  question.authorName ?? t('common.anonymous');

/**
 * Oldest first is queue order; newest first is feed order; `recent` puts the latest to
 * enter its status first (answered: the latest answered). Not `updatedAt`: a merge into
 * an answered question changes that, and would move it up the list.
 */
export type QuestionOrder = 'oldest' | 'newest' | 'recent';

const compare: Record<QuestionOrder, (a: AnyQuestion, b: AnyQuestion) => number> = {
  oldest: (a, b) => a.createdAt - b.createdAt,
  newest: (a, b) => b.createdAt - a.createdAt,
  recent: (a, b) => b.statusAt - a.statusAt || b.createdAt - a.createdAt,
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

/** Merged questions by the id of their cluster's leader, oldest first. */
export function groupClusters(byId: Readonly<Record<string, AnyQuestion>>) {
  const clusters: Record<string, AnyQuestion[]> = {};
  for (const question of pickQuestions(byId, ['merged'], 'oldest')) {
    (clusters[question.clusterId] ??= []).push(question);
  }
  return clusters;
}
