import { needsEditToApprove, type EventInfo, type Question } from '@dais/shared';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
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
      <title>{t('moderator.pageTitle', { title: event.title })}</title>
      <EventHeader event={event}>
        <div className="share">
          <span className="share__label">{t('moderator.audienceLink')}</span>
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
          <Queue
            title={t('moderator.incoming')}
            questions={pending}
            empty={t('moderator.incomingEmpty')}
          />
        </div>
        <div className="board__column">
          <Queue
            title={t('moderator.safeguarding')}
            className="section--safeguarding"
            questions={safeguarding}
            empty={t('moderator.safeguardingEmpty')}
            note={t('moderator.safeguardingNote')}
          />
          <Queue
            title={t('moderator.held')}
            questions={heldByFilter}
            empty={t('moderator.heldEmpty')}
          />
        </div>
        <div className="board__column">
          <Queue
            title={t('moderator.approved')}
            questions={approved}
            empty={t('moderator.approvedEmpty')}
          />
        </div>
        <div className="board__column">
          <Queue
            title={t('moderator.shown')}
            questions={[...live, ...answered]}
            empty={t('moderator.shownEmpty')}
            showStatus
          />
          <Queue
            title={t('moderator.rejected')}
            questions={rejected}
            empty={t('moderator.rejectedEmpty')}
          />
        </div>
      </div>
    </div>
  );
}
