import { byPopularity } from '@dais/shared';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore, type AppState } from '../../store';

/** How many questions the stage previews. */
const PREVIEW = 4;

/** "Up next" as the server reads it: ids that left approved are skipped. */
const queued = ({ queue, questions }: AppState) =>
  queue.flatMap((id) => {
    const question = questions[id];
    return question?.status === 'approved' ? [question] : [];
  });

const approved = ({ questions }: AppState) =>
  Object.values(questions).filter((question) => question.status === 'approved');
const popular = (state: AppState) => approved(state).sort(byPopularity);

/**
 * What "next" will show: the head of "Up next", or with "Up next" empty the most
 * popular approved questions.
 */
export function useUpNext() {
  const fromQueue = useAppStore((state) => queued(state).length > 0);
  const preview = useAppStore(
    useShallow((state) => (fromQueue ? queued(state) : popular(state)).slice(0, PREVIEW)),
  );
  const total = useAppStore((state) => (fromQueue ? queued(state) : approved(state)).length);
  return { fromQueue, preview, total };
}
