import type { EventInfo } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { AskForm } from '../components/AskForm';
import { PublicQuestions } from '../components/audience/PublicQuestions';
import { QuestionFate } from '../components/audience/QuestionFate';
import { EventHeader } from '../components/EventHeader';
import { NowAnswering } from '../components/NowAnswering';
import { QuestionCard } from '../components/QuestionCard';
import { QuestionSection } from '../components/QuestionSection';
import { useLiveQuestion, useMyQuestions } from '../store/selectors';

/** The phone page: what is on stage, the form, my questions and their fate, and the vote. */
export function AudiencePage({ event }: { event: EventInfo }) {
  const { t } = useTranslation();
  const live = useLiveQuestion();
  const mine = useMyQuestions();

  return (
    <div className="page page--audience">
      <title>{`${event.title} · Dais`}</title>
      <EventHeader event={event} />
      {live && <NowAnswering question={live} />}
      <AskForm event={event} />
      {mine.length > 0 && (
        <QuestionSection title={t('audience.myQuestions')} count={mine.length} empty="">
          {mine.map((question) => (
            <QuestionCard key={question.id} question={question} testId="my-question" showStatus>
              <QuestionFate question={question} />
            </QuestionCard>
          ))}
        </QuestionSection>
      )}
      <PublicQuestions />
    </div>
  );
}
