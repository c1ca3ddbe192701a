import { useMemo } from 'react';
import { useHotkeys, type Hotkey } from '../../hooks/useHotkeys';
import { undoLast } from '../../realtime/commands';
import { useAppStore } from '../../store';
import {
  addToUpNext,
  approve,
  editPublicText,
  mergeInto,
  reject,
  removeFromUpNext,
  runBulk,
  startMerge,
  stepInUpNext,
  togglePin,
  toggleStar,
} from './boardActions';
import { QUEUE_KEYS } from './boardModel';
import { selectedIdOf, useBoard } from './boardStore';
import { SEARCH_INPUT_ID, SHORTCUTS, type ShortcutId } from './shortcuts';

const board = () => useBoard.getState();

/** Runs `action` on the selected question of the current queue, if there is one. */
const onSelected = (action: (id: string) => unknown) => () => {
  const id = selectedIdOf(board());
  if (id) void action(id);
};

/** Keys of "Up next" only: elsewhere they do what they would anyway. */
const inUpNext = (action: (id: string) => unknown) => () =>
  board().queue === 'upNext' ? onSelected(action)() : false;

const switchBy = (step: number) => {
  const at = QUEUE_KEYS.indexOf(board().queue);
  board().switchQueue(QUEUE_KEYS[(at + step + QUEUE_KEYS.length) % QUEUE_KEYS.length]!);
};

/** Buttons and links take Enter themselves. */
const isControl = (target: EventTarget | null) =>
  target instanceof Element && target.closest('button, a, summary') !== null;

const merging = () => useAppStore.getState().mergeFrom !== null;

/** While picking where to merge, only these keys work: the others would act on the target. */
const WHILE_MERGING: readonly ShortcutId[] = [
  'down',
  'up',
  'queuePrevious',
  'queueNext',
  'queueNumber',
  'pick',
  'cancel',
  'search',
  'help',
];

const ACTIONS: Record<ShortcutId, (e: KeyboardEvent) => boolean | void> = {
  down: () => board().moveSelection(1),
  up: () => board().moveSelection(-1),
  queuePrevious: () => switchBy(-1),
  queueNext: () => switchBy(1),
  queueNumber: (e) => board().switchQueue(QUEUE_KEYS[Number(e.key) - 1]!),
  approve: onSelected(approve),
  reject: onSelected(reject),
  upNext: onSelected(addToUpNext),
  moveDown: inUpNext((id) => stepInUpNext(id, 1)),
  moveUp: inUpNext((id) => stepInUpNext(id, -1)),
  removeUpNext: inUpNext(removeFromUpNext),
  merge: onSelected(startMerge),
  pick: (e) => {
    if (isControl(e.target) || !merging()) return false;
    onSelected(mergeInto)();
  },
  cancel: () => {
    if (merging()) useAppStore.getState().setMergeFrom(null);
    else board().clearPicks();
  },
  pin: onSelected(togglePin),
  star: onSelected(toggleStar),
  edit: onSelected(editPublicText),
  undo: () => void undoLast(),
  search: () => document.getElementById(SEARCH_INPUT_ID)?.focus(),
  toggle: onSelected((id) => board().togglePick(id)),
  bulkApprove: () => void runBulk('approve'),
  bulkReject: () => void runBulk('reject'),
  bulkUpNext: () => void runBulk('upNext'),
  help: () => board().openDialog({ kind: 'help' }),
};

/** The board's keyboard: every SHORTCUTS entry, off while a dialog is open. */
export function useBoardShortcuts() {
  const dialogOpen = useBoard((state) => state.dialog !== null);
  const bindings = useMemo<Hotkey[]>(
    () =>
      SHORTCUTS.map(({ id, keys, ...rest }) => ({
        keys,
        run: (e: KeyboardEvent) =>
          merging() && !WHILE_MERGING.includes(id) ? false : ACTIONS[id](e),
        ...rest,
      })),
    [],
  );
  useHotkeys(bindings, !dialogOpen);
}
