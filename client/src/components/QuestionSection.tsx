import type { ReactNode } from 'react';

interface QuestionSectionProps {
  title: string;
  count: number;
  /** Shown instead of the list when it is empty. */
  empty: string;
  /** A short explanation under the title. */
  note?: string;
  className?: string;
  children: ReactNode;
}

/** A titled list of QuestionCards with its count. */
export function QuestionSection({
  title,
  count,
  empty,
  note,
  className = '',
  children,
}: QuestionSectionProps) {
  return (
    <section className={`section ${className}`}>
      <h2 className="section__title">
        {title} <span className="count">{count}</span>
      </h2>
      {note && <p className="section__note">{note}</p>}
      {count === 0 ? <p className="empty">{empty}</p> : <ul className="cards">{children}</ul>}
    </section>
  );
}
