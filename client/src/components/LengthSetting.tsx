import { QuestionLengthLimitSchema } from '@dais/shared';
import { useState, type FormEvent } from 'react';
import { useBusy } from '../hooks/useBusy';
import { configureEvent } from '../realtime/commands';
import { useAppStore } from '../store';

const MIN = QuestionLengthLimitSchema.minValue ?? 1;
const MAX = QuestionLengthLimitSchema.maxValue ?? 10_000;

/** The event's max question length. Remount it (key) when the server value changes. */
export function LengthSetting({ current }: { current: number }) {
  const [draft, setDraft] = useState(String(current));
  const [busy, run] = useBusy();

  const save = (e: FormEvent) => {
    e.preventDefault();
    const value = Number(draft);
    if (!QuestionLengthLimitSchema.safeParse(value).success) {
      useAppStore.getState().notify('error', `Choose a length between ${MIN} and ${MAX}.`);
      return;
    }
    void run(() =>
      configureEvent(
        { maxQuestionLength: value },
        `Questions may now be up to ${value} characters.`,
      ),
    );
  };

  return (
    <form className="setting" onSubmit={save}>
      <label htmlFor="max-length">Max question length</label>
      <input
        id="max-length"
        className="input input--small setting__input"
        type="number"
        min={MIN}
        max={MAX}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button
        type="submit"
        className="button button--small"
        disabled={busy || Number(draft) === current}
      >
        Save
      </button>
    </form>
  );
}
