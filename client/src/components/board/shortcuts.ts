/**
 * Every board shortcut, in the order the shortcut sheet lists them. Keys are
 * `keyName` names (hooks/useHotkeys.ts); what each does is in useBoardShortcuts.ts,
 * its words in the locales under `board.keys.<id>`.
 */
export const SHORTCUTS = [
  { id: 'down', keys: ['j', 'ArrowDown'], repeat: true },
  { id: 'up', keys: ['k', 'ArrowUp'], repeat: true },
  { id: 'queuePrevious', keys: ['ArrowLeft'] },
  { id: 'queueNext', keys: ['ArrowRight'] },
  { id: 'queueNumber', keys: ['1', '2', '3', '4', '5', '6'] },
  { id: 'approve', keys: ['a'] },
  { id: 'reject', keys: ['r'] },
  { id: 'upNext', keys: ['u'] },
  { id: 'moveDown', keys: ['Shift+j'] },
  { id: 'moveUp', keys: ['Shift+k'] },
  { id: 'removeUpNext', keys: ['Delete', 'Backspace'] },
  { id: 'merge', keys: ['m'] },
  { id: 'pick', keys: ['Enter'] },
  { id: 'cancel', keys: ['Escape'] },
  { id: 'pin', keys: ['p'] },
  { id: 'star', keys: ['s'] },
  { id: 'edit', keys: ['e'] },
  { id: 'undo', keys: ['z'] },
  { id: 'search', keys: ['/'] },
  { id: 'toggle', keys: ['x'] },
  { id: 'bulkApprove', keys: ['Shift+a'] },
  { id: 'bulkReject', keys: ['Shift+r'] },
  { id: 'bulkUpNext', keys: ['Shift+u'] },
  { id: 'help', keys: ['?'] },
] as const satisfies readonly { id: string; keys: readonly string[]; repeat?: boolean }[];

export type ShortcutId = (typeof SHORTCUTS)[number]['id'];

/** How a key is printed on the sheet and the columns. */
const KEY_LABELS: Record<string, string> = {
  ArrowDown: '↓',
  ArrowUp: '↑',
  ArrowLeft: '←',
  ArrowRight: '→',
  Escape: 'Esc',
  Delete: 'Del',
  Backspace: '⌫',
};
export const keyLabel = (key: string) =>
  KEY_LABELS[key] ??
  key.replace(/^Shift\+(.)$/, (_, letter: string) => `Shift+${letter.toUpperCase()}`);

/** The number key of each queue. */
export const queueNumber = (index: number) => String(index + 1);

export const SEARCH_INPUT_ID = 'board-search';
