import type { QuestionStatus } from '@dais/shared';

const LABELS: Record<QuestionStatus, string> = {
  pending: 'Waiting for review',
  approved: 'Approved',
  live: 'On stage now',
  answered: 'Answered',
  rejected: 'Not accepted',
};

export function StatusBadge({ status }: { status: QuestionStatus }) {
  return <span className={`badge badge--${status}`}>{LABELS[status]}</span>;
}
