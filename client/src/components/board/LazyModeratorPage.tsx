import type { EventInfo } from '@dais/shared';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { MessageView } from '../MessageView';

// The board, its virtual lists and drag and drop load only for moderators, not on phones.
const ModeratorPage = lazy(() =>
  import('../../pages/ModeratorPage').then((module) => ({ default: module.ModeratorPage })),
);

/** The moderator page's route element, loaded on demand. */
export function LazyModeratorPage({ event }: { event: EventInfo }) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<MessageView title={t('board.loading')} />}>
      <ModeratorPage event={event} />
    </Suspense>
  );
}
