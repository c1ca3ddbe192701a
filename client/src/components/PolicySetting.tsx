import { CONFIGURABLE_REASONS, type ConfigurableReason, type ReasonPolicy } from '@dais/shared';
import { useBusy } from '../hooks/useBusy';
import { REASON_LABELS } from '../lib/reasons';
import { configureEvent } from '../realtime/commands';

type Verdict = ReasonPolicy[ConfigurableReason];
const VERDICTS: Record<Verdict, string> = { hold: 'Hold for review', reject: 'Reject' };

/** What the filter does with each configurable reason; a choice is saved at once. */
export function PolicySetting({ policy }: { policy: ReasonPolicy }) {
  const [busy, run] = useBusy();
  const choose = (reason: ConfigurableReason, verdict: Verdict) => {
    const outcome = verdict === 'hold' ? 'held for review' : 'rejected';
    const done = `Questions with ${REASON_LABELS[reason]} are now ${outcome}.`;
    void run(() => configureEvent({ policy: { [reason]: verdict } }, done));
  };

  return (
    <fieldset className="setting setting--stacked policy">
      <legend>When the filter finds</legend>
      {CONFIGURABLE_REASONS.map((reason) => (
        <label key={reason} className="policy__row">
          <span>{REASON_LABELS[reason]}</span>
          <select
            className="input input--small policy__select"
            data-testid={`policy-${reason}`}
            value={policy[reason]}
            disabled={busy}
            onChange={(e) => choose(reason, e.target.value as Verdict)}
          >
            {Object.entries(VERDICTS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      ))}
      <p className="setting__hint">
        Safeguarding concerns are always held for a moderator; empty, emoji-only and too-long
        questions are always rejected.
      </p>
    </fieldset>
  );
}
