import { nextStatus, type Question } from '@dais/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../hooks/useBusy';
import { moveQuestion, rejectQuestion } from '../realtime/commands';
import { useAppStore } from '../store';
import { ApproveEditor } from './ApproveEditor';
import {
  addToUpNext,
  can,
  canApproveAsIs,
  editPublicText,
  removeFromUpNext,
  startMerge,
  togglePin,
  toggleStar,
} from './board/boardActions';

const MOVES = ['approve', 'show', 'answer'] as const;

/**
 * The actions TRANSITIONS allows for a question's status: moves, approve with an
 * edited text (the only approval for safeguarding), merge into another cluster,
 * reject with an optional reason for the asker; then "Up next", pin, star and
 * editing the public text. Each has a key too (the shortcut sheet, "?").
 */
export function ModeratorActions({ question }: { question: Question }) {
  const { t } = useTranslation();
  const [busy, run] = useBusy();
  const [reason, setReason] = useState('');
  const [editing, setEditing] = useState(false);
  const queued = useAppStore((state) => state.queue.includes(question.id));
  const moves = MOVES.filter(
    (move) =>
      nextStatus(question.status, move) !== null &&
      (move !== 'approve' || canApproveAsIs(question)),
  );
  const task = (action: (id: string) => unknown) => () =>
    void run(async () => {
      await action(question.id);
    });

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
      {can(question, 'approve') && (
        <button
          type="button"
          className="button button--small"
          data-testid="edit-approve"
          onClick={() => setEditing(true)}
        >
          {t('actions.editApprove')}
        </button>
      )}
      {question.status === 'approved' &&
        (queued ? (
          <button
            type="button"
            className="button button--small"
            data-testid="queue-remove"
            disabled={busy}
            onClick={task(removeFromUpNext)}
          >
            {t('board.actions.removeUpNext')}
          </button>
        ) : (
          <button
            type="button"
            className="button button--small"
            data-testid="queue-add"
            disabled={busy}
            onClick={task(addToUpNext)}
          >
            {t('board.actions.upNext')}
          </button>
        ))}
      {can(question, 'merge') && (
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
      <div className="actions__quiet">
        <button
          type="button"
          className="button button--small button--quiet"
          data-testid="pin"
          aria-pressed={question.pinned}
          disabled={busy}
          onClick={task(togglePin)}
        >
          {question.pinned ? t('board.actions.unpin') : t('board.actions.pin')}
        </button>
        <button
          type="button"
          className="button button--small button--quiet"
          data-testid="star"
          aria-pressed={question.starred}
          disabled={busy}
          onClick={task(toggleStar)}
        >
          {question.starred ? t('board.actions.unstar') : t('board.actions.star')}
        </button>
        <button
          type="button"
          className="button button--small button--quiet"
          data-testid="edit"
          onClick={() => editPublicText(question.id)}
        >
          {t('board.actions.edit')}
        </button>
      </div>
      {can(question, 'reject') && (
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
