import { useTranslation } from 'react-i18next';
import type { BoardQueue, QueueKey } from './boardModel';
import { useBoard } from './boardStore';
import { queueNumber } from './shortcuts';
import { UpNextList } from './UpNextList';
import { VirtualQueue } from './VirtualQueue';

/** Each queue's title and empty text (existing keys where the old board had them). */
export function useQueueWords() {
  const { t } = useTranslation();
  return {
    incoming: [t('moderator.incoming'), t('moderator.incomingEmpty')],
    held: [t('moderator.held'), t('moderator.heldEmpty')],
    approved: [t('moderator.approved'), t('moderator.approvedEmpty')],
    upNext: [t('board.upNext.title'), t('board.upNext.empty')],
    answered: [t('moderator.shown'), t('moderator.shownEmpty')],
    rejected: [t('moderator.rejected'), t('moderator.rejectedEmpty')],
  } satisfies Record<QueueKey, [string, string]>;
}

/**
 * One column of the board: its number key, title and count (shown of all, when a
 * search or filter hides some), and its cards. Clicking the title makes it the
 * keyboard's queue.
 */
export function QueueColumn({
  queue,
  index,
  filtered,
}: {
  queue: BoardQueue;
  index: number;
  filtered: boolean;
}) {
  const { t } = useTranslation();
  const [title, empty] = useQueueWords()[queue.key];
  const active = useBoard((state) => state.queue === queue.key);
  const shown = queue.ids.length;
  return (
    <section
      className={`queue queue--${queue.key} ${active ? 'queue--active' : ''}`}
      data-testid={`queue-${queue.key}`}
      data-active={active}
      aria-label={title}
    >
      <button
        type="button"
        className="queue__header"
        onClick={() => useBoard.getState().switchQueue(queue.key)}
      >
        <kbd className="queue__key">{queueNumber(index)}</kbd>
        <span className="queue__title">{title}</span>
        <span
          className="count"
          data-testid="queue-count"
          title={filtered ? t('board.filter.shownOf', { shown, total: queue.total }) : undefined}
        >
          {filtered ? `${shown} / ${queue.total}` : queue.total}
        </span>
      </button>
      {shown === 0 ? (
        <p className="empty">{filtered && queue.total > 0 ? t('board.filter.noMatch') : empty}</p>
      ) : queue.key === 'upNext' ? (
        <UpNextList queue={queue} />
      ) : (
        <VirtualQueue queue={queue} showStatus={queue.key === 'answered'} />
      )}
    </section>
  );
}
