import type { EventInfo } from '@dais/shared';
import { CopyButton } from '../components/CopyButton';
import { EventHeader } from '../components/EventHeader';
import { LengthSetting } from '../components/LengthSetting';
import { ModeratorActions } from '../components/ModeratorActions';
import { QuestionCard } from '../components/QuestionCard';
import { QuestionSection } from '../components/QuestionSection';
import type { AnyQuestion } from '../lib/questions';
import { audienceUrl } from '../lib/urls';
import { useLiveQuestion, useQuestions } from '../store/selectors';

const PENDING = ['pending'] as const;
const APPROVED = ['approved'] as const;
const ANSWERED = ['answered'] as const;
const REJECTED = ['rejected'] as const;

function ModeratorCard({ question, showStatus }: { question: AnyQuestion; showStatus?: boolean }) {
  return (
    <QuestionCard question={question} testId="mod-question" showStatus={showStatus}>
      {'reason' in question && question.reason && (
        <p className="card__note">Reason: {question.reason}</p>
      )}
      <ModeratorActions questionId={question.id} status={question.status} />
    </QuestionCard>
  );
}

export function ModeratorPage({ event }: { event: EventInfo }) {
  const pending = useQuestions(PENDING, 'oldest');
  // Oldest first: the order the stage's "Next" takes them in.
  const approved = useQuestions(APPROVED, 'oldest');
  const live = useLiveQuestion();
  const answered = useQuestions(ANSWERED, 'recent');
  const rejected = useQuestions(REJECTED, 'recent');
  const onStage = live ? [live, ...answered] : answered;
  const shareUrl = audienceUrl(event.code);

  return (
    <div className="page page--moderator">
      <title>{`Moderate · ${event.title}`}</title>
      <EventHeader event={event}>
        <div className="share">
          <span className="share__label">Audience link</span>
          <a href={shareUrl} target="_blank" rel="noreferrer">
            {shareUrl}
          </a>
          <CopyButton text={shareUrl} />
        </div>
      </EventHeader>
      <div className="toolbar">
        <LengthSetting key={event.maxQuestionLength} current={event.maxQuestionLength} />
      </div>
      <div className="board">
        <QuestionSection title="Incoming" count={pending.length} empty="Nothing to review.">
          {pending.map((question) => (
            <ModeratorCard key={question.id} question={question} />
          ))}
        </QuestionSection>
        <QuestionSection title="Approved" count={approved.length} empty="No approved questions.">
          {approved.map((question) => (
            <ModeratorCard key={question.id} question={question} />
          ))}
        </QuestionSection>
        <QuestionSection
          title="On stage / Answered"
          count={onStage.length}
          empty="Nothing shown yet."
        >
          {onStage.map((question) => (
            <ModeratorCard key={question.id} question={question} showStatus />
          ))}
        </QuestionSection>
        <QuestionSection title="Rejected" count={rejected.length} empty="No rejected questions.">
          {rejected.map((question) => (
            <ModeratorCard key={question.id} question={question} />
          ))}
        </QuestionSection>
      </div>
    </div>
  );
}
