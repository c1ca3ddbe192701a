import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

/** What a card needs to be measured: its ref and its index (read by the virtualizer). */
export interface CardSlot {
  ref: (element: HTMLLIElement | null) => void;
  index: number;
}

/** A first guess of a card's height; each card is measured once rendered. */
const ESTIMATED_CARD = 120;
/** Must match the `gap` of `.cards`. */
const GAP = 10;

/** Where `ref`'s element starts on the page; follows anything above it growing or shrinking. */
function usePageTop(ref: RefObject<HTMLElement | null>) {
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    // The body resizes whenever something above the list does (or the window does).
    const observer = new ResizeObserver(() => {
      const element = ref.current;
      if (element) setTop(element.getBoundingClientRect().top + window.scrollY);
    });
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [ref]);
  return top;
}

/**
 * A long list of cards scrolled with the page: only the cards near the screen are in
 * the DOM (thousands of questions stay smooth on a phone). Cards in normal flow, the
 * rest stood in for by the list's padding.
 */
export function VirtualCards<T extends { id: string }>({
  items,
  render,
}: {
  items: readonly T[];
  render: (item: T, slot: CardSlot) => ReactNode;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  const top = usePageTop(listRef);
  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => ESTIMATED_CARD,
    gap: GAP,
    overscan: 6,
    scrollMargin: top,
    getItemKey: (index) => items[index]!.id,
  });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0];
  const last = rows.at(-1);
  const before = first ? first.start - top : 0;
  const after = last ? Math.max(0, virtualizer.getTotalSize() - (last.end - top)) : 0;
  return (
    <ul ref={listRef} className="cards" style={{ paddingTop: before, paddingBottom: after }}>
      {rows.map((row) =>
        render(items[row.index]!, { ref: virtualizer.measureElement, index: row.index }),
      )}
    </ul>
  );
}
