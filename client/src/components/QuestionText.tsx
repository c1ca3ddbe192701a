import { useTranslation } from 'react-i18next';
import { isPublicView, type AnyQuestion } from '../lib/questions';

/**
 * The filter's placeholders for personal data, e.g. "[电话]" in "打[电话]找我".
 * Must follow the placeholders of the filter in @dais/shared.
 */
const PLACEHOLDER = /(\[[^[\]\n]{1,30}\])/u;

/** Public text, with its redacted personal data visibly marked. Rendered as text only. */
export function PublicText({ text }: { text: string }) {
  const { t } = useTranslation();
  return text.split(PLACEHOLDER).map((part, i) =>
    i % 2 === 1 ? (
      <mark key={i} className="redacted" title={t('common.redacted')}>
        {part}
      </mark>
    ) : (
      part
    ),
  );
}

/** A question's text as this client holds it: public views marked, the asker's own words as typed. */
export function QuestionText({ question }: { question: AnyQuestion }) {
  return isPublicView(question) ? <PublicText text={question.text} /> : question.text;
}
