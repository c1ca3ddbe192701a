import type { EventInfo } from '@dais/shared';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { MessageView } from '../MessageView';

// The summary and its chart library load only when a moderator opens the page.
const SummaryPage = lazy(() =>
  import('../../pages/SummaryPage').then((module) => ({ default: module.SummaryPage })),
);

/** The summary page's route element, loaded on demand. */
export function LazySummaryPage({ event }: { event: EventInfo }) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<MessageView title={t('summary.loading')} />}>
      <SummaryPage event={event} />
    </Suspense>
  );
}
