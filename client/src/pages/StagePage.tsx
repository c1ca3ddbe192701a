import { textLength, type EventInfo } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { AskedBy } from '../components/AskedBy';
import { EventHeader } from '../components/EventHeader';
import { QuestionCard } from '../components/QuestionCard';
import { QuestionSection } from '../components/QuestionSection';
import { QuestionText } from '../components/QuestionText';
import { useBusy } from '../hooks/useBusy';
import { authorLabel, type AnyQuestion } from '../lib/questions';
import { audienceUrl } from '../lib/urls';
import { moveQuestion } from '../realtime/commands';
import { useLiveQuestion, useQuestions } from '../store/selectors';

const APPROVED = ['approved'] as const;

/** Long questions get smaller type so they still fit the screen. */
const sizeClass = (text: string) => {
  const length = textLength(text);
  return length > 200 ? 'stage-question--long' : length > 80 ? 'stage-question--medium' : '';
};

export function StagePage({ event }: { event: EventInfo }) {
  const { t } = useTranslation();
  const live = useLiveQuestion();
  const queue = useQuestions(APPROVED, 'oldest');
  const [busy, run] = useBusy();

  const show = (question: AnyQuestion) => void run(() => moveQuestion('show', question.id));
  const answer = () => {
    if (live) void run(() => moveQuestion('answer', live.id));
  };
  const next = () =>
    void run(async () => {
      if (live && !(await moveQuestion('answer', live.id)).ok) return;
      const [first] = queue;
      if (first) await moveQuestion('show', first.id);
    });

  return (
    <div className="page page--stage">
      <title>{t('stage.pageTitle', { title: event.title })}</title>
      <EventHeader event={event}>
        <span className="stage-join">{t('stage.askAt', { url: audienceUrl(event.code) })}</span>
      </EventHeader>
      <main className="stage-main">
        {live ? (
          <figure className="stage-live">
            <blockquote
              className={`stage-question ${sizeClass(live.text)}`}
              data-testid="stage-question"
            >
              <QuestionText question={live} />
            </blockquote>
            <figcaption className="stage-caption">
              <span className="stage-author">{authorLabel(live, t)}</span>
              <AskedBy count={live.askedBy} className="stage-asked-by" />
            </figcaption>
          </figure>
        ) : (
          <p className="stage-empty">{t('stage.empty')}</p>
        )}
        <div className="stage-controls">
          <button
            type="button"
            className="button button--stage"
            data-testid="stage-answered"
            disabled={busy || !live}
            onClick={answer}
          >
            {t('stage.answered')}
          </button>
          <button
            type="button"
            className="button button--stage button--primary"
            data-testid="stage-next"
            disabled={busy || (!live && queue.length === 0)}
            onClick={next}
          >
            {t('stage.next')}
          </button>
        </div>
      </main>
      <aside className="stage-queue">
        <QuestionSection
          title={t('stage.upNext')}
          count={queue.length}
          empty={t('stage.queueEmpty')}
        >
          {queue.map((question) => (
            <QuestionCard key={question.id} question={question} testId="stage-queue-item">
              <button
                type="button"
                className="button button--small"
                data-testid="show"
                disabled={busy}
                onClick={() => show(question)}
              >
                {t('stage.show')}
              </button>
            </QuestionCard>
          ))}
        </QuestionSection>
      </aside>
    </div>
  );
}
