import { QuestionLengthLimitSchema } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { NumberSetting } from './NumberSetting';

/** The event's max question length. Remount it (key) when the server value changes. */
export function LengthSetting({ current }: { current: number }) {
  const { t } = useTranslation();
  return (
    <NumberSetting
      id="max-length"
      label={t('settings.length.label')}
      current={current}
      min={QuestionLengthLimitSchema.minValue ?? 1}
      max={QuestionLengthLimitSchema.maxValue ?? 10_000}
      change={(maxQuestionLength) => ({
        payload: { maxQuestionLength },
        done: t('settings.length.saved', { count: maxQuestionLength }),
      })}
    />
  );
}
