import type { ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '../hooks/useDateTime';
import { authorLabel, type AnyQuestion } from '../lib/questions';
import { AskedBy } from './AskedBy';
import { QuestionText } from './QuestionText';
import { StatusBadge } from './StatusBadge';

/** Extra test hooks and state for the card's element, e.g. `data-reasons`. */
export type DataAttributes = Record<`data-${string}`, string | number | undefined>;

interface QuestionCardProps {
  question: AnyQuestion;
  testId: string;
  showStatus?: boolean;
  className?: string;
  data?: DataAttributes;
  /** The card's element, e.g. for a virtualized list to measure it. */
  ref?: Ref<HTMLLIElement>;
  /** Actions or notes under the question. */
  children?: ReactNode;
}

/**
 * One question in any list. Its text is untrusted: rendered as plain text only.
 * Public views show the public text, with redactions marked.
 */
export function QuestionCard({
  question,
  testId,
  showStatus = false,
  className = '',
  data,
  ref,
  children,
}: QuestionCardProps) {
  const { t } = useTranslation();
  const { time } = useDateTime();
  return (
    <li
      {...data}
      ref={ref}
      className={`card card--${question.status} ${className}`}
      data-testid={testId}
      data-status={question.status}
      data-id={question.id}
      data-cluster={question.clusterId}
      data-asked-by={question.askedBy}
    >
      <p className="card__text">
        <QuestionText question={question} />
      </p>
      <div className="card__meta">
        <span className="card__author">{authorLabel(question, t)}</span>
        <time dateTime={new Date(question.createdAt).toISOString()}>
          {time(question.createdAt)}
        </time>
        <AskedBy count={question.askedBy} />
        {showStatus && <StatusBadge status={question.status} />}
      </div>
      {children}
    </li>
  );
}
