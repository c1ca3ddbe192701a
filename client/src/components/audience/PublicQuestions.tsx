import { byPopularity, byRecency } from '@dais/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuestions } from '../../store/selectors';
import { QuestionCard } from '../QuestionCard';
import { SortSwitch, type PublicOrder } from './SortSwitch';
import { VirtualCards, type CardSlot } from './VirtualCards';
import { VoteButton } from './VoteButton';

const APPROVED = ['approved'] as const;
const ANSWERED = ['answered'] as const;
const SORTS = { popular: byPopularity, recent: byRecency } as const;

/** The approved questions to vote on, Popular or Recent; then the answered ones. */
export function PublicQuestions() {
  const { t } = useTranslation();
  const [order, setOrder] = useState<PublicOrder>('popular');
  const approved = useQuestions(APPROVED, 'newest');
  const answered = useQuestions(ANSWERED, 'recent');
  const sorted = [...approved].sort(SORTS[order]);

  const card = (question: (typeof approved)[number], slot: CardSlot) => (
    <QuestionCard
      key={question.id}
      ref={slot.ref}
      question={question}
      testId="public-question"
      className="card--votable"
      data={{
        'data-index': slot.index,
        'data-votes': question.votes,
        'data-pinned': question.pinned ? 'true' : undefined,
      }}
    >
      {question.pinned && <span className="pin-mark">{t('audience.pinned')}</span>}
      <VoteButton question={question} />
    </QuestionCard>
  );

  return (
    <>
      <section className="section" data-order={order}>
        <div className="section__head">
          <h2 className="section__title">
            {t('audience.questions')} <span className="count">{approved.length}</span>
          </h2>
          {approved.length > 1 && <SortSwitch order={order} onChange={setOrder} />}
        </div>
        {approved.length === 0 ? (
          <p className="empty">{t('audience.noQuestions')}</p>
        ) : (
          <VirtualCards items={sorted} render={card} />
        )}
      </section>
      {answered.length > 0 && (
        <section className="section">
          <h2 className="section__title">
            {t('audience.answered')} <span className="count">{answered.length}</span>
          </h2>
          <VirtualCards items={answered} render={card} />
        </section>
      )}
    </>
  );
}
