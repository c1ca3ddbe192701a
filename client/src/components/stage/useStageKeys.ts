import { useEffect, useEffectEvent } from 'react';
import { stageActionFor, type StageAction } from './stageKeys';

/** Keys go to form fields (the language switch) while they have focus. */
const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Runs `onAction` for the stage's keys (see STAGE_KEYS), from anywhere on the page. */
export function useStageKeys(onAction: (action: StageAction) => void) {
  const act = useEffectEvent(onAction);
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || isTyping(e.target)) return;
      const action = stageActionFor(e.key);
      if (!action) return;
      // No page scroll, and no click on a focused button: the key means only its action.
      e.preventDefault();
      // A held key repeats: it must not skip ten questions.
      if (e.repeat) return;
      act(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
