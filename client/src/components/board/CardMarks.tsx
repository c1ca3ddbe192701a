import { isPublicStatus, type Question } from '@dais/shared';
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { myModeratorId, useBoard } from './boardStore';

/** The other moderators looking at a question now. */
const useWatchers = (questionId: string) =>
  useAppStore(
    useShallow((state) =>
      state.presence
        .filter((other) => other.focus === questionId && other.id !== myModeratorId())
        .map((other) => other.name),
    ),
  );

/**
 * The first line of a moderator card: the bulk checkbox (shift-click ticks a range),
 * votes, pinned and starred marks, and who else is looking at it.
 */
export function CardMarks({ question }: { question: Question }) {
  const { t } = useTranslation();
  const picked = useBoard((state) => !!state.picked[question.id]);
  const watchers = useWatchers(question.id);
  const suspicious = useAppStore((state) => state.suspiciousVotes[question.id] ?? 0);
  const toggle = (e: ChangeEvent<HTMLInputElement>) =>
    useBoard.getState().togglePick(question.id, (e.nativeEvent as MouseEvent).shiftKey === true);

  return (
    <div className="card-marks">
      <input
        type="checkbox"
        className="card-marks__check"
        data-testid="bulk-check"
        aria-label={t('board.card.pick')}
        checked={picked}
        onChange={toggle}
      />
      {isPublicStatus(question.status) && (
        <span
          className="mark mark--votes"
          data-testid="card-votes"
          title={t('board.card.votesTitle')}
        >
          {t('board.card.votes', { count: question.votes })}
        </span>
      )}
      {suspicious > 0 && (
        <span
          className="mark mark--suspicious"
          data-testid="card-suspicious"
          title={t('board.card.suspiciousTitle')}
        >
          {t('board.card.suspicious', { count: suspicious })}
        </span>
      )}
      {question.pinned && (
        <span className="mark mark--pinned" data-testid="card-pinned">
          {t('board.card.pinned')}
        </span>
      )}
      {question.starred && (
        <span className="mark mark--starred" data-testid="card-starred">
          {t('board.card.starred')}
        </span>
      )}
      {watchers.map((name, index) => (
        <span
          key={`${name}-${index}`}
          className="mark mark--watcher"
          data-testid="card-watcher"
          title={t('board.card.watching', { name })}
        >
          {name}
        </span>
      ))}
    </div>
  );
}
