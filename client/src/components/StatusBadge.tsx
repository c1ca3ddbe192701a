import type { QuestionStatus } from '@dais/shared';
import { useTranslation } from 'react-i18next';

/** `held` reads like `pending` (see the locales): askers never learn that the filter had doubts. */
export function StatusBadge({ status }: { status: QuestionStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${status}`}>{t(`status.${status}`)}</span>;
}
