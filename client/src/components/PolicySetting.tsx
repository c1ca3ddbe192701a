import { CONFIGURABLE_REASONS, type ConfigurableReason, type ReasonPolicy } from '@dais/shared';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../hooks/useBusy';
import { reasonLabel } from '../lib/reasons';
import { configureEvent } from '../realtime/commands';

type Verdict = ReasonPolicy[ConfigurableReason];
const VERDICTS: readonly Verdict[] = ['hold', 'reject'];

/** What the filter does with each configurable reason; a choice is saved at once. */
export function PolicySetting({ policy }: { policy: ReasonPolicy }) {
  const { t } = useTranslation();
  const [busy, run] = useBusy();
  const choose = (reason: ConfigurableReason, verdict: Verdict) => {
    const label = reasonLabel(t, reason);
    const done =
      verdict === 'hold'
        ? t('settings.policy.savedHold', { reason: label })
        : t('settings.policy.savedReject', { reason: label });
    void run(() => configureEvent({ policy: { [reason]: verdict } }, done));
  };

  return (
    <fieldset className="setting setting--stacked policy">
      <legend>{t('settings.policy.legend')}</legend>
      {CONFIGURABLE_REASONS.map((reason) => (
        <label key={reason} className="policy__row">
          <span>{reasonLabel(t, reason)}</span>
          <select
            className="input input--small policy__select"
            data-testid={`policy-${reason}`}
            value={policy[reason]}
            disabled={busy}
            onChange={(e) => choose(reason, e.target.value as Verdict)}
          >
            {VERDICTS.map((verdict) => (
              <option key={verdict} value={verdict}>
                {t(`settings.policy.${verdict}`)}
              </option>
            ))}
          </select>
        </label>
      ))}
      <p className="setting__hint">{t('settings.policy.hint')}</p>
    </fieldset>
  );
}
