import type { EventInfo, OwnQuestion } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { AskForm } from '../components/AskForm';
import { EventHeader } from '../components/EventHeader';
import { JoinedNote } from '../components/JoinedNote';
import { NowAnswering } from '../components/NowAnswering';
import { QuestionCard } from '../components/QuestionCard';
import { QuestionSection } from '../components/QuestionSection';
import { useLiveQuestion, useMyQuestions, useQuestions } from '../store/selectors';

const APPROVED = ['approved'] as const;
const ANSWERED = ['answered'] as const;

/** What the asker should know about their question: never the filter's reasons. */
function MyQuestionNote({ question }: { question: OwnQuestion }) {
  const { t } = useTranslation();
  if (question.status === 'merged') return <JoinedNote clusterId={question.clusterId} />;
  if (question.status === 'rejected' && question.reason) {
    return <p className="card__note">{t('audience.moderatorNote', { reason: question.reason })}</p>;
  }
  return null;
}

export function AudiencePage({ event }: { event: EventInfo }) {
  const { t } = useTranslation();
  const live = useLiveQuestion();
  const mine = useMyQuestions();
  const approved = useQuestions(APPROVED, 'newest');
  const answered = useQuestions(ANSWERED, 'recent');

  return (
    <div className="page page--audience">
      <title>{`${event.title} · Dais`}</title>
      <EventHeader event={event} />
      {live && <NowAnswering question={live} />}
      <AskForm maxLength={event.maxQuestionLength} />
      {mine.length > 0 && (
        <QuestionSection title={t('audience.myQuestions')} count={mine.length} empty="">
          {mine.map((question) => (
            <QuestionCard key={question.id} question={question} testId="my-question" showStatus>
              <MyQuestionNote question={question} />
            </QuestionCard>
          ))}
        </QuestionSection>
      )}
      <QuestionSection
        title={t('audience.questions')}
        count={approved.length}
        empty={t('audience.noQuestions')}
      >
        {approved.map((question) => (
          <QuestionCard key={question.id} question={question} testId="public-question" />
        ))}
      </QuestionSection>
      {answered.length > 0 && (
        <QuestionSection title={t('audience.answered')} count={answered.length} empty="">
          {answered.map((question) => (
            <QuestionCard key={question.id} question={question} testId="public-question" />
          ))}
        </QuestionSection>
      )}
    </div>
  );
}
