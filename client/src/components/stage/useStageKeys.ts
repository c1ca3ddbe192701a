import { useEffect, useEffectEvent } from 'react';
import { stageActionFor, type StageAction } from './stageKeys';

/**
 * Keys a focused element handles itself: every key in a form field (the language
 * switch), Enter and Space on a button reached with Tab (a clicked button lets go
 * of the focus: see StagePage).
 */
function ownsKey(target: EventTarget | null, key: string) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) {
    return true;
  }
  return target.tagName === 'BUTTON' && (key === 'Enter' || key === ' ');
}

/** Runs `onAction` for the stage's keys (see STAGE_KEYS), from anywhere on the page. */
export function useStageKeys(onAction: (action: StageAction) => void) {
  const act = useEffectEvent(onAction);
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || ownsKey(e.target, e.key)) return;
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
