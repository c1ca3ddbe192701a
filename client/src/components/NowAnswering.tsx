import { authorLabel, type AnyQuestion } from '../lib/questions';

/** The question on stage, pinned on top of the audience page. */
export function NowAnswering({ question }: { question: AnyQuestion }) {
  return (
    <section className="now-answering" data-testid="now-answering" aria-live="polite">
      <span className="eyebrow">Now answering</span>
      <p className="now-answering__text">{question.text}</p>
      <span className="now-answering__author">{authorLabel(question)}</span>
    </section>
  );
}
