import type { ReactNode } from 'react';
import { authorLabel, formatTime, type AnyQuestion } from '../lib/questions';
import { StatusBadge } from './StatusBadge';

interface QuestionCardProps {
  question: AnyQuestion;
  testId: string;
  showStatus?: boolean;
  /** Actions or notes under the question. */
  children?: ReactNode;
}

/** One question in any list. Its text is untrusted: rendered as plain text only. */
export function QuestionCard({
  question,
  testId,
  showStatus = false,
  children,
}: QuestionCardProps) {
  return (
    <li
      className={`card card--${question.status}`}
      data-testid={testId}
      data-status={question.status}
      data-id={question.id}
    >
      <p className="card__text">{question.text}</p>
      <div className="card__meta">
        <span className="card__author">{authorLabel(question)}</span>
        <time dateTime={new Date(question.createdAt).toISOString()}>
          {formatTime(question.createdAt)}
        </time>
        {showStatus && <StatusBadge status={question.status} />}
      </div>
      {children}
    </li>
  );
}
