import type { Question } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';
import { ClusterMembers } from './ClusterMembers';
import { MergeHere } from './Merging';
import { ModeratorActions } from './ModeratorActions';
import { QuestionCard } from './QuestionCard';
import { PublicText } from './QuestionText';
import { ReasonLabels } from './ReasonLabels';

/**
 * A cluster leader on the moderator board: the asker's words, the public version
 * when it differs, the filter's reasons, its merged questions, and the actions, or
 * "Merge here" while another cluster is being merged.
 */
export function ModeratorCard({
  question,
  showStatus,
}: {
  question: Question;
  showStatus?: boolean;
}) {
  const { t } = useTranslation();
  const mergeFrom = useAppStore((state) => state.mergeFrom);
  const { reasons } = question;
  return (
    <QuestionCard
      question={question}
      testId="mod-question"
      showStatus={showStatus}
      className={mergeFrom === question.id ? 'card--merge-source' : ''}
      data={{ 'data-reasons': reasons.length > 0 ? reasons.join(',') : undefined }}
    >
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
}
