import { useTranslation } from 'react-i18next';
import { authorLabel, type AnyQuestion } from '../lib/questions';
import { AskedBy } from './AskedBy';
import { QuestionText } from './QuestionText';

/** The question on stage, pinned on top of the audience page. */
export function NowAnswering({ question }: { question: AnyQuestion }) {
  const { t } = useTranslation();
  return (
    <section className="now-answering" data-testid="now-answering" aria-live="polite">
      <span className="eyebrow">{t('audience.nowAnswering')}</span>
      <p className="now-answering__text">
        <QuestionText question={question} />
      </p>
      <span className="now-answering__author">
        {authorLabel(question, t)} <AskedBy count={question.askedBy} />
      </span>
    </section>
  );
}
