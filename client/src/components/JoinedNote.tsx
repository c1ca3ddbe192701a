import { isPublicStatus } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';
import { QuestionText } from './QuestionText';
import { StatusBadge } from './StatusBadge';

/**
 * Under an asker's merged question: it joined an earlier one. The earlier question
 * is shown when it is public; otherwise only how many asked it (when known).
 */
export function JoinedNote({ clusterId }: { clusterId: string }) {
  const { t } = useTranslation();
  const leader = useAppStore((state) => state.questions[clusterId]);
  if (!leader || !isPublicStatus(leader.status)) {
    return <p className="card__note">{t('audience.joinedUnknown')}</p>;
  }
  // The leader's askedBy counts this asker too.
  const others = Math.max(1, leader.askedBy - 1);
  return (
    <div className="card__note joined" data-testid="joined-question">
      <span>{t('audience.joined', { count: others })}</span>
      <q className="joined__text">
        <QuestionText question={leader} />
      </q>
      <StatusBadge status={leader.status} />
    </div>
  );
}
