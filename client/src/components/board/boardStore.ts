import { create } from 'zustand';
import { moderatorClientId } from '../../lib/storage';
import { QUEUE_KEYS, type QueueKey } from './boardModel';

/** A queue's selection: the id, and where it was, for when that question leaves the queue. */
interface Cursor {
  id: string;
  index: number;
}

export type BoardDialog =
  | { kind: 'help' }
  /** `approve`: approving with an edited text (safeguarding); `edit`: the public text only. */
  | { kind: 'edit' | 'approve'; questionId: string }
  | null;

interface BoardState {
  /** The queue the keyboard works in. */
  queue: QueueKey;
  cursors: Partial<Record<QueueKey, Cursor>>;
  /** The ids each queue shows, in order (written by the page from the store's questions). */
  lists: Record<QueueKey, readonly string[]>;
  /** Questions ticked for a bulk action, and the last one ticked (for shift-click ranges). */
  picked: Record<string, true>;
  anchor: string | null;
  /** Bumped when the keyboard moved the selection: the list then scrolls to it. */
  scrollRequest: number;
  dialog: BoardDialog;
  setLists: (lists: Record<QueueKey, readonly string[]>) => void;
  /** A click on a card. */
  select: (queue: QueueKey, id: string) => void;
  /** j/k: `step` cards down or up the current queue. */
  moveSelection: (step: number) => void;
  switchQueue: (queue: QueueKey) => void;
  /** Shift: everything between the last ticked card and this one takes this one's new state. */
  togglePick: (id: string, range?: boolean) => void;
  clearPicks: () => void;
  openDialog: (dialog: BoardDialog) => void;
  /** Forgets the board: called when the page leaves its event. */
  reset: () => void;
}

const EMPTY_LISTS = Object.fromEntries(QUEUE_KEYS.map((key) => [key, []])) as unknown as Record<
  QueueKey,
  readonly string[]
>;

/**
 * Keeps a cursor on its question while it stays in the list; when it leaves (approved,
 * rejected…), the cursor takes the card now at its place, so a a a approves down a queue.
 */
function repair(cursor: Cursor | undefined, list: readonly string[]): Cursor | undefined {
  if (list.length === 0) return undefined;
  if (!cursor) return { id: list[0]!, index: 0 };
  if (list[cursor.index] === cursor.id) return cursor;
  const index = list.indexOf(cursor.id);
  if (index >= 0) return { id: cursor.id, index };
  const at = Math.min(cursor.index, list.length - 1);
  return { id: list[at]!, index: at };
}

/** Ticked questions that left the board (merged, or filtered out) are unticked. */
function prune(picked: Record<string, true>, lists: Record<QueueKey, readonly string[]>) {
  const ids = Object.keys(picked);
  if (ids.length === 0) return picked;
  const shown = new Set(QUEUE_KEYS.flatMap((key) => lists[key]));
  return ids.every((id) => shown.has(id))
    ? picked
    : Object.fromEntries(ids.filter((id) => shown.has(id)).map((id) => [id, true as const]));
}

const INITIAL = {
  queue: 'incoming',
  cursors: {},
  lists: EMPTY_LISTS,
  picked: {},
  anchor: null,
  scrollRequest: 0,
  dialog: null,
} satisfies Partial<BoardState>;

export const useBoard = create<BoardState>()((set, get) => ({
  ...INITIAL,
  setLists: (lists) =>
    set(({ cursors, picked }) => ({
      lists,
      cursors: Object.fromEntries(QUEUE_KEYS.map((key) => [key, repair(cursors[key], lists[key])])),
      picked: prune(picked, lists),
    })),
  select: (queue, id) => {
    const index = get().lists[queue].indexOf(id);
    if (index < 0) return;
    set(({ cursors }) => ({ queue, cursors: { ...cursors, [queue]: { id, index } } }));
  },
  moveSelection: (step) =>
    set(({ queue, cursors, lists, scrollRequest }) => {
      const list = lists[queue];
      const from = repair(cursors[queue], list);
      if (!from) return {};
      const index = Math.max(0, Math.min(list.length - 1, from.index + step));
      return {
        cursors: { ...cursors, [queue]: { id: list[index]!, index } },
        scrollRequest: scrollRequest + 1,
      };
    }),
  switchQueue: (queue) => set(({ scrollRequest }) => ({ queue, scrollRequest: scrollRequest + 1 })),
  togglePick: (id, range = false) =>
    set(({ picked, anchor, lists }) => {
      const on = !picked[id];
      const list =
        range && anchor
          ? QUEUE_KEYS.map((key) => lists[key]).find(
              (ids) => ids.includes(id) && ids.includes(anchor),
            )
          : undefined;
      let ids = [id];
      if (list && anchor) {
        const [a, b] = [list.indexOf(anchor), list.indexOf(id)].sort((x, y) => x - y);
        ids = list.slice(a, b! + 1);
      }
      const next = { ...picked };
      for (const each of ids) {
        if (on) next[each] = true;
        else delete next[each];
      }
      return { picked: next, anchor: id };
    }),
  clearPicks: () => set({ picked: {}, anchor: null }),
  openDialog: (dialog) => set({ dialog }),
  reset: () => set(INITIAL),
}));

/** The selected question of the current queue, if any. */
export const selectedIdOf = (state: Pick<BoardState, 'queue' | 'cursors'>) =>
  state.cursors[state.queue]?.id ?? null;

export const useSelectedId = () => useBoard(selectedIdOf);

let myId: string | undefined;
/** This browser's moderator id (as presence names it), read once. */
export const myModeratorId = () => (myId ??= moderatorClientId());
