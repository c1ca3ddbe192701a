import type { AuditEntry } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '../../hooks/useDateTime';
import { isFullQuestion } from '../../lib/questions';
import { useAppStore } from '../../store';
import { auditActor, auditWhat, configChanges, isStatus } from './auditWords';

/** A question named in the log, by the text the public sees (moderators hold every question). */
function QuestionRef({ id }: { id: string }) {
  const { t } = useTranslation();
  const question = useAppStore((state) => state.questions[id]);
  const text = question && (isFullQuestion(question) ? question.publicText : question.text);
  return (
    <q className="audit__question" data-question-id={id}>
      {text ?? t('audit.unknownQuestion')}
    </q>
  );
}

/** `from → to`, in the moderators' words for statuses. */
function StatusMove({ from, to }: { from?: string; to?: string }) {
  const { t } = useTranslation();
  if (!isStatus(to)) return null;
  return (
    <span className="audit__move" data-testid="audit-move">
      {isStatus(from) && (
        <>
          {t(`statusNames.${from}`)}
          <span aria-hidden="true"> → </span>
        </>
      )}
      {t(`statusNames.${to}`)}
    </span>
  );
}

/** An edit's public text before and after (the asker's words are never copied into the log). */
function TextChange({ details }: { details: AuditEntry['details'] }) {
  const { t } = useTranslation();
  if (details.after === undefined) return null;
  return (
    <dl className="audit__edit" data-testid="audit-edit">
      <dt>{t('audit.before')}</dt>
      <dd>{details.before ?? <em>{t('audit.askersWords')}</em>}</dd>
      <dt>{t('audit.after')}</dt>
      <dd>{details.after}</dd>
    </dl>
  );
}

/** One line of the audit log: when, who, what, on which question. */
export function AuditEntryItem({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const { timeSeconds, dateTime } = useDateTime();
  const { type, details, questionId, actor } = entry;
  const changes = type === 'event.configured' ? configChanges(t, details) : [];
  return (
    <li className="audit__entry" data-testid="audit-entry" data-type={type} data-actor={actor.id}>
      <div className="audit__line">
        <time
          className="audit__time"
          dateTime={new Date(entry.at).toISOString()}
          title={dateTime(entry.at)}
        >
          {timeSeconds(entry.at)}
        </time>
        <span className="audit__who" data-testid="audit-actor">
          {auditActor(t, entry)}
        </span>
        <span className="audit__what">{auditWhat(t, type, details)}</span>
        {(details.from || type === 'question.submitted') && (
          <StatusMove from={details.from} to={details.status} />
        )}
      </div>
      {changes.length > 0 && <p className="audit__detail">{changes.join(' · ')}</p>}
      {details.reason && (
        <p className="audit__detail" data-testid="audit-reason">
          {t('audit.reason', { reason: details.reason })}
        </p>
      )}
      {questionId && <QuestionRef id={questionId} />}
      {details.into && (
        <p className="audit__detail">
          {t('audit.into')} <QuestionRef id={details.into} />
        </p>
      )}
      <TextChange details={details} />
    </li>
  );
}
