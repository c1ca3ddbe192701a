import type { Question } from '@dais/shared';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useEffect,
  useMemo,
  useRef,
  type ComponentType,
  type CSSProperties,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { ModeratorCard } from '../ModeratorCard';
import type { BoardQueue, QueueGroup, QueueKey } from './boardModel';
import { useBoard } from './boardStore';

type Row =
  | { kind: 'header'; group: QueueGroup; key: string }
  | { kind: 'card'; question: Question; key: string };

/** What a row component gets: its place, and the ref the virtualizer measures it with. */
export interface RowProps {
  id: string;
  index: number;
  style: CSSProperties;
  measure: (node: HTMLElement | null) => void;
  children: ReactNode;
}

/** Rows are placed with `top`, leaving `transform` to drag and drop. */
export function PlainRow({ index, style, measure, children }: RowProps) {
  return (
    <div ref={measure} data-index={index} className="queue__row" style={style}>
      {children}
    </div>
  );
}

/** Queues with parts (Held, Answered) title each non-empty part. */
function rowsOf(queue: BoardQueue): Row[] {
  const titled = queue.groups.length > 1;
  return queue.groups.flatMap((group) => [
    ...(titled && group.questions.length > 0
      ? [{ kind: 'header' as const, group, key: `header:${group.id}` }]
      : []),
    ...group.questions.map((question) => ({ kind: 'card' as const, question, key: question.id })),
  ]);
}

function GroupHeader({ group }: { group: QueueGroup }) {
  const { t } = useTranslation();
  const titles: Record<QueueGroup['id'], string> = {
    safeguarding: t('moderator.safeguarding'),
    held: t('moderator.held'),
    live: t('status.live'),
    answered: t('status.answered'),
    all: '',
  };
  return (
    <div className={`queue__group queue__group--${group.id}`} data-testid={`group-${group.id}`}>
      <h3 className="queue__group-title">
        {titles[group.id]} <span className="count">{group.questions.length}</span>
      </h3>
      {group.id === 'safeguarding' && (
        <p className="queue__group-note">{t('moderator.safeguardingNote')}</p>
      )}
    </div>
  );
}

const ESTIMATED_CARD_PX = 180;

/**
 * One queue's cards, virtualized: only the cards in view (and a few around) are in
 * the page, so a queue of 10,000 stays smooth. The keyboard's selection is scrolled
 * into view by index; a click on a card selects it.
 */
export function VirtualQueue({
  queue,
  showStatus,
  Row = PlainRow,
}: {
  queue: BoardQueue;
  showStatus?: boolean;
  Row?: ComponentType<RowProps>;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => rowsOf(queue), [queue]);
  const rowIndex = useMemo(() => new Map(rows.map((row, index) => [row.key, index])), [rows]);
  // No React Compiler in this app: the virtualizer re-renders the list itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_CARD_PX,
    getItemKey: (index) => rows[index]!.key,
    overscan: 4,
  });

  const selectedId = useBoard((state) =>
    state.queue === queue.key ? (state.cursors[queue.key]?.id ?? null) : null,
  );
  const scrollRequest = useBoard((state) => state.scrollRequest);
  // Read by the scroll effect without making every list change scroll (that would
  // pull the list back while the moderator scrolls it with the mouse).
  const latestIndex = useRef(rowIndex);
  useEffect(() => {
    latestIndex.current = rowIndex;
  });
  useEffect(() => {
    const index = selectedId === null ? undefined : latestIndex.current.get(selectedId);
    if (index !== undefined) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, scrollRequest, virtualizer]);

  return (
    <div ref={scroller} className="queue__scroll" data-testid="queue-scroll">
      <div role="list" className="queue__list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <Row
              key={item.key}
              id={row.key}
              index={item.index}
              measure={virtualizer.measureElement}
              style={{ top: item.start }}
            >
              {row.kind === 'header' ? (
                <GroupHeader group={row.group} />
              ) : (
                <Selectable queue={queue.key} id={row.question.id}>
                  <ModeratorCard question={row.question} showStatus={showStatus} />
                </Selectable>
              )}
            </Row>
          );
        })}
      </div>
    </div>
  );
}

/** A click anywhere on a card (its buttons too) selects it, like j/k would. */
function Selectable({ queue, id, children }: { queue: QueueKey; id: string; children: ReactNode }) {
  return (
    <div role="none" onClick={() => useBoard.getState().select(queue, id)}>
      {children}
    </div>
  );
}
