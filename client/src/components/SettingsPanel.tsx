import type { EventInfo } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';
import { BlockedTermsSetting } from './BlockedTermsSetting';
import { LengthSetting } from './LengthSetting';
import { PolicySetting } from './PolicySetting';

/** The event's settings, collapsed by default. Moderators only: blocked terms stay secret. */
export function SettingsPanel({ event }: { event: EventInfo }) {
  const { t } = useTranslation();
  const settings = useAppStore((state) => state.settings);
  return (
    <details className="panel settings">
      <summary className="settings__toggle" data-testid="settings-toggle">
        {t('settings.toggle')}
      </summary>
      <div className="settings__body">
        <LengthSetting key={event.maxQuestionLength} current={event.maxQuestionLength} />
        {settings && (
          <>
            <BlockedTermsSetting
              key={settings.blockedTerms.join('\n')}
              current={settings.blockedTerms}
            />
            <PolicySetting policy={settings.policy} />
          </>
        )}
      </div>
    </details>
  );
}
