import type { ConfigurePayload } from '@dais/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../hooks/useBusy';
import { configureEvent } from '../realtime/commands';
import { useAppStore } from '../store';

interface NumberSettingProps {
  /** The input's id, also its data-testid. */
  id: string;
  label: string;
  hint?: string;
  current: number;
  min: number;
  max: number;
  disabled?: boolean;
  /** The change to send for a valid value, and the notice once the server took it. */
  change: (value: number) => { payload: ConfigurePayload; done: string };
}

/** One whole-number event setting with its Save button. Remount it (key) when the server value changes. */
export function NumberSetting({
  id,
  label,
  hint,
  current,
  min,
  max,
  disabled,
  change,
}: NumberSettingProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(String(current));
  const [busy, run] = useBusy();

  const save = (e: FormEvent) => {
    e.preventDefault();
    const value = Number(draft);
    if (!Number.isInteger(value) || value < min || value > max) {
      useAppStore.getState().notify('error', t('settings.invalidNumber', { min, max }));
      return;
    }
    const { payload, done } = change(value);
    void run(() => configureEvent(payload, done));
  };

  return (
    <form className="setting setting--number" onSubmit={save}>
      <label htmlFor={id}>{label}</label>
      <span className="setting__row">
        <input
          id={id}
          data-testid={id}
          className="input input--small setting__input"
          type="number"
          min={min}
          max={max}
          step={1}
          value={draft}
          disabled={disabled}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button
          type="submit"
          className="button button--small"
          data-testid={`save-${id}`}
          disabled={disabled || busy || Number(draft) === current}
        >
          {t('common.save')}
        </button>
      </span>
      {hint && <p className="setting__hint">{hint}</p>}
    </form>
  );
}
