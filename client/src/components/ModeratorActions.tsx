import { needsEditToApprove, nextStatus, type Question, type QuestionAction } from '@dais/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../hooks/useBusy';
import { moveQuestion, rejectQuestion } from '../realtime/commands';
import { useAppStore } from '../store';
import { ApproveEditor } from './ApproveEditor';

const MOVES = ['approve', 'show', 'answer'] as const;

const startMerge = (questionId: string) => useAppStore.getState().setMergeFrom(questionId);

/**
 * The actions TRANSITIONS allows for a question's status: moves, approve with an
 * edited text (the only approval for safeguarding), merge into another cluster,
 * and reject with an optional reason for the asker.
 */
export function ModeratorActions({ question }: { question: Question }) {
  const { t } = useTranslation();
  const [busy, run] = useBusy();
  const [reason, setReason] = useState('');
  const [editing, setEditing] = useState(false);
  const can = (action: QuestionAction) => nextStatus(question.status, action) !== null;
  const moves = MOVES.filter(
    (move) => can(move) && !(move === 'approve' && needsEditToApprove(question)),
  );

  if (editing) return <ApproveEditor question={question} onClose={() => setEditing(false)} />;
  return (
    <div className="actions">
      {moves.map((move) => (
        <button
          key={move}
          type="button"
          className="button button--primary button--small"
          data-testid={move}
          disabled={busy}
          onClick={() => void run(() => moveQuestion(move, question.id))}
        >
          {t(`actions.${move}`)}
        </button>
      ))}
      {can('approve') && (
        <button
          type="button"
          className="button button--small"
          data-testid="edit-approve"
          onClick={() => setEditing(true)}
        >
          {t('actions.editApprove')}
        </button>
      )}
      {can('merge') && (
        <button
          type="button"
          className="button button--small"
          data-testid="merge"
          title={t('actions.mergeTitle')}
          onClick={() => startMerge(question.id)}
        >
          {t('actions.merge')}
        </button>
      )}
      {can('reject') && (
        <div className="actions__reject">
          <input
            className="input input--small"
            data-testid="reject-reason"
            placeholder={t('actions.rejectReason')}
            title={t('actions.rejectReasonTitle')}
            aria-label={t('actions.rejectReasonLabel')}
            maxLength={200}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button
            type="button"
            className="button button--danger button--small"
            data-testid="reject"
            disabled={busy}
            onClick={() => void run(() => rejectQuestion(question.id, reason))}
          >
            {t('actions.reject')}
          </button>
        </div>
      )}
    </div>
  );
}
