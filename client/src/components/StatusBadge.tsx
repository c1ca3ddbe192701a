import type { QuestionStatus } from '@dais/shared';

/** `held` reads like `pending`: askers never learn that the filter had doubts. */
const LABELS: Record<QuestionStatus, string> = {
  pending: 'Waiting for review',
  held: 'Waiting for review',
  approved: 'Approved',
  live: 'On stage now',
  answered: 'Answered',
  rejected: 'Not accepted',
  merged: 'Already asked',
};

export function StatusBadge({ status }: { status: QuestionStatus }) {
  return <span className={`badge badge--${status}`}>{LABELS[status]}</span>;
}
