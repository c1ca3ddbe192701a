import type { EventInfo } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../hooks/useBusy';
import { configureEvent } from '../realtime/commands';
import { SlowModeSetting } from './SlowModeSetting';

/**
 * Whether and how the audience may ask: open or closed, pre-moderation, slow mode.
 * The switches show the server's value; a change is saved at once.
 */
export function IntakeSetting({ event }: { event: EventInfo }) {
  const { t } = useTranslation();
  const [busy, run] = useBusy();
  const ended = event.endedAt !== null;

  const setOpen = (open: boolean) =>
    void run(() =>
      configureEvent({ open }, open ? t('settings.intake.opened') : t('settings.intake.closed')),
    );
  const setPreModeration = (preModeration: boolean) =>
    void run(() =>
      configureEvent(
        { preModeration },
        preModeration
          ? t('settings.intake.preModerationOn')
          : t('settings.intake.preModerationOff'),
      ),
    );

  return (
    <fieldset className="setting setting--stacked intake">
      <legend>{t('settings.intake.legend')}</legend>
      <label className="switch">
        <input
          type="checkbox"
          data-testid="questions-open"
          checked={event.open}
          disabled={busy || ended}
          onChange={(e) => setOpen(e.target.checked)}
        />
        <span>{t('settings.intake.open')}</span>
      </label>
      {ended && <p className="setting__hint">{t('settings.intake.endedHint')}</p>}
      <label className="switch">
        <input
          type="checkbox"
          data-testid="pre-moderation"
          checked={event.preModeration}
          disabled={busy}
          onChange={(e) => setPreModeration(e.target.checked)}
        />
        <span>{t('settings.intake.preModeration')}</span>
      </label>
      <p className="setting__hint">{t('settings.intake.preModerationHint')}</p>
      <SlowModeSetting
        key={event.slowModeSeconds}
        current={event.slowModeSeconds}
        disabled={ended}
      />
    </fieldset>
  );
}

/** The intake state at a glance, next to the collapsed panel's title: only what is not the default. */
export function IntakeState({ event }: { event: EventInfo }) {
  const { t } = useTranslation();
  const states = [
    event.endedAt !== null ? t('settings.state.ended') : !event.open && t('settings.state.closed'),
    event.slowModeSeconds > 0 && t('settings.state.slowMode', { seconds: event.slowModeSeconds }),
    !event.preModeration && t('settings.state.preModerationOff'),
  ].filter((state) => typeof state === 'string');
  if (states.length === 0) return null;
  return (
    <span className="intake-state" data-testid="intake-state">
      {states.map((state) => (
        <span key={state} className="intake-state__pill">
          {state}
        </span>
      ))}
    </span>
  );
}
