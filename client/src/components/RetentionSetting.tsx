import { RetentionDaysSchema } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { NumberSetting } from './NumberSetting';

/** Days the raw text of held and redacted questions is kept after the event ends. Remount it (key) on change. */
export function RetentionSetting({ current }: { current: number }) {
  const { t } = useTranslation();
  return (
    <NumberSetting
      id="retention-days"
      label={t('settings.retention.label')}
      hint={t('settings.retention.hint')}
      current={current}
      min={RetentionDaysSchema.minValue ?? 1}
      max={RetentionDaysSchema.maxValue ?? 365}
      change={(retentionDays) => ({
        payload: { retentionDays },
        done: t('settings.retention.saved', { count: retentionDays }),
      })}
    />
  );
}
