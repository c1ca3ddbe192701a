import { useRef } from 'react';
import { useBusy } from '../../hooks/useBusy';
import { advanceStage, moveQuestion } from '../../realtime/commands';

/**
 * The stage's commands, one at a time: a second press while the first is on its
 * way is dropped, so a double click of the clicker moves on once.
 */
export function useStageCommands(liveId: string | undefined) {
  const [busy, run] = useBusy();
  const pending = useRef(false);
  const once = (task: () => Promise<unknown>) => {
    if (pending.current) return;
    pending.current = true;
    void run(task).finally(() => {
      pending.current = false;
    });
  };
  return {
    busy,
    /** Answers the live question (if any) and shows the next one. */
    next: () => once(() => advanceStage('next')),
    /** The live question goes back unanswered; the next one shows. */
    skip: () => {
      if (liveId) once(() => advanceStage('skip'));
    },
    /** Answered, and the screen stays empty until "next". */
    answered: () => {
      if (liveId) once(() => moveQuestion('answer', liveId));
    },
    show: (questionId: string) => once(() => moveQuestion('show', questionId)),
  };
}
