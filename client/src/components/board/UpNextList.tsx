import {
  DndContext,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store';
import { moveInUpNext } from './boardActions';
import { beforeIdNextTo, type BoardQueue } from './boardModel';
import { VirtualQueue, type RowProps } from './VirtualQueue';

/** A row of "Up next" that can be dragged by its handle (buttons on the card stay buttons). */
function SortableRow({ id, index, style, measure, children }: RowProps) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id,
  });
  return (
    <div
      ref={(node) => {
        setNodeRef(node);
        measure(node);
      }}
      data-index={index}
      className={`queue__row queue__row--sortable ${isDragging ? 'queue__row--dragging' : ''}`}
      style={{ ...style, transform: CSS.Translate.toString(transform), transition }}
    >
      <button
        type="button"
        className="drag-handle"
        data-testid="drag-handle"
        aria-label={t('board.upNext.drag')}
        title={t('board.upNext.drag')}
        {...attributes}
        {...listeners}
      >
        ⠿
      </button>
      {children}
    </div>
  );
}

/**
 * "Up next": the stage's order, reordered by dragging a card's handle (or Shift+J /
 * Shift+K). A drop sends where the card now stands: before the card it landed above.
 */
export function UpNextList({ queue }: { queue: BoardQueue }) {
  const { t } = useTranslation();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));
  // What screen readers hear while a card is dragged, in the interface language.
  const count = queue.ids.length;
  const position = (id: UniqueIdentifier) => queue.ids.indexOf(String(id)) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      t('board.upNext.a11y.picked', { position: position(active.id), count }),
    onDragOver: ({ over }) =>
      over ? t('board.upNext.a11y.over', { position: position(over.id), count }) : undefined,
    onDragEnd: ({ over }) =>
      over
        ? t('board.upNext.a11y.dropped', { position: position(over.id), count })
        : t('board.upNext.a11y.cancelled'),
    onDragCancel: () => t('board.upNext.a11y.cancelled'),
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const [id, overId] = [String(active.id), String(over.id)];
    const movingDown = queue.ids.indexOf(id) < queue.ids.indexOf(overId);
    void moveInUpNext(id, beforeIdNextTo(useAppStore.getState().queue, overId, movingDown));
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements,
        screenReaderInstructions: { draggable: t('board.upNext.a11y.instructions') },
      }}
    >
      <SortableContext items={queue.ids} strategy={verticalListSortingStrategy}>
        <VirtualQueue queue={queue} Row={SortableRow} />
      </SortableContext>
    </DndContext>
  );
}
