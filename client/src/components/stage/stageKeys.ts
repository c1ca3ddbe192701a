import type { TFunction } from 'i18next';

/** What a key does on the stage. */
export type StageAction =
  'next' | 'skip' | 'answered' | 'join' | 'fullscreen' | 'theme' | 'help' | 'close';

/**
 * The stage's keys, by `KeyboardEvent.key` (letters lower-cased). Presentation
 * clickers send PageDown/PageUp, some arrows: forward is "next", back is "skip".
 * The help overlay lists exactly this table.
 */
export const STAGE_KEYS: readonly { action: StageAction; keys: readonly string[] }[] = [
  { action: 'next', keys: ['PageDown', 'ArrowRight', 'ArrowDown', ' '] },
  { action: 'skip', keys: ['PageUp', 'ArrowLeft', 'ArrowUp'] },
  { action: 'answered', keys: ['Enter', 'a'] },
  { action: 'join', keys: ['j'] },
  { action: 'fullscreen', keys: ['f'] },
  { action: 'theme', keys: ['t'] },
  { action: 'help', keys: ['?'] },
  { action: 'close', keys: ['Escape'] },
];

const BY_KEY = new Map(STAGE_KEYS.flatMap(({ action, keys }) => keys.map((key) => [key, action])));

export const stageActionFor = (key: string): StageAction | undefined =>
  BY_KEY.get(key.length === 1 ? key.toLowerCase() : key);

const ARROWS: Record<string, string> = {
  ArrowRight: '→',
  ArrowLeft: '←',
  ArrowUp: '↑',
  ArrowDown: '↓',
};
const NAMED = {
  PageDown: 'stage.keys.pageDown',
  PageUp: 'stage.keys.pageUp',
  ' ': 'stage.keys.space',
  Enter: 'stage.keys.enter',
  Escape: 'stage.keys.escape',
} as const;

/** How a key reads on a keycap. */
export function keyLabel(key: string, t: TFunction): string {
  if (key in NAMED) return t(NAMED[key as keyof typeof NAMED]);
  return ARROWS[key] ?? key.toUpperCase();
}
