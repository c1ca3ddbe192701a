import type { OwnQuestion } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '../../hooks/useDateTime';
import { JoinedNote } from '../JoinedNote';

/**
 * What became of the asker's question, in words. Never the filter's reasons: `held`
 * reads like `pending`. A rejection shows the moderator's own reason, if they gave one.
 */
export function QuestionFate({ question }: { question: OwnQuestion }) {
  const { t } = useTranslation();
  const { time } = useDateTime();
  const words = () => {
    switch (question.status) {
      case 'pending':
      case 'held':
        return t('audience.fate.waiting');
      case 'approved':
        return t('audience.fate.approved');
      case 'live':
        return t('audience.fate.live');
      case 'answered':
        return t('audience.fate.answered', {
          time: time(question.statusAt),
        });
      case 'rejected':
        return question.reason
          ? t('audience.fate.declinedBecause', { reason: question.reason })
          : t('audience.fate.declined');
      case 'merged':
        return <JoinedNote clusterId={question.clusterId} />;
    }
  };
  return (
    <div
      className={question.status === 'merged' ? 'fate' : 'card__note fate'}
      data-testid="question-fate"
      data-fate={question.status}
    >
      {words()}
    </div>
  );
}
