import type { EventInfo } from '@dais/shared';
import { AskForm } from '../components/AskForm';
import { EventHeader } from '../components/EventHeader';
import { NowAnswering } from '../components/NowAnswering';
import { QuestionCard } from '../components/QuestionCard';
import { QuestionSection } from '../components/QuestionSection';
import { useLiveQuestion, useMyQuestions, useQuestions } from '../store/selectors';

const APPROVED = ['approved'] as const;
const ANSWERED = ['answered'] as const;

export function AudiencePage({ event }: { event: EventInfo }) {
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
        <QuestionSection title="My questions" count={mine.length} empty="">
          {mine.map((question) => (
            <QuestionCard key={question.id} question={question} testId="my-question" showStatus>
              {question.status === 'rejected' && question.reason && (
                <p className="card__note">Moderator’s note: {question.reason}</p>
              )}
            </QuestionCard>
          ))}
        </QuestionSection>
      )}
      <QuestionSection
        title="Questions"
        count={approved.length}
        empty="No questions yet. Be the first to ask!"
      >
        {approved.map((question) => (
          <QuestionCard key={question.id} question={question} testId="public-question" />
        ))}
      </QuestionSection>
      {answered.length > 0 && (
        <QuestionSection title="Answered" count={answered.length} empty="">
          {answered.map((question) => (
            <QuestionCard key={question.id} question={question} testId="public-question" />
          ))}
        </QuestionSection>
      )}
    </div>
  );
}
