import type { Question } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '../../hooks/useDateTime';

/** asked by N · N votes */
function Reach({ question }: { question: Question }) {
  const { t } = useTranslation();
  return (
    <span className="summary-item__meta">
      {t('common.askedBy', { count: question.askedBy })} ·{' '}
      {t('summary.votes', { count: question.votes })}
    </span>
  );
}

/** The biggest clusters, by how many asked them, then votes; their public text. */
export function TopClusters({ questions }: { questions: Question[] }) {
  const { t } = useTranslation();
  return (
    <section className="panel summary__section">
      <h3>{t('summary.topClusters')}</h3>
      {questions.length === 0 ? (
        <p className="empty">{t('summary.noClusters')}</p>
      ) : (
        <ol className="summary-list">
          {questions.map((question) => (
            <li
              key={question.id}
              className="summary-item"
              data-testid="summary-top-cluster"
              data-id={question.id}
              data-asked-by={question.askedBy}
              data-votes={question.votes}
            >
              <span className="summary-item__text">{question.publicText}</span>
              <span className="summary-item__meta">{t(`statusNames.${question.status}`)}</span>
              <Reach question={question} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** What was answered, in the order it was, with the time. */
export function AnsweredList({ questions }: { questions: Question[] }) {
  const { t } = useTranslation();
  const { time, dateTime } = useDateTime();
  return (
    <section className="panel summary__section">
      <h3>{t('summary.answered')}</h3>
      {questions.length === 0 ? (
        <p className="empty">{t('summary.noAnswered')}</p>
      ) : (
        <ol className="summary-list">
          {questions.map((question) => (
            <li
              key={question.id}
              className="summary-item"
              data-testid="summary-answered"
              data-id={question.id}
            >
              <time
                className="summary-item__time"
                dateTime={new Date(question.statusAt).toISOString()}
                title={dateTime(question.statusAt)}
              >
                {time(question.statusAt)}
              </time>
              <span className="summary-item__text">{question.publicText}</span>
              <Reach question={question} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
