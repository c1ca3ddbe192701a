import { useTranslation } from 'react-i18next';
import type { AnyQuestion } from '../../lib/questions';
import { QuestionCard } from '../QuestionCard';
import { QuestionSection } from '../QuestionSection';
import { publicView } from './publicView';

interface UpNextProps {
  /** From useUpNext. */
  preview: AnyQuestion[];
  fromQueue: boolean;
  /** How many are waiting, of which `preview` is the head. */
  total: number;
  busy: boolean;
  onShow: (questionId: string) => void;
}

/** The next questions, in the order "next" will take them; any may be shown at once. */
export function UpNext({ preview, fromQueue, total, busy, onShow }: UpNextProps) {
  const { t } = useTranslation();
  return (
    <aside className="stage-queue" data-from={fromQueue ? 'queue' : 'popular'}>
      <QuestionSection
        title={t('stage.upNext')}
        count={total}
        note={fromQueue || preview.length === 0 ? undefined : t('stage.mostPopular')}
        empty={t('stage.queueEmpty')}
      >
        {preview.map((question) => (
          <QuestionCard key={question.id} question={publicView(question)} testId="stage-queue-item">
            <button
              type="button"
              className="button button--small stage-show"
              data-testid="show"
              disabled={busy}
              onClick={() => onShow(question.id)}
            >
              {t('stage.show')}
            </button>
          </QuestionCard>
        ))}
      </QuestionSection>
    </aside>
  );
}
