import {
  nextStatus,
  QUESTION_ACTIONS,
  type QuestionAction,
  type QuestionStatus,
} from '@dais/shared';
import { useState } from 'react';
import { useBusy } from '../hooks/useBusy';
import { moveQuestion } from '../realtime/commands';

const LABELS: Record<QuestionAction, string> = {
  approve: 'Approve',
  reject: 'Reject',
  show: 'Show on stage',
  answer: 'Mark answered',
};

/** The buttons TRANSITIONS allows for a question's status, with an inline reject reason. */
export function ModeratorActions({
  questionId,
  status,
}: {
  questionId: string;
  status: QuestionStatus;
}) {
  const [busy, run] = useBusy();
  const [reason, setReason] = useState('');
  const allowed = QUESTION_ACTIONS.filter((action) => nextStatus(status, action) !== null);
  const act = (action: QuestionAction) => void run(() => moveQuestion(action, questionId, reason));

  return (
    <div className="actions">
      {allowed
        .filter((action) => action !== 'reject')
        .map((action) => (
          <button
            key={action}
            type="button"
            className="button button--primary button--small"
            data-testid={action}
            disabled={busy}
            onClick={() => act(action)}
          >
            {LABELS[action]}
          </button>
        ))}
      {allowed.includes('reject') && (
        <div className="actions__reject">
          <input
            className="input input--small"
            data-testid="reject-reason"
            placeholder="Reason (optional)"
            title="Only the asker sees the reason"
            aria-label="Reason for rejecting"
            maxLength={200}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button
            type="button"
            className="button button--danger button--small"
            data-testid="reject"
            disabled={busy}
            onClick={() => act('reject')}
          >
            {LABELS.reject}
          </button>
        </div>
      )}
    </div>
  );
}
