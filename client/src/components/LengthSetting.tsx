import { QuestionLengthLimitSchema } from '@dais/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../hooks/useBusy';
import { configureEvent } from '../realtime/commands';
import { useAppStore } from '../store';

const MIN = QuestionLengthLimitSchema.minValue ?? 1;
const MAX = QuestionLengthLimitSchema.maxValue ?? 10_000;

/** The event's max question length. Remount it (key) when the server value changes. */
export function LengthSetting({ current }: { current: number }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(String(current));
  const [busy, run] = useBusy();

  const save = (e: FormEvent) => {
    e.preventDefault();
    const value = Number(draft);
    if (!QuestionLengthLimitSchema.safeParse(value).success) {
      useAppStore.getState().notify('error', t('settings.length.invalid', { min: MIN, max: MAX }));
      return;
    }
    void run(() =>
      configureEvent({ maxQuestionLength: value }, t('settings.length.saved', { count: value })),
    );
  };

  return (
    <form className="setting" onSubmit={save}>
      <label htmlFor="max-length">{t('settings.length.label')}</label>
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
        {t('common.save')}
      </button>
    </form>
  );
}
