import { SlowModeSecondsSchema } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { NumberSetting } from './NumberSetting';

/** Least seconds between two questions of one participant (0: off). Remount it (key) on change. */
export function SlowModeSetting({ current, disabled }: { current: number; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <NumberSetting
      id="slow-mode"
      label={t('settings.slowMode.label')}
      hint={t('settings.slowMode.hint')}
      current={current}
      min={SlowModeSecondsSchema.minValue ?? 0}
      max={SlowModeSecondsSchema.maxValue ?? 3600}
      disabled={disabled}
      change={(slowModeSeconds) => ({
        payload: { slowModeSeconds },
        done: slowModeSeconds
          ? t('settings.slowMode.saved', { count: slowModeSeconds })
          : t('settings.slowMode.off'),
      })}
    />
  );
}
