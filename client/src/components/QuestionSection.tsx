import type { ReactNode } from 'react';

interface QuestionSectionProps {
  title: string;
  count: number;
  /** Shown instead of the list when it is empty. */
  empty: string;
  className?: string;
  children: ReactNode;
}

/** A titled list of QuestionCards with its count. */
export function QuestionSection({
  title,
  count,
  empty,
  className = '',
  children,
}: QuestionSectionProps) {
  return (
    <section className={`section ${className}`}>
      <h2 className="section__title">
        {title} <span className="count">{count}</span>
      </h2>
      {count === 0 ? <p className="empty">{empty}</p> : <ul className="cards">{children}</ul>}
    </section>
  );
}
