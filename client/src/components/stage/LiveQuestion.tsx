import { textLength } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import type { AnyQuestion } from '../../lib/questions';
import { AskedBy } from '../AskedBy';
import { QuestionText } from '../QuestionText';
import { StageTimer } from './StageTimer';

/** Long questions get smaller type so they still fit the screen. */
function sizeClass(text: string) {
  const length = textLength(text);
  if (length > 400) return 'stage-question--very-long';
  if (length > 200) return 'stage-question--long';
  return length > 80 ? 'stage-question--medium' : '';
}

/** The question on stage, in type for the back of the hall. `question` is a public view. */
export function LiveQuestion({ question }: { question: AnyQuestion }) {
  const { t } = useTranslation();
  return (
    <figure className="stage-live">
      <blockquote
        className={`stage-question ${sizeClass(question.text)}`}
        data-testid="stage-question"
        data-id={question.id}
      >
        <QuestionText question={question} />
      </blockquote>
      <figcaption className="stage-caption">
        {question.authorName && <span className="stage-author">{question.authorName}</span>}
        <AskedBy count={question.askedBy} className="stage-asked-by" />
        {question.votes > 0 && (
          <span className="stage-votes">{t('stage.votes', { count: question.votes })}</span>
        )}
        <StageTimer since={question.statusAt} />
      </figcaption>
    </figure>
  );
}
