import { useTranslation } from 'react-i18next';
import { useBusy } from '../../hooks/useBusy';
import type { AnyQuestion } from '../../lib/questions';
import { voteFor } from '../../realtime/commands';
import { useAppStore } from '../../store';

/**
 * Upvote or withdraw. Nothing changes before the server answers: the count and
 * "voted" come from the ack (then everyone's from votes:changed). A vote counts for
 * the cluster's leader, so "voted" is read by `clusterId`.
 */
export function VoteButton({ question }: { question: AnyQuestion }) {
  const { t } = useTranslation();
  const voted = useAppStore((state) => Boolean(state.myVotes[question.clusterId]));
  const [busy, run] = useBusy();
  // Answered questions keep their count, but a vote would change nothing now.
  const open = question.status === 'approved' || question.status === 'live';
  const hint = !open
    ? 'audience.vote.closed'
    : voted
      ? 'audience.vote.withdraw'
      : 'audience.vote.add';
  return (
    <button
      type="button"
      className={`vote ${voted ? 'vote--voted' : ''}`}
      data-testid="vote"
      data-voted={voted}
      aria-pressed={voted}
      aria-label={t('audience.vote.label', { count: question.votes })}
      title={t(hint)}
      disabled={busy || !open}
      onClick={() => void run(() => voteFor(question.id, !voted))}
    >
      <span aria-hidden="true" className="vote__arrow">
        ▲
      </span>
      <span className="vote__count" data-testid="vote-count">
        {question.votes}
      </span>
    </button>
  );
}
