import { useEffect, useRef } from 'react';

/**
 * A key as bindings name it: letters in lower case, with `Shift+` when shift is held
 * (so Caps Lock does not turn `a` into a different shortcut); other keys as
 * `KeyboardEvent.key` names them (`?`, `/`, `ArrowDown`, `Escape`, `1`).
 */
export function keyName(e: Pick<KeyboardEvent, 'key' | 'shiftKey'>): string {
  if (/^[a-z]$/i.test(e.key)) return `${e.shiftKey ? 'Shift+' : ''}${e.key.toLowerCase()}`;
  return e.key;
}

export interface Hotkey {
  keys: readonly string[];
  /** Returns false when it does not apply now: the key then does what it would anyway. */
  run: (e: KeyboardEvent) => boolean | void;
  /** Whether a held key repeats it (moving the selection: yes; approving: never). */
  repeat?: boolean;
}

/** Where keys are text, not commands: fields, lists and editable content. */
const TYPING =
  'textarea, select, [contenteditable]:not([contenteditable="false"]), ' +
  'input:not([type="checkbox"]):not([type="radio"]):not([type="button"]):not([type="submit"])';

export const isTypingIn = (target: EventTarget | null) =>
  target instanceof Element && target.closest(TYPING) !== null;

/** Keys pressed in a dialog (a confirm, an editor) are the dialog's, never the page's. */
const isInDialog = (target: EventTarget | null) =>
  target instanceof Element && target.closest('dialog') !== null;

/**
 * Page-wide single-key shortcuts. They never fire while the user types in a field or
 * works in a dialog, with Ctrl/Alt/Meta held (the browser's own shortcuts), or during
 * IME composition.
 */
export function useHotkeys(bindings: readonly Hotkey[], enabled = true) {
  const latest = useRef(bindings);
  useEffect(() => {
    latest.current = bindings;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (isTypingIn(e.target) || isInDialog(e.target)) return;
      const name = keyName(e);
      const binding = latest.current.find((each) => each.keys.includes(name));
      if (!binding || (e.repeat && !binding.repeat)) return;
      if (binding.run(e) !== false) e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
