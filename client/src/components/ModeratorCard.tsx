import { needsEditToApprove, type Question } from '@dais/shared';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';
import { CardMarks } from './board/CardMarks';
import { selectedIdOf, useBoard } from './board/boardStore';
import { ClusterMembers } from './ClusterMembers';
import { MergeHere } from './Merging';
import { ModeratorActions } from './ModeratorActions';
import { QuestionCard } from './QuestionCard';
import { PublicText } from './QuestionText';
import { ReasonLabels } from './ReasonLabels';

/**
 * A cluster leader on the moderator board: marks (bulk tick, votes, pin, star, who
 * else looks at it), the asker's words, the public version when it differs, the
 * filter's reasons, its merged questions, and the actions, or "Merge here" while
 * another cluster is being merged. Memoized: a board holds thousands.
 */
export const ModeratorCard = memo(function ModeratorCard({
  question,
  showStatus,
}: {
  question: Question;
  showStatus?: boolean;
}) {
  const { t } = useTranslation();
  const mergeFrom = useAppStore((state) => state.mergeFrom);
  const selected = useBoard((state) => selectedIdOf(state) === question.id);
  const picked = useBoard((state) => !!state.picked[question.id]);
  const { reasons } = question;
  const className = [
    selected && 'card--selected',
    picked && 'card--picked',
    mergeFrom === question.id && 'card--merge-source',
    question.status === 'held' && needsEditToApprove(question) && 'card--safeguarding',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <QuestionCard
      question={question}
      testId="mod-question"
      showStatus={showStatus}
      className={className}
      data={{
        'data-reasons': reasons.length > 0 ? reasons.join(',') : undefined,
        'data-selected': selected ? 'true' : undefined,
        'data-votes': question.votes,
      }}
    >
      <CardMarks question={question} />
      <ReasonLabels reasons={reasons} />
      {question.publicText !== question.text && (
        <div className="public-version">
          <span className="eyebrow">{t('card.publicVersion')}</span>
          <p className="public-version__text">
            <PublicText text={question.publicText} />
          </p>
        </div>
      )}
      {question.reason && (
        <p className="card__note">{t('card.reason', { reason: question.reason })}</p>
      )}
      <ClusterMembers leaderId={question.id} />
      {mergeFrom === null ? (
        <ModeratorActions question={question} />
      ) : (
        mergeFrom !== question.id && <MergeHere from={mergeFrom} into={question.id} />
      )}
    </QuestionCard>
  );
});
