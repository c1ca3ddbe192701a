import { needsEditToApprove, type EventInfo, type Question } from '@dais/shared';
import { CopyButton } from '../components/CopyButton';
import { EventHeader } from '../components/EventHeader';
import { MergeBanner } from '../components/Merging';
import { ModeratorCard } from '../components/ModeratorCard';
import { QuestionSection } from '../components/QuestionSection';
import { SettingsPanel } from '../components/SettingsPanel';
import { audienceUrl } from '../lib/urls';
import { useFullQuestions } from '../store/selectors';

const PENDING = ['pending'] as const;
const HELD = ['held'] as const;
const APPROVED = ['approved'] as const;
const LIVE = ['live'] as const;
const ANSWERED = ['answered'] as const;
const REJECTED = ['rejected'] as const;

interface QueueProps {
  title: string;
  questions: Question[];
  empty: string;
  className?: string;
  note?: string;
  showStatus?: boolean;
}

/** One queue of the board: its cluster leaders (merged questions are listed under them). */
function Queue({ title, questions, empty, className, note, showStatus }: QueueProps) {
  return (
    <QuestionSection
      title={title}
      count={questions.length}
      empty={empty}
      className={className}
      note={note}
    >
      {questions.map((question) => (
        <ModeratorCard key={question.id} question={question} showStatus={showStatus} />
      ))}
    </QuestionSection>
  );
}

export function ModeratorPage({ event }: { event: EventInfo }) {
  const pending = useFullQuestions(PENDING, 'oldest');
  const held = useFullQuestions(HELD, 'oldest');
  // Oldest first: the order the stage's "Next" takes them in.
  const approved = useFullQuestions(APPROVED, 'oldest');
  const live = useFullQuestions(LIVE, 'oldest');
  const answered = useFullQuestions(ANSWERED, 'recent');
  const rejected = useFullQuestions(REJECTED, 'recent');
  const safeguarding = held.filter(needsEditToApprove);
  const heldByFilter = held.filter((question) => !needsEditToApprove(question));
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
      <SettingsPanel event={event} />
      <MergeBanner />
      <div className="board">
        <div className="board__column">
          <Queue title="Incoming" questions={pending} empty="Nothing to review." />
        </div>
        <div className="board__column">
          <Queue
            title="Safeguarding"
            className="section--safeguarding"
            questions={safeguarding}
            empty="No safeguarding concerns."
            note="Possible risk to someone’s safety. Follow your safeguarding procedure; such a question can only be approved with an edited text."
          />
          <Queue title="Held" questions={heldByFilter} empty="Nothing held by the filter." />
        </div>
        <div className="board__column">
          <Queue title="Approved" questions={approved} empty="No approved questions." />
        </div>
        <div className="board__column">
          <Queue
            title="On stage / Answered"
            questions={[...live, ...answered]}
            empty="Nothing shown yet."
            showStatus
          />
          <Queue title="Rejected" questions={rejected} empty="No rejected questions." />
        </div>
      </div>
    </div>
  );
}
