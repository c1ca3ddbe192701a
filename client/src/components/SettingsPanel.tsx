import type { EventInfo } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';
import { EventEndSetting } from './EventEndSetting';
import { IntakeSetting, IntakeState } from './IntakeSetting';
import { LengthSetting } from './LengthSetting';
import { PolicySetting } from './PolicySetting';
import { TermsSetting } from './TermsSetting';

/**
 * The event's settings, collapsed by default; what departs from the defaults (questions
 * closed, slow mode…) shows next to its title. Moderators only: blocked terms stay secret.
 */
export function SettingsPanel({ event }: { event: EventInfo }) {
  const { t } = useTranslation();
  const settings = useAppStore((state) => state.settings);
  return (
    <details className="panel settings">
      <summary className="settings__toggle" data-testid="settings-toggle">
        {t('settings.toggle')}
        <IntakeState event={event} />
      </summary>
      <div className="settings__body">
        <IntakeSetting event={event} />
        <LengthSetting key={event.maxQuestionLength} current={event.maxQuestionLength} />
        {settings && (
          <>
            <TermsSetting
              key={`blocked:${settings.blockedTerms.join('\n')}`}
              list="blockedTerms"
              current={settings.blockedTerms}
            />
            <TermsSetting
              key={`allowed:${settings.allowedTerms.join('\n')}`}
              list="allowedTerms"
              current={settings.allowedTerms}
            />
            <PolicySetting policy={settings.policy} />
          </>
        )}
        <EventEndSetting event={event} />
      </div>
    </details>
  );
}
